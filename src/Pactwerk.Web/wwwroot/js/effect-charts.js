// Charts of the effect view, drawn from the JSON data block #effect-data: each indicator against
// the target path, and the summed outputs of the actions per year. The tables under the charts hold
// the same figures; without JavaScript the figures stay hidden and the tables are what readers get.
(function () {
  "use strict";
  var node = document.getElementById("effect-data");
  if (!node || !window.echarts) { return; }
  var data = JSON.parse(node.textContent);
  var lang = document.documentElement.lang || "nl";
  var charts = [];
  // Viridis steps: distinguishable in grey and for colour-blind readers.
  var palette = ["#3b528b", "#21918c", "#5ec962", "#440154", "#fde725"];

  function draw(target, option) {
    target.closest("figure").hidden = false;
    var chart = echarts.init(target, null, { renderer: "svg" });
    option.aria = { enabled: true };
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
  }

  document.querySelectorAll("[data-effect-indicator]").forEach(function (target) {
    var code = target.getAttribute("data-effect-indicator");
    var i = (data.indicators || []).filter(function (x) { return x.code === code; })[0];
    if (!i) { return; }
    var fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: i.unit === "%" ? 2 : 0 });
    draw(target, {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "–" : fmt.format(v); } },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: i.periods },
      yAxis: { type: "value", scale: true, axisLabel: { formatter: function (v) { return fmt.format(v); } } },
      series: [
        { name: data.labels.value, type: "line", data: i.values, symbolSize: 8, lineStyle: { width: 3 }, itemStyle: { color: "#3b528b" } },
        { name: data.labels.expected, type: "line", data: i.expected, symbol: "triangle", connectNulls: true, lineStyle: { type: "dotted", width: 2 }, itemStyle: { color: "#21918c" } }
      ]
    });
  });

  var outputs = document.querySelector("[data-effect-outputs]");
  if (outputs && data.outputs && data.outputs.years.length > 0) {
    var fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
    draw(outputs, {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "–" : fmt.format(v); } },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: data.outputs.years.map(String) },
      yAxis: { type: "value", axisLabel: { formatter: function (v) { return fmt.format(v); } } },
      series: data.outputs.units.map(function (u, n) { return { name: u.name, type: "bar", data: u.values, itemStyle: { color: palette[n % palette.length] } }; })
    });
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
