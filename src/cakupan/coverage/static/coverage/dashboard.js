/* Coverage dashboard: the trend chart and the choropleth, drawn by draw.js (CakupanDraw) from the
   json_script blocks. A click on an area drills the dashboard down to it. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var draw = window.CakupanDraw;
    draw.trend(draw.data("coverage-trend"), document.getElementById("trend"), { maxTicks: 8 });
    var d = draw.data("coverage-map");
    draw.map(d, document.getElementById("map"), {
      tooltip: function (a) { return a.rate === null ? d.text.none : draw.pct(a.rate); },
      open: function (a) { window.location.search = a.url; }
    });
  });
})();
