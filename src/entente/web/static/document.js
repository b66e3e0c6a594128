// Reviewer's view: click a fact (list or label) to highlight its evidence spans.
"use strict";
(function () {
  var article = document.getElementById("article");
  var list = document.getElementById("facts");
  if (!article) { return; }
  var marks = Array.prototype.slice.call(article.querySelectorAll("mark.ev"));
  var current = null;

  function show(factId) {
    current = current === factId ? null : factId;
    var first = null;
    marks.forEach(function (m) {
      var ids = (m.getAttribute("data-facts") || "").split(" ");
      var hit = current !== null && ids.indexOf(current) >= 0;
      m.classList.toggle("on", hit);
      m.classList.toggle("dim", current !== null && !hit);
      if (hit && !first) { first = m; }
    });
    if (list) {
      list.querySelectorAll("li[data-fact]").forEach(function (li) {
        li.classList.toggle("on", li.getAttribute("data-fact") === current);
      });
    }
    if (first) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
  }

  if (list) {
    list.addEventListener("click", function (ev) {
      if (ev.target.closest(".rv, form")) { return; }  // review controls (review.js)
      var li = ev.target.closest("li[data-fact]");
      if (li) { show(li.getAttribute("data-fact")); }
    });
    list.addEventListener("keydown", function (ev) {
      if (ev.target.closest(".rv, form")) { return; }
      var li = ev.target.closest("li[data-fact]");
      if (li && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(li.getAttribute("data-fact")); }
    });
  }
  article.addEventListener("click", function (ev) {
    var label = ev.target.closest(".lbl");
    if (label) { show(label.getAttribute("data-fact")); return; }
    var mark = ev.target.closest("mark.ev");
    if (mark) { show((mark.getAttribute("data-facts") || "").split(" ")[0]); }
  });

  // "#at-123" (from search results): scroll to the evidence containing offset 123
  var m = /^#at-(\d+)$/.exec(window.location.hash);
  if (m) {
    var at = parseInt(m[1], 10);
    var target = marks.filter(function (mk) {
      return +mk.getAttribute("data-start") <= at && at < +mk.getAttribute("data-end");
    })[0] || marks.filter(function (mk) { return +mk.getAttribute("data-start") >= at; })[0];
    if (target) { target.classList.add("on"); target.scrollIntoView({ block: "center" }); }
  }
})();
