/* What inline code used to do, now that the Content-Security-Policy forbids inline scripts,
   handlers and style="" attributes:
   - image boxes: templates carry data-aspect="W / H" and data-placeholder="data:…", set here
     through the CSSOM (which the policy allows) before the masonry layout measures cards;
   - <form data-confirm="Question?">: asks before submitting (was onsubmit="return confirm()"). */
(function () {
  "use strict";

  function applyBoxes(root) {
    (root || document).querySelectorAll("[data-aspect]").forEach(function (el) {
      el.style.aspectRatio = el.dataset.aspect;
      var placeholder = el.dataset.placeholder || "";
      if (/^data:image\/[a-z+]+;base64,[A-Za-z0-9+\/=]+$/.test(placeholder)) {
        el.style.backgroundImage = 'url("' + placeholder + '")';
      }
      el.removeAttribute("data-aspect");
    });
  }

  document.addEventListener("DOMContentLoaded", function () { applyBoxes(); });
  document.addEventListener("htmx:afterSwap", function () { applyBoxes(); });
  document.addEventListener("htmx:afterSettle", function () { applyBoxes(); });
  document.addEventListener("submit", function (e) {
    var form = e.target.closest ? e.target.closest("form[data-confirm]") : null;
    if (form && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);
  window.crossnoteApplyBoxes = applyBoxes;
})();
