// Text editor (Trix): Dutch toolbar labels, and no file attachments (texts only).
// Loaded before Trix itself, so the labels are in place when the toolbar is built.
(function () {
  "use strict";
  var dutch = {
    attachFiles: "Bestanden toevoegen", bold: "Vet", bullets: "Opsomming",
    byte: "Byte", bytes: "Bytes", captionPlaceholder: "Bijschrift",
    code: "Code", heading1: "Kop", indent: "Inspringen meer", italic: "Cursief",
    link: "Link", numbers: "Nummering", outdent: "Inspringen minder", quote: "Citaat",
    redo: "Opnieuw", remove: "Verwijderen", strike: "Doorhalen", undo: "Ongedaan maken",
    unlink: "Link weghalen", url: "Adres", urlPlaceholder: "Typ een webadres",
    GB: "GB", KB: "KB", MB: "MB", PB: "PB", TB: "TB"
  };
  document.addEventListener("trix-before-initialize", function () {
    if (window.Trix && window.Trix.config && window.Trix.config.lang) {
      Object.assign(window.Trix.config.lang, dutch);
    }
  });
  document.addEventListener("trix-file-accept", function (event) {
    event.preventDefault();
  });
})();
