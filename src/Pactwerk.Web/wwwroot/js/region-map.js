// The map on a region's home: the regions of its set, the region itself highlighted. Without
// JavaScript or without map geometry the figure stays hidden; the page lists the municipalities.
(function () {
  "use strict";
  var node = document.querySelector("[data-region-map]");
  if (!node || !window.echarts) { return; }
  var code = node.getAttribute("data-region-map");
  fetch(node.getAttribute("data-geo")).then(function (r) { return r.ok ? r.json() : null; }).then(function (geo) {
    if (!geo || !geo.features || !geo.features.some(function (f) { return f.properties && f.properties.code === code; })) { return; }
    node.closest("figure").hidden = false;
    echarts.registerMap("region-home", geo);
    var chart = echarts.init(node, null, { renderer: "svg" });
    chart.setOption({
      aria: { enabled: true }, animation: false,
      series: [{
        type: "map", map: "region-home", nameProperty: "code", roam: false, selectedMode: false,
        itemStyle: { areaColor: "#d0d0d0", borderColor: "#fff", borderWidth: 0.5 },
        emphasis: { disabled: true },
        data: [{ name: code, itemStyle: { areaColor: "#3b528b" } }]
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
