/* mkdocs-research: copy buttons for BibTeX blocks.
 * One delegated listener on the document, so it keeps working after Material's
 * instant navigation swaps the page content. */
(function () {
  "use strict";
  if (window.__researchCopy) return;
  window.__researchCopy = true;

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".research-copy");
    if (!button) return;
    var code = button.parentElement.querySelector("code");
    if (!code) return;
    var text = code.textContent;
    var copy = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); })
      : fallbackCopy(text);
    copy.then(function () {
      button.classList.add("research-copy--done");
      setTimeout(function () { button.classList.remove("research-copy--done"); }, 1500);
    });
  });
})();
