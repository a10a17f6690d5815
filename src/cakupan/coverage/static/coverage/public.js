/* Public coverage page: the trend chart (Chart.js) and the choropleth (Leaflet, no tiles: the
   shipped boundaries alone, so it works offline). Drawn from the json_script blocks, which hold
   only suppressed figures: a hidden count arrives as its text ("< 5" or "×") and a null rate. */
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var COLOURS = ["#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"];
  function colour(rate) {
    if (rate === null || rate === undefined) return "#cccccc";
    return COLOURS[Math.min(COLOURS.length - 1, Math.floor(rate / (100 / COLOURS.length)))];
  }
  function pct(v) {
    return v === null || v === undefined ? "–" : v.toLocaleString(document.documentElement.lang || "id", { maximumFractionDigits: 1 }) + "%";
  }

  function trend() {
    var d = data("public-trend");
    var canvas = document.getElementById("trend");
    if (!d || !canvas || !window.Chart) return;
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: d.labels,
        datasets: [
          { label: d.text.rate, data: d.rate, borderColor: "#0b5d7a", backgroundColor: "#0b5d7a", pointRadius: 0, tension: 0.2, spanGaps: false },
          { label: d.text.target, data: d.target, borderColor: "#c0392b", borderDash: [6, 4], pointRadius: 0, stepped: true, spanGaps: false }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + "%"; } } },
                  x: { ticks: { maxTicksLimit: 6 } } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + pct(c.parsed.y); } } } }
      }
    });
  }

  function map() {
    var d = data("public-map");
    var box = document.getElementById("map");
    if (!d || !d.geojson || !box || !window.L) return;
    var m = window.L.map(box, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false });
    var layer = window.L.geoJSON(d.geojson, {
      style: function (f) {
        var a = d.areas[f.properties.code] || {};
        return { color: "#334", weight: 1, fillOpacity: 0.75, fillColor: colour(a.rate) };
      },
      onEachFeature: function (f, l) {
        var a = d.areas[f.properties.code];
        if (!a) return;
        var shown = a.rate !== null ? pct(a.rate) : (/^[0-9.]+$/.test(a.count) ? d.text.none : a.count + " (" + d.text.hidden + ")");
        l.bindTooltip(a.name + ": " + shown);
        l.on("click", function () { window.location.href = a.url; });
      }
    }).addTo(m);
    m.fitBounds(layer.getBounds());
    var legend = window.L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = window.L.DomUtil.create("div", "legend");
      var step = 100 / COLOURS.length;
      div.innerHTML = COLOURS.map(function (c, i) {
        return '<i style="background:' + c + '"></i>' + Math.round(i * step) + "–" + Math.round((i + 1) * step) + "%";
      }).join("<br>") + '<br><i style="background:#cccccc"></i>–';
      return div;
    };
    legend.addTo(m);
  }

  document.addEventListener("DOMContentLoaded", function () { trend(); map(); });
})();
