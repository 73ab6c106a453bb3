// MathJax 3 for the math in this site's own pages (pymdownx.arithmatex, generic mode).
// MathJax is served from this site (javascripts/mathjax/tex-svg-full.js, 2.2 MB) and only
// loaded on pages that have math. Material's instant navigation swaps the page content
// without a reload: each new page is typeset again (Material's recipe for MathJax 3).
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  },
  startup: { typeset: false }
};

(function () {
  "use strict";
  var source = new URL("mathjax/tex-svg-full.js", document.currentScript.src).href;
  var loaded = null;

  function load() {
    loaded = loaded || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = source;
      script.async = true;
      script.onload = function () { MathJax.startup.promise.then(resolve, reject); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loaded;
  }

  function typeset() {
    if (!document.querySelector(".arithmatex")) return;
    load().then(function () {
      // CommonHTML output has a cache to clear; this site's SVG output keeps its glyphs
      // in one cache for all pages, which must stay.
      if (MathJax.startup.output.clearCache) MathJax.startup.output.clearCache();
      MathJax.typesetClear();
      MathJax.texReset();
      return MathJax.typesetPromise();
    });
  }

  if (typeof document$ !== "undefined") document$.subscribe(typeset);  // Material
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", typeset);
  else typeset();
})();
