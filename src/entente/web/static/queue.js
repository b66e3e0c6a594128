// Review queue: j/k move, a accept, r reject, e edit (on the document page); the buttons do the same.
"use strict";
(function () {
  var R = window.enteReview;
  var table = document.getElementById("queue");
  if (!R || !table) { return; }
  var stateEl = document.getElementById("review-state");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr.qitem"));
  var cur = 0;
  var signedIn = false;

  function select(i) {
    if (!rows.length) { return; }
    cur = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, j) { r.classList.toggle("cur", j === cur); });
    rows[cur].focus({ preventScroll: true });
    rows[cur].scrollIntoView({ block: "nearest" });
  }

  function act(row, action) {
    if (action === "edit") {
      window.location.assign("/document/" + row.getAttribute("data-doc") + "#review=" +
                             encodeURIComponent(row.getAttribute("data-key")));
      return;
    }
    if (!signedIn) { R.message(stateEl, "Sign in first (link above).", true); return; }
    if (row.classList.contains("done")) { return; }
    R.post({ doc_id: row.getAttribute("data-doc"), kind: row.getAttribute("data-kind"), action: action,
             key: row.getAttribute("data-key") }).then(function () {
      row.classList.add("done", action);
      row.querySelector(".rv").hidden = true;
      row.querySelector(".done-state").textContent = action === "accept" ? "accepted" : "rejected";
      if (rows[cur] === row) { select(cur + 1); }
    }, function (e) { R.message(stateEl, "Not saved: " + e.message, true); });
  }

  table.addEventListener("click", function (ev) {
    var button = ev.target.closest("button[data-act]");
    var row = ev.target.closest("tr.qitem");
    if (!row) { return; }
    select(rows.indexOf(row));
    if (button) { act(row, button.getAttribute("data-act")); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.target.closest("input, textarea, select")) { return; }
    var action = { a: "accept", r: "reject", e: "edit" }[ev.key];
    if (ev.key === "j") { select(cur + 1); } else if (ev.key === "k") { select(cur - 1); }
    else if (action && rows[cur]) { act(rows[cur], action); } else { return; }
    ev.preventDefault();
  });

  R.session().then(function (s) {
    signedIn = s.authenticated;
    R.showState(stateEl, s);
    if (signedIn) { rows.forEach(function (r) { r.querySelector(".rv").hidden = false; }); }
    select(0);
  });
})();
