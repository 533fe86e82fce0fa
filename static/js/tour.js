// The "Zo werkt Integraal" panel (templates/accounts/_tour_panel.html). Without JavaScript,
// "Sluiten" posts and the page comes back at its content; with it, the panel closes in place
// and focus moves to the main content, which the panel sat above.
(function () {
  "use strict";

  function closeInPlace(form, panel) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Tour-In-Place": "1" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          panel.remove();
          var main = document.getElementById("inhoud");
          var heading = main && main.querySelector("h1");
          var target = heading || main;
          if (target) {
            if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
            target.focus();
          }
        })
        .catch(function () {
          form.submit(); // the plain POST still closes it
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // The Help toggle is a link (to the help page when JavaScript is off) acting as a
    // button: let Space open it too, as it does a real button.
    document
      .querySelectorAll('a[role="button"][data-bs-toggle="dropdown"]')
      .forEach(function (toggle) {
        toggle.addEventListener("keydown", function (event) {
          if (event.key === " ") {
            event.preventDefault();
            toggle.click();
          }
        });
      });
    var panel = document.querySelector("[data-tour-panel]");
    if (!panel) return;
    var form = panel.querySelector("form[data-tour-close]");
    if (form) closeInPlace(form, panel);
    // Reopened from the help menu: the page comes back at the panel; put focus on it.
    if (window.location.hash === "#rondleiding") panel.focus();
  });
})();
