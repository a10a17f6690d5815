/* Public coverage page: the trend chart and the choropleth, drawn by draw.js (CakupanDraw) from
   the json_script blocks, which hold only suppressed figures: a hidden count arrives as its text
   ("< 5" or "×") and a null rate. Links go to other public pages, never to ones needing login. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var draw = window.CakupanDraw;
    draw.trend(draw.data("public-trend"), document.getElementById("trend"), { maxTicks: 6, rate: { spanGaps: false } });
    var d = draw.data("public-map");
    draw.map(d, document.getElementById("map"), {
      map: { scrollWheelZoom: false },
      noRateKey: true,
      tooltip: function (a) {
        if (a.rate !== null) return draw.pct(a.rate);
        return /^[0-9.]+$/.test(a.count) ? d.text.none : a.count + " (" + d.text.hidden + ")";
      },
      open: function (a) { window.location.href = a.url; }
    });
  });
})();
