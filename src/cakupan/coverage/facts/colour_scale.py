"""The colour scale of every coverage map: the dashboard's and the public page's (Leaflet, in
`static/coverage/draw.js`) and the printed report's (`report_svg`).

One table, so a kecamatan at 45 % has the same colour on the screen and on the paper a
leadership meeting reads. `static/coverage/draw.js` holds the same six colours and the same
equal bands (`Math.floor(rate / (100 / 6))`) in its `COLOURS`/`NO_RATE`: change both together,
or let the page send `scale_json()` and draw from that (see `scale_json`). Pure Python (no
Django), so `report_svg` and its tests use it without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

# ColorBrewer "RdYlGn", 6 classes, red (far from any target) to green; the bands are equal
# sixths of 0–100 %, as draw.js draws them.
COLOURS: tuple[str, ...] = ("#d73027", "#fc8d59", "#fee08b", "#d9ef8b", "#91cf60", "#1a9850")
NO_RATE = "#cccccc"  # no denominator, so no rate
# Labels printed on a band: white where the fill is dark enough to need it.
DARK_FILLS = frozenset({"#d73027", "#1a9850"})


@dataclass(frozen=True)
class Band:
    lower: Fraction  # percent, inclusive
    upper: Fraction | None  # percent, exclusive; None for the last (open) band
    colour: str

    @property
    def label(self) -> str:
        """`17–33%`, rounded to whole percent as draw.js's legend writes it."""
        upper = self.upper if self.upper is not None else Fraction(100)
        return f"{_round(self.lower)}–{_round(upper)}%"


def _round(value: Fraction) -> int:
    return int(value + Fraction(1, 2))  # half up, as JavaScript's Math.round for positives


BANDS: tuple[Band, ...] = tuple(
    Band(
        Fraction(100 * i, len(COLOURS)),
        Fraction(100 * (i + 1), len(COLOURS)) if i < len(COLOURS) - 1 else None,
        colour,
    )
    for i, colour in enumerate(COLOURS)
)


def band_index(rate: Decimal | float | int | None) -> int | None:
    """The band of a coverage rate in percent (None without a rate). Rates at or above 100 %
    (more covered than the denominator counts) fall in the last band."""
    if rate is None:
        return None
    value = Fraction(str(rate))
    found = 0
    for i, band in enumerate(BANDS):
        if value >= band.lower:
            found = i
    return found


def rate_colour(rate: Decimal | float | int | None) -> str:
    index = band_index(rate)
    return NO_RATE if index is None else BANDS[index].colour


def text_colour(rate: Decimal | float | int | None) -> str:
    """Black or white, whichever reads on the rate's fill."""
    return "#ffffff" if rate_colour(rate) in DARK_FILLS else "#111111"


def scale_json() -> dict:
    """The scale for a page's JSON, so the browser draws from this table rather than a copy:
    `bands` low to high, each `{"from": lower % (inclusive), "colour", "label"}`, and the
    `no_rate` grey."""
    return {
        "bands": [{"from": float(b.lower), "colour": b.colour, "label": b.label} for b in BANDS],
        "no_rate": NO_RATE,
    }
