// One bar chart per dimension: each party's score and the combined score (0–100).
(function () {
  var data = JSON.parse(document.getElementById("evaluation-chart").textContent);
  document.querySelectorAll(".chart[data-dimension]").forEach(function (el) {
    var d = Number(el.dataset.dimension);
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: {},
      grid: { left: 40, right: 10, top: 20, bottom: 40 },
      xAxis: { type: "category", data: data.series.map(function (s) { return s.name; }), axisLabel: { interval: 0 } },
      yAxis: { type: "value", min: 0, max: 100 },
      series: [{
        type: "bar",
        data: data.series.map(function (s) { return s.data[d]; }),
        label: { show: true, position: "top" },
        itemStyle: { color: function (p) { return p.value !== null && p.value < 60 ? "#c0392b" : "#2b6cb0"; } }
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
