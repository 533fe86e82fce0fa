// The error summary (templates/_error_summary.html) takes the focus when the page opens, so a
// form shown again with errors is announced and seen at once. Its links move to the field:
// they open a closed <details> around it first, and reach a rich-text editor through the
// hidden input it fills.
(function () {
  "use strict";

  function target(link) {
    var id = decodeURIComponent(link.hash.slice(1));
    var field = document.getElementById(id);
    if (!field && link.dataset.field) {
      // A page that gave the field its own id: the marked field of that name, else the first.
      var name = CSS.escape(link.dataset.field);
      field =
        document.querySelector('.is-invalid[name="' + name + '"]') ||
        document.querySelector('[name="' + name + '"]:not([type="hidden"])');
    }
    if (field && field.type === "hidden") {
      field = document.querySelector('trix-editor[input="' + CSS.escape(id) + '"]') || field;
    }
    return field;
  }

  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var field = target(link);
      if (!field) {
        return;
      }
      event.preventDefault();
      var details = field.closest("details");
      while (details) {
        details.open = true;
        details = details.parentElement.closest("details");
      }
      field.focus();
      var label = document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
      var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
      (label && label.offsetParent ? label : legend || field).scrollIntoView({ block: "center" });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
