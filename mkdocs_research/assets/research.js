/* mkdocs-research: copy buttons for BibTeX blocks, long author lists, toggles that print as
 * the reader left them, and the in-page publication filter. Listeners are delegated from the
 * document, so they keep working after Material's instant navigation swaps the page content.
 * Without JavaScript every list is simply complete. */
(function () {
  "use strict";
  if (window.__research) return;
  window.__research = true;
  document.documentElement.classList.add("research-js");

  /* Copy ------------------------------------------------------------------------------- */

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

  function copied(button) {
    var status = button.parentElement.querySelector(".research-copy__status");
    button.classList.add("research-copy--done");
    if (status) status.textContent = button.dataset.done || "";
    clearTimeout(button.__researchTimer);
    button.__researchTimer = setTimeout(function () {
      button.classList.remove("research-copy--done");
      if (status) status.textContent = "";
    }, 2000);
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
    copy.then(function () { copied(button); });
  });

  /* "and 8 more": the button shows the hidden authors, then hides them again ------------ */

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".research-authors__toggle");
    if (!button) return;
    var more = button.previousElementSibling;
    var open = button.getAttribute("aria-expanded") !== "true";
    more.classList.toggle("research-authors__more--shown", open);
    button.setAttribute("aria-expanded", String(open));
    var other = button.dataset.other;
    button.dataset.other = button.textContent;
    button.textContent = other;
  });

  /* Print: Material opens every <details> before printing. The toggles a reader opened are
   * marked, and the print stylesheet leaves the others out. */

  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest(".research-toggle > summary");
    if (!summary) return;
    var details = summary.parentElement;
    setTimeout(function () { details.toggleAttribute("data-research-opened", details.open); }, 0);
  });

  /* Filter ----------------------------------------------------------------------------- */

  function value(form, name) {
    var field = form.querySelector(".research-filter__" + name);
    return field ? field.value.trim().toLowerCase() : "";
  }

  function searchable(row) {
    if (row.__researchText === undefined) {
      var parts = row.querySelectorAll(
        ".research-pub__head, .research-pub__title, .research-pub__authors, .research-pub__venue, .research-abbr"
      );
      row.__researchText = Array.prototype.map.call(parts, function (p) { return p.textContent; })
        .join(" ").toLowerCase();
    }
    return row.__researchText;
  }

  function applyFilter(form) {
    var root = form.closest(".research-publications");
    var words = value(form, "text").split(/\s+/).filter(Boolean);
    var type = value(form, "type"), year = value(form, "year"), tag = value(form, "tag");
    var rows = root.querySelectorAll("li.research-pub");
    var shown = 0;
    Array.prototype.forEach.call(rows, function (row) {
      var ok = (!type || row.dataset.type === type)
        && (!year || (row.dataset.year || "").toLowerCase() === year)
        && (!tag || (row.dataset.tags || "").split("|").indexOf(tag) >= 0)
        && words.every(function (w) { return searchable(row).indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    Array.prototype.forEach.call(root.querySelectorAll("ol.research-list"), function (list) {
      var empty = !list.querySelector("li.research-pub:not([hidden])");
      list.hidden = empty;
      var heading = list.previousElementSibling;
      if (heading && heading.classList.contains("research-group")) heading.hidden = empty;
    });
    var count = form.querySelector(".research-filter__count");
    if (count) {  // the texts come in the site's language from the form's data attributes
      var text = shown === rows.length ? ""
        : shown === 0 ? form.dataset.none || "No publications match"
        : form.dataset.count || "{shown} of {total}";
      count.textContent = text.replace("{shown}", shown).replace("{total}", rows.length);
    }
  }

  function onChange(event) {
    var form = event.target.closest && event.target.closest(".research-filter");
    if (form) applyFilter(form);
  }
  document.addEventListener("input", onChange);
  document.addEventListener("change", onChange);
  document.addEventListener("submit", function (event) {
    if (event.target.closest && event.target.closest(".research-filter")) event.preventDefault();
  });
})();
