"""Static SVG pictures for the printed coverage report: a choropleth map and a trend chart.

Pure functions of plain values (no Django, no database), so they are tested on their own and
the PDF gets them inline: WeasyPrint draws inline SVG, and a PDF can run no script (the
dashboard's Leaflet and Chart.js cannot be used there). Every text is passed in already
translated; numbers are written with `cakupan.rules.formats` so the map reads like the pages.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from cakupan.coverage.facts import colour_scale
from cakupan.rules.formats import percent

# The bands and colours are the web map's (`colour_scale`, the same table as draw.js), so the
# paper and the screen colour an area alike.
NO_DATA_FILL = colour_scale.NO_RATE
RATE_COLOUR = "#0b6e4f"
TARGET_COLOUR = "#c0392b"
# Names on the map only while they fit; a desa map (30+ areas) relies on the table instead.
MAX_MAP_LABELS = 12


def rate_fill(rate: Decimal | float | None) -> str:
    """The fill for a coverage rate in percent (grey without a rate: no denominator)."""
    return colour_scale.rate_colour(rate)


def band_labels(lang: str = "id") -> list[tuple[str, str]]:
    """(colour, "17–33%") for the legend, worded as the web map's legend (whole percents
    read the same in both languages)."""
    return [(b.colour, b.label) for b in colour_scale.BANDS]


def _polygons(geometry: dict) -> list[list[list[Sequence[float]]]]:
    """A (Multi)Polygon as a list of polygons, each a list of rings of [lon, lat]."""
    kind = (geometry or {}).get("type")
    coords = (geometry or {}).get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    return []


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class _Projection:
    """Longitude/latitude to SVG units: equirectangular, shrunk by cos(latitude) so areas near
    the equator (all of Indonesia) keep their shape, fitted into the box with a margin."""

    def __init__(self, features: list[dict], width: float, height: float, margin: float = 6):
        points = [
            p
            for f in features
            for polygon in _polygons(f.get("geometry"))
            for ring in polygon
            for p in ring
        ]
        lons = [p[0] for p in points] or [0.0]
        lats = [p[1] for p in points] or [0.0]
        self.min_lon, self.max_lat = min(lons), max(lats)
        self.k = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = max((max(lons) - self.min_lon) * self.k, 1e-9)
        span_y = max(self.max_lat - min(lats), 1e-9)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        self.dx = margin + ((width - 2 * margin) - span_x * self.scale) / 2
        self.dy = margin + ((height - 2 * margin) - span_y * self.scale) / 2

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.dx + (lon - self.min_lon) * self.k * self.scale,
            self.dy + (self.max_lat - lat) * self.scale,
        )


def _path_data(geometry: dict, project: _Projection) -> str:
    parts = []
    for polygon in _polygons(geometry):
        for ring in polygon:
            points, last = [], None
            for lon, lat, *_rest in ring:
                x, y = project(lon, lat)
                xy = f"{_fmt(x)} {_fmt(y)}"
                if xy != last:  # rounding folds neighbouring vertices together
                    points.append(xy)
                    last = xy
            if len(points) >= 3:
                parts.append("M" + " ".join(points) + "Z")
    return "".join(parts)


def _label_point(feature: dict, project: _Projection) -> tuple[float, float] | None:
    props = feature.get("properties") or {}
    if props.get("centroid_lng") is not None and props.get("centroid_lat") is not None:
        return project(props["centroid_lng"], props["centroid_lat"])
    rings = [ring for polygon in _polygons(feature.get("geometry")) for ring in polygon[:1]]
    if not rings:
        return None
    ring = max(rings, key=len)
    xs, ys = zip(*(project(p[0], p[1]) for p in ring), strict=True)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def choropleth_svg(
    features: Sequence[dict],
    rates: dict[str, Decimal | None],
    *,
    names: dict[str, str] | None = None,
    title: str = "",
    legend_title: str = "",
    no_data: str = "",
    lang: str = "id",
    width: int = 520,
    height: int = 360,
) -> str:
    """One `<path>` per feature (by `properties.code`), filled by its rate in `rates`.

    A feature whose code has no rate (no denominator) is grey and says `no_data` in its
    tooltip; the legend lists the bands and the grey.
    """
    features = [f for f in features if _polygons(f.get("geometry"))]
    names = names or {}
    legend_w = 150
    project = _Projection(features, width - legend_w, height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'class="choropleth">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    labels = []
    for feature in features:
        props = feature.get("properties") or {}
        code = str(props.get("code", ""))
        rate = rates.get(code)
        name = names.get(code) or props.get("name") or code
        shown = percent(rate, 1, lang) if rate is not None else no_data
        out.append(
            f'<path d="{_path_data(feature["geometry"], project)}" fill="{rate_fill(rate)}" '
            f'fill-rule="evenodd" stroke="#ffffff" stroke-width="0.8" data-code="{escape(code)}">'
            f"<title>{escape(str(name))}: {escape(shown)}</title></path>"
        )
        point = _label_point(feature, project)
        if point is not None:
            labels.append((point, str(props.get("name") or name), rate))
    if len(labels) <= MAX_MAP_LABELS:
        for (x, y), name, rate in labels:
            colour = colour_scale.text_colour(rate)
            out.append(
                f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="9" text-anchor="middle" '
                f'fill="{colour}">{escape(name)}'
                f'<tspan x="{_fmt(x)}" dy="10">'
                f"{escape(percent(rate, 1, lang) if rate is not None else '–')}</tspan></text>"
            )
    out.append(_legend(width - legend_w + 12, 16, legend_title, no_data, lang))
    out.append("</svg>")
    return "".join(out)


def _legend(x: float, y: float, title: str, no_data: str, lang: str) -> str:
    rows = [*band_labels(lang), (NO_DATA_FILL, no_data)]
    out = ['<g class="legend" font-size="9" fill="#111111">']
    out.append(f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-weight="bold">{escape(title)}</text>')
    for i, (colour, text) in enumerate(rows):
        top = y + 8 + i * 15
        out.append(
            f'<rect x="{_fmt(x)}" y="{_fmt(top)}" width="14" height="11" fill="{colour}" '
            'stroke="#999999" stroke-width="0.5"/>'
            f'<text x="{_fmt(x + 19)}" y="{_fmt(top + 9)}">{escape(text)}</text>'
        )
    out.append("</g>")
    return "".join(out)


# ---------------------------------------------------------------- trend


def _axis(values: list[Decimal]) -> tuple[int, int]:
    """(top, step) of the percentage axis: grid lines on round values, at most six of them."""
    top = max((float(v) for v in values), default=0.0)
    step = 10 if top <= 50 else 20
    return max(step, int(math.ceil(top / step)) * step), step


def trend_svg(
    points: Sequence[tuple[dt.date, Decimal | None, Decimal | None]],
    *,
    rate_label: str,
    target_label: str,
    title: str = "",
    lang: str = "id",
    width: int = 640,
    height: int = 230,
) -> str:
    """A line of the monthly coverage rate with the year's target as a dashed step line.

    `points` are (month, rate %, target %); a month without a rate breaks the line, a year
    without a target has no target segment.
    """
    left, right, top, bottom = 40, 12, 22, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _m, r, t in points for v in (r, t) if v is not None]
    y_top, y_step = _axis(values)
    n = len(points)
    step = plot_w / max(n, 1)

    def x_at(i: int) -> float:
        return left + step * (i + 0.5)

    def y_at(value) -> float:
        return top + plot_h * (1 - float(value) / y_top)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'class="trend" font-size="9" fill="#111111">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    for value in range(0, y_top + 1, y_step):
        y = y_at(value)
        out.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{width - right}" y2="{_fmt(y)}" '
            f'stroke="#dddddd" stroke-width="0.6"/>'
            f'<text x="{left - 4}" y="{_fmt(y + 3)}" text-anchor="end">'
            f"{escape(percent(value, 0, lang))}</text>"
        )
    every = 1 if n <= 13 else None
    for i, (month, _r, _t) in enumerate(points):
        if every == 1 or month.month == 1:
            label = f"{month:%m/%y}" if every == 1 else f"{month.year}"
            out.append(
                f'<text x="{_fmt(x_at(i))}" y="{height - bottom + 12}" text-anchor="middle">'
                f"{label}</text>"
            )
    # target: one dashed horizontal segment per run of months with the same target
    run_start = None
    for i in range(n + 1):
        target = points[i][2] if i < n else None
        previous = points[i - 1][2] if i > 0 else None
        if run_start is not None and (i == n or target != previous):
            x1, x2 = x_at(run_start) - step / 2, x_at(i - 1) + step / 2
            y = y_at(previous)
            out.append(
                f'<line x1="{_fmt(x1)}" y1="{_fmt(y)}" x2="{_fmt(x2)}" y2="{_fmt(y)}" '
                f'stroke="{TARGET_COLOUR}" stroke-width="1.4" stroke-dasharray="5 3" '
                'class="target-line"/>'
            )
            run_start = None
        if i < n and target is not None and run_start is None:
            run_start = i
    # rate: one polyline per run of months that have a rate
    runs, current = [], []
    for i, (_m, rate, _t) in enumerate(points):
        if rate is None:
            if current:
                runs.append(current)
            current = []
            continue
        current.append(f"{_fmt(x_at(i))},{_fmt(y_at(rate))}")
    if current:
        runs.append(current)
    for run in runs:
        if len(run) == 1:
            x, y = run[0].split(",")
            out.append(f'<circle cx="{x}" cy="{y}" r="2" fill="{RATE_COLOUR}" class="rate-line"/>')
        else:
            out.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{RATE_COLOUR}" '
                'stroke-width="1.8" class="rate-line"/>'
            )
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#555555" stroke-width="0.8"/>'
    )
    legend_x = left + 4
    out.append(
        f'<line x1="{legend_x}" y1="10" x2="{legend_x + 18}" y2="10" stroke="{RATE_COLOUR}" '
        f'stroke-width="1.8"/><text x="{legend_x + 22}" y="13">{escape(rate_label)}</text>'
        f'<line x1="{legend_x + 150}" y1="10" x2="{legend_x + 168}" y2="10" '
        f'stroke="{TARGET_COLOUR}" stroke-width="1.4" stroke-dasharray="5 3"/>'
        f'<text x="{legend_x + 172}" y="13">{escape(target_label)}</text>'
    )
    out.append("</svg>")
    return "".join(out)
