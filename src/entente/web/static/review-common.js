// Shared by the review pages: the browser session (GET /api/session gives the CSRF token) and writing a review
// (POST /api/reviews with the session cookie and X-CSRF-Token).
"use strict";
window.enteReview = (function () {
  var state = null;

  function session() {
    if (!state) {
      state = fetch("/api/session", { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : { authenticated: false }; })
        .catch(function () { return { authenticated: false }; });
    }
    return state;
  }

  function reviewer() {
    try { return window.localStorage.getItem("entente-reviewer") || null; } catch (e) { return null; }
  }

  function failure(r) {
    return r.json().then(function (j) {
      var detail = j && j.detail;
      throw new Error(typeof detail === "string" ? detail : "HTTP " + r.status);
    }, function () { throw new Error("HTTP " + r.status); });
  }

  function post(body) {
    return session().then(function (s) {
      if (!s.authenticated) { throw new Error("sign in first"); }
      var payload = Object.assign({ reviewer: reviewer() }, body);
      return fetch("/api/reviews", {
        method: "POST", credentials: "same-origin", cache: "no-store",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": s.csrf },
        body: JSON.stringify(payload)
      });
    }).then(function (r) { return r.ok ? r.json() : failure(r); });
  }

  // Say whether this browser may write; when not, link to the sign-in page (back here afterwards).
  function showState(el, s) {
    if (!el) { return; }
    el.hidden = false;
    el.textContent = "";
    if (s.authenticated) {
      el.textContent = "Signed in: review controls on" + (reviewer() ? " (as " + reviewer() + ")." : ".");
      return;
    }
    var a = document.createElement("a");
    a.href = "/login?next=" + encodeURIComponent(window.location.pathname + window.location.search);
    a.textContent = "Sign in";
    el.appendChild(a);
    el.appendChild(document.createTextNode(" with the API token to accept, reject, edit or add facts."));
  }

  function message(el, text, bad) {
    if (!el) { return; }
    el.hidden = false;
    el.textContent = text;
    el.classList.toggle("warn", !!bad);
  }

  return { session: session, post: post, reviewer: reviewer, showState: showState, failure: failure,
           message: message };
})();
