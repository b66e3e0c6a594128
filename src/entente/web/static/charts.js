// Draws the Plotly figures a page carries in <script type="application/json" id="chart-data">.
// Each figure goes into the element with a matching data-chart attribute.
"use strict";
(function () {
  var block = document.getElementById("chart-data");
  if (!block || !window.Plotly) { return; }
  var figures = JSON.parse(block.textContent || "{}");
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud", "lasso2d", "select2d"] };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var fig = figures[el.getAttribute("data-chart")];
    if (!fig) { return; }
    window.Plotly.newPlot(el, fig.data, fig.layout, config).then(function () {
      el.setAttribute("data-rendered", "1");
    });
    el.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var target = point && point.customdata;
      // only same-site paths: never follow anything that is not a plain "/..." link
      if (typeof target === "string" && /^\/[A-Za-z0-9_\-\/]*$/.test(target)) {
        window.location.assign(target);
      }
    });
  });
})();
