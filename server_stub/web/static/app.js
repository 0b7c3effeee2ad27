// The back office's few lines of JavaScript (no inline scripts anywhere: the CSP forbids them).
// Everything works without it; this only adds confirmations, auto-submit and copy buttons.
(function () {
  "use strict";

  // <form data-confirm="Really?">: ask before sending (revoking a till, signing out everywhere).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // <select data-autosubmit>: a picker that applies as soon as it changes (the store picker).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      if (el.form.requestSubmit) { el.form.requestSubmit(); } else { el.form.submit(); }
    }
  });

  // <button data-copy="#id">: copy the text of an element (an invitation link, a pairing code).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    if (!button) { return; }
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.classList.add("copied");
      });
    }
  });

  // htmx: an answer 401 with HX-Redirect (signed out while the page was open) goes to sign-in.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var target = xhr && xhr.getResponseHeader("HX-Redirect");
    if (target && target.indexOf("/app/") === 0) { window.location.assign(target); }
  });
})();
