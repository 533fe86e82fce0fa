// Ask before a destructive action, in a dialog on the page itself.
//
// A link marked data-confirm leads to the confirmation page (projects/confirm.py). Without
// JavaScript the link opens that page. With it, the same question (the page's
// [data-confirm-question] part, fetched from the link) opens in a modal <dialog>; its form
// posts the confirmation as on the page, and "Annuleren" or Esc closes the dialog and puts
// the focus back on the link. If anything goes wrong the browser opens the page instead.
(function () {
  "use strict";

  function showQuestion(link, question) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    var title = question.querySelector("[data-confirm-title]");
    if (title) {
      title.id = "confirm-dialog-title";
      dialog.setAttribute("aria-labelledby", title.id);
    }
    dialog.appendChild(question);
    var cancel = dialog.querySelector("[data-confirm-cancel]");
    if (cancel) {
      cancel.addEventListener("click", function (event) {
        event.preventDefault();
        dialog.close();
      });
    }
    dialog.addEventListener("close", function () {
      dialog.remove();
      link.focus();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    if (cancel) cancel.focus(); // a stray Enter cancels, it does not delete
  }

  function ask(link) {
    fetch(link.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var question = page.querySelector("[data-confirm-question]");
        if (!question) throw new Error("no question");
        showQuestion(link, document.importNode(question, true));
      })
      .catch(function () {
        window.location.href = link.href;
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-confirm]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (typeof HTMLDialogElement !== "function") return; // old browser: the page itself
    event.preventDefault();
    ask(link);
  });
})();
