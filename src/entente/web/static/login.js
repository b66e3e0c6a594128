// Sign-in page: the API token is sent once (POST /api/session); the server answers with an HttpOnly cookie.
"use strict";
(function () {
  var R = window.enteReview;
  var form = document.getElementById("login");
  if (!R || !form) { return; }
  var error = document.getElementById("login-error");
  var signedIn = document.getElementById("signed-in");
  var next = form.getAttribute("data-next") || "/review";
  var who = document.getElementById("reviewer");
  try { who.value = window.localStorage.getItem("entente-reviewer") || ""; } catch (e) { /* private mode */ }

  R.session().then(function (s) { if (s.authenticated) { signedIn.hidden = false; } });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    error.hidden = true;
    fetch("/api/session", {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Authorization": "Bearer " + form.elements.token.value.trim() }
    }).then(function (r) { return r.ok ? r.json() : R.failure(r); }).then(function () {
      try { window.localStorage.setItem("entente-reviewer", who.value.trim()); } catch (e) { /* ignore */ }
      window.location.assign(next);
    }).catch(function (e) { R.message(error, e.message, true); });
  });

  document.getElementById("logout").addEventListener("click", function () {
    R.session().then(function (s) {
      return fetch("/api/session", { method: "DELETE", credentials: "same-origin",
                                     headers: { "X-CSRF-Token": s.csrf || "" } });
    }).then(function () { window.location.reload(); });
  });
})();
