// Charts of the monitor pages, drawn with the vendored Apache ECharts from the JSON data block
// in the page (#monitor-data, or the block a chart names in data-source: an edition has one per
// indicator). The tables under the charts hold the same figures and are what readers without
// JavaScript get; the buttons switch between chart and table.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  // Viridis in five steps: ordered in lightness, so the classes read in grey and for colour-blind readers.
  var palette = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"];
  var lang = document.documentElement.lang || "nl";
  var charts = [];
  var blocks = {};

  function source(node) {
    var id = node.getAttribute("data-source") || "monitor-data";
    if (!(id in blocks)) {
      var block = document.getElementById(id);
      blocks[id] = block ? JSON.parse(block.textContent) : null;
    }
    return blocks[id];
  }

  function init(node, option) {
    var chart = echarts.init(node, null, { renderer: "svg" });
    option.aria = { enabled: true };
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
    return chart;
  }

  // One chart from its figures; the number format follows their unit.
  function draw(node, data) {
  // As the pages write numbers (NumberFormat): a share with one decimal and "%", a count with none.
  var share = data.unit === "%";
  var fmt = new Intl.NumberFormat(lang, { minimumFractionDigits: share ? 1 : 0, maximumFractionDigits: share ? 1 : 0 });
  function number(v) { return v === null || v === undefined ? "–" : fmt.format(v) + (share ? "%" : ""); }

  function series(node) {
    var s = data.series;
    var lines = [{ name: s.region.name, type: "line", data: s.region.values, symbolSize: 8, lineStyle: { width: 3 }, itemStyle: { color: "#3b528b" } }];
    if (s.country) { lines.push({ name: s.country.name, type: "line", data: s.country.values, symbol: "rect", lineStyle: { type: "dashed" }, itemStyle: { color: "#555" } }); }
    if (s.path) { lines.push({ name: s.path.name, type: "line", data: s.path.values, symbol: "triangle", connectNulls: true, lineStyle: { type: "dotted", width: 2 }, itemStyle: { color: "#21918c" } }); }
    init(node, {
      tooltip: { trigger: "axis", valueFormatter: number },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: s.periods },
      yAxis: { type: "value", scale: true, axisLabel: { formatter: function (v) { return fmt.format(v); } } },
      series: lines
    });
  }

  // Class boundaries at quantiles of the values shown, so every class holds about as many regions.
  function classes(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    if (sorted.length === 0) { return []; }
    var n = Math.min(palette.length, sorted.length), pieces = [], lower = sorted[0];
    for (var i = 1; i <= n; i++) {
      var upper = i === n ? sorted[sorted.length - 1] : sorted[Math.floor(i * sorted.length / n) - 1];
      if (upper < lower) { continue; }
      pieces.push({ min: lower, max: upper, label: number(lower) + " – " + number(upper), color: palette[pieces.length] });
      lower = upper;
    }
    return pieces;
  }

  function map(node) {
    var items = data.map.items;
    fetch(node.getAttribute("data-geo")).then(function (r) { return r.ok ? r.json() : null; }).then(function (geo) {
      if (!geo) { node.textContent = ""; node.hidden = true; return; }
      echarts.registerMap(data.map.set, geo);
      var byCode = {};
      items.forEach(function (i) { byCode[i.code] = i; });
      var values = items.filter(function (i) { return i.value !== null; }).map(function (i) { return i.value; });
      init(node, {
        tooltip: { trigger: "item", formatter: function (p) { var i = byCode[p.name]; return i ? i.name + ": " + i.label : p.name + ": " + data.labels.noData; } },
        visualMap: { type: "piecewise", pieces: classes(values), left: 0, bottom: 0, itemSymbol: "rect", textStyle: { color: "#222" } },
        series: [{
          type: "map", map: data.map.set, nameProperty: "code", roam: false,
          itemStyle: { areaColor: "#d0d0d0", borderColor: "#fff", borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: "#f4a261" } },
          // Regions without a figure (or hidden) are left out of the data, so they keep the grey area colour.
          // The selected region keeps its class colour and gets a heavy outline, on the map as on the bars.
          data: items.filter(function (i) { return i.value !== null || i.code === data.map.selected; }).map(function (i) {
            return i.code === data.map.selected ? { name: i.code, value: i.value, itemStyle: { borderColor: "#d1495b", borderWidth: 3 } } : { name: i.code, value: i.value };
          })
        }]
      });
    });
  }

  // Labels never overlap: horizontal bars get a row of at least 18 px each and names cut to the
  // margin (the full name is in the tooltip and the table); vertical bars turn long labels.
  function bars(node, items, names, horizontal, selected) {
    var valueAxis = { type: "value", axisLabel: { formatter: function (v) { return fmt.format(v); }, hideOverlap: true } };
    var categoryAxis = { type: "category", data: names, inverse: horizontal,
      axisLabel: horizontal ? { interval: 0, width: 150, overflow: "truncate" } : { interval: 0, rotate: names.length > 4 ? 30 : 0, width: 110, overflow: "truncate" } };
    init(node, {
      tooltip: { trigger: "axis", formatter: function (p) { return names[p[0].dataIndex] + ": " + items[p[0].dataIndex].label; } },
      grid: { left: horizontal ? 160 : 60, right: 20, top: 10, bottom: horizontal ? 30 : 70, containLabel: false },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: [{ type: "bar", data: items.map(function (i) {
        return selected && i.code === selected ? { value: i.value, itemStyle: { color: "#d1495b" } } : i.value;
      }), itemStyle: { color: "#3b528b" } }]
    });
  }

    var kind = node.getAttribute("data-chart");
    if (kind === "series") { series(node); }
    else if (kind === "map") { map(node); }
    else if (kind === "bars") {
      node.style.height = Math.max(360, data.map.items.length * 18 + 40) + "px";
      bars(node, data.map.items, data.map.items.map(function (i) { return i.name; }), true, data.map.selected);
    }
    else if (kind === "breakdown") { bars(node, data.breakdown.items, data.breakdown.items.map(function (i) { return i.name; }), false, null); }
  }

  document.querySelectorAll("[data-chart]").forEach(function (node) {
    var data = source(node);
    if (data) { draw(node, data); }
  });

  // Chart or table: with JavaScript the chart shows first; the button (a real button, so the
  // keyboard reaches it) swaps them and says which is shown.
  document.querySelectorAll("[data-toggle-table]").forEach(function (button) {
    var table = document.getElementById(button.getAttribute("data-toggle-table"));
    var scope = button.closest("section") || document.body;
    var figures = scope.querySelectorAll("figure.monitor-figure");
    function show(asTable) {
      table.hidden = !asTable;
      figures.forEach(function (f) { f.hidden = asTable; });
      button.setAttribute("aria-expanded", asTable ? "true" : "false");
      button.textContent = asTable ? button.getAttribute("data-label-chart") : button.getAttribute("data-label-table");
      if (!asTable) { charts.forEach(function (c) { c.resize(); }); }
    }
    button.hidden = false;
    show(false);
    button.addEventListener("click", function () { show(table.hidden); });
  });

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
