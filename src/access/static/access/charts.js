// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">.
// The same figures are in a data table beside each chart, for screen readers and keyboard users.
(function () {
  "use strict";
  var palette = ["#005ea2", "#d83933", "#00a91c", "#e5a000", "#8168b3", "#1b1b1b", "#00bde3"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    // A bar chart when the data says so ("type": "bar", "stacked": true); a line otherwise.
    var stacked = data.stacked ? { x: { stacked: true }, y: { stacked: true } } : undefined;
    new Chart(canvas, {
      type: data.type || "line",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, borderColor: palette[i % palette.length],
                   backgroundColor: palette[i % palette.length], tension: 0.1 };
        })
      },
      options: { animation: false, responsive: true, scales: stacked,
                 plugins: { legend: { position: "bottom" } } }
    });
  });
})();
