// Nothing typed is lost (issue 17).
//
// 1. A form with data-autosave-url posts its fields to that URL a few seconds after the last
//    keystroke; the server keeps them as the user's draft (projects/autosave.py). A status
//    line inside the form ([data-autosave-status]) says when the draft was kept, or why not.
// 2. Leaving a page with unsaved changes asks first: every POST form with a text area or a
//    Trix editor, and every form with data-warn-unsaved, unless data-warn-unsaved="false".
//    A change already kept as a draft does not ask: the draft brings it back.
// Submitting the form itself never asks.
(function () {
  "use strict";
  var DELAY = 2500; // ms after the last keystroke
  var tracked = [];
  var submitting = false;

  function serialise(form) {
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") {
        parts.push(name + "=" + value);
      }
    });
    return parts.join("\u0000");
  }

  function watched(form) {
    var flag = form.getAttribute("data-warn-unsaved");
    if (flag === "false") return false;
    if (flag !== null || form.hasAttribute("data-autosave-url")) return true;
    var method = (form.getAttribute("method") || "get").toLowerCase();
    return method === "post" && form.querySelector("textarea, trix-editor") !== null;
  }

  function track(form) {
    var state = {
      form: form,
      url: form.getAttribute("data-autosave-url"),
      status: form.querySelector("[data-autosave-status]"),
      kept: serialise(form), // what the server has: the page as loaded, or the last draft
      timer: null,
      touched: false
    };
    tracked.push(state);

    function say(text, failed) {
      if (!state.status) return;
      state.status.textContent = text;
      state.status.classList.toggle("text-danger", !!failed);
      state.status.classList.toggle("text-body-secondary", !failed);
    }

    function store(keepalive) {
      state.timer = null;
      var now = serialise(form);
      if (!state.url || now === state.kept || submitting) return;
      var body = new FormData(form);
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(state.url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        keepalive: !!keepalive,
        headers: token ? { "X-CSRFToken": token.value } : {}
      })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (response.ok) state.kept = now;
            say(answer.message || "", !response.ok);
          });
        })
        .catch(function () {
          say("Het concept kon niet worden bewaard. Sla uw tekst op voordat u weggaat.", true);
        });
    }
    state.flush = function () {
      if (state.timer) {
        clearTimeout(state.timer);
        store(true);
      }
    };

    function schedule() {
      if (!state.url || !state.touched) return;
      if (state.timer) clearTimeout(state.timer);
      state.timer = setTimeout(store, DELAY);
    }
    function interacted() {
      state.touched = true;
      schedule();
    }
    ["input", "change", "keydown", "paste", "cut", "drop"].forEach(function (name) {
      form.addEventListener(name, interacted);
    });
    // Trix updates its hidden input on trix-change (also while it starts: not the user's).
    form.addEventListener("trix-change", schedule);
    // Trix rewrites its hidden input when it starts; that is the page as loaded, not a change.
    form.addEventListener("trix-initialize", function () {
      if (!state.touched) state.kept = serialise(form);
    });
    form.addEventListener("submit", function () {
      submitting = true;
    });
  }

  document.addEventListener("submit", function () {
    // Any form leaving the page (save, discard) ends pending drafts: no draft after a save.
    tracked.forEach(function (state) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting) return;
    var unsaved = tracked.some(function (state) {
      return state.touched && serialise(state.form) !== state.kept;
    });
    if (!unsaved) return;
    tracked.forEach(function (state) {
      if (state.flush) state.flush();
    });
    event.preventDefault();
    event.returnValue = "";
  });

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
      if (watched(form)) track(form);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
