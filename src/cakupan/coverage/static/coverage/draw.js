/* Drawing shared by the coverage dashboard and the public page: the colour scale, the trend chart
   (Chart.js) and the choropleth (Leaflet, no tiles: the shipped boundaries alone, so it works
   offline). Loaded (deferred) before the page script, which supplies what differs per page. */
(function () {
  "use strict";
  var COLOURS = ["#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850"];
  var NO_RATE = "#cccccc";

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function colour(rate) {
    if (rate === null || rate === undefined) return NO_RATE;
    return COLOURS[Math.min(COLOURS.length - 1, Math.floor(rate / (100 / COLOURS.length)))];
  }
  function pct(v) {
    return v === null || v === undefined ? "–" : v.toLocaleString(document.documentElement.lang || "id", { maximumFractionDigits: 1 }) + "%";
  }

  /* opts.rate: extra Chart.js options for the rate line; opts.maxTicks: x-axis label limit. */
  function trend(d, canvas, opts) {
    if (!d || !canvas || !window.Chart) return;
    var rate = { label: d.text.rate, data: d.rate, borderColor: "#0b5d7a", backgroundColor: "#0b5d7a", pointRadius: 0, tension: 0.2 };
    Object.keys(opts.rate || {}).forEach(function (k) { rate[k] = opts.rate[k]; });
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: d.labels,
        datasets: [
          rate,
          { label: d.text.target, data: d.target, borderColor: "#c0392b", borderDash: [6, 4], pointRadius: 0, stepped: true, spanGaps: false }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + "%"; } } },
                  x: { ticks: { maxTicksLimit: opts.maxTicks } } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + pct(c.parsed.y); } } } }
      }
    });
  }

  /* opts.map: extra Leaflet map options; opts.tooltip(area): the hover text;
     opts.open(area): what a click on an area does; opts.noRateKey: add a grey "–" legend row. */
  function map(d, box, opts) {
    if (!d || !d.geojson || !box || !window.L) return;
    var mapOptions = { attributionControl: false, zoomSnap: 0.25 };
    Object.keys(opts.map || {}).forEach(function (k) { mapOptions[k] = opts.map[k]; });
    var m = window.L.map(box, mapOptions);
    var layer = window.L.geoJSON(d.geojson, {
      style: function (f) {
        var a = d.areas[f.properties.code] || {};
        return { color: "#334", weight: 1, fillOpacity: 0.75, fillColor: colour(a.rate) };
      },
      onEachFeature: function (f, l) {
        var a = d.areas[f.properties.code];
        if (!a) return;
        l.bindTooltip(a.name + ": " + opts.tooltip(a));
        l.on("click", function () { opts.open(a); });
      }
    }).addTo(m);
    m.fitBounds(layer.getBounds());
    /* The colour key twice: a control inside the map (wide screens) and a row after the map box
       (phones, where the control would cover the map); coverage.css shows one of them. */
    var step = 100 / COLOURS.length;
    var keys = COLOURS.map(function (c, i) {
      return '<span><i style="background:' + c + '"></i>' + Math.round(i * step) + "–" + Math.round((i + 1) * step) + "%</span>";
    });
    if (opts.noRateKey) keys.push('<span><i style="background:' + NO_RATE + '"></i>–</span>');
    var legend = window.L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = window.L.DomUtil.create("div", "legend");
      div.innerHTML = keys.join("<br>");
      return div;
    };
    legend.addTo(m);
    var below = document.createElement("p");
    below.className = "legend legend-below";
    below.innerHTML = keys.join("");
    box.insertAdjacentElement("afterend", below);
  }

  window.CakupanDraw = { data: data, pct: pct, trend: trend, map: map };
})();
