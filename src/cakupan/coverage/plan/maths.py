"""When a region reaches its coverage target at the current pace: pure arithmetic on (month, rate).

No Django here, so the method can be checked by hand and tested without a database. The pace is
the least-squares slope of the coverage rate (percent) over the last `WINDOW` monthly points that
have a rate (at least `MIN_POINTS`); the projection starts from the latest observed rate, not
from the fitted line, because "at the current pace from where we stand" is what a planner asks.
Months are counted on the calendar, so a missing month leaves a gap instead of squeezing the line.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

WINDOW = 12
MIN_POINTS = 3
HORIZON_MONTHS = 120  # beyond ten years a straight line says nothing useful

REACHED = "reached"
ON_TRACK = "on_track"
NOT_AT_PACE = "not_at_pace"
NO_DATA = "no_data"
STATUSES = (REACHED, ON_TRACK, NOT_AT_PACE, NO_DATA)
# Why a projection is `no_data`: each asks the planner for something different (set a target,
# enter the working population, wait for more months), so the pages name it.
NO_TARGET = "no_target"
NO_DENOMINATOR = "no_denominator"
NO_DENOMINATOR_OR_TARGET = "no_denominator_or_target"
TOO_FEW_MONTHS = "too_few_months"
REASONS = (NO_TARGET, NO_DENOMINATOR, NO_DENOMINATOR_OR_TARGET, TOO_FEW_MONTHS)


@dataclass(frozen=True)
class Projection:
    status: str
    rate: Decimal | None  # the latest observed rate in the window
    slope_per_month: Decimal | None  # percentage points per month, 4 decimals
    reach_month: dt.date | None  # first day of the month the target is reached (projected)
    months_to_reach: int | None
    points_used: int
    first_month: dt.date | None  # the window actually used
    last_month: dt.date | None
    reason: str = ""  # one of REASONS when the status is NO_DATA


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_from_index(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    return month_from_index(month_index(day) + months)


def window(
    points: list[tuple[dt.date, Decimal | None]], size: int = WINDOW
) -> list[tuple[dt.date, Decimal]]:
    """The last `size` points that have a rate, oldest first (one point per month)."""
    by_month: dict[int, tuple[dt.date, Decimal]] = {}
    for day, rate in points:
        if rate is not None:
            by_month[month_index(day)] = (day, Decimal(rate))
    return [by_month[k] for k in sorted(by_month)][-size:]


def slope(points: list[tuple[dt.date, Decimal]]) -> Fraction:
    """Ordinary least-squares slope of rate on calendar month, in points per month (exact)."""
    if len(points) < 2:
        raise ValueError("a slope needs at least two points")
    xs = [Fraction(month_index(day)) for day, _ in points]
    ys = [Fraction(rate) for _, rate in points]
    n = len(points)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        raise ValueError("points must fall in different months")
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def _decimal(value: Fraction, places: str = "0.0001") -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def project(
    points: list[tuple[dt.date, Decimal | None]],
    target: Decimal | int | None,
    *,
    size: int = WINDOW,
    minimum: int = MIN_POINTS,
    horizon: int = HORIZON_MONTHS,
    has_denominator: bool = True,
) -> Projection:
    """Status and projected month of reaching `target` (percent) from monthly rates.

    - `reached`: the latest rate is at or above the target;
    - `on_track`: rising, reaching the target within `horizon` months of the latest point;
    - `not_at_pace`: flat or falling, or too slow to get there within the horizon;
    - `no_data`: no target, no denominator (`has_denominator` False: the caller knows the
      region has no working population for the window's year), or fewer than `minimum`
      months with a rate; `reason` says which.
    """
    used = window(points, size)
    first = used[0][0] if used else None
    last = used[-1][0] if used else None
    latest = used[-1][1] if used else None
    reason = no_data_reason(
        has_target=target is not None, has_denominator=has_denominator, months=len(used),
        minimum=minimum,
    )  # fmt: skip
    if reason:
        return Projection(NO_DATA, latest, None, None, None, len(used), first, last, reason)
    pace = slope(used)
    shown = _decimal(pace)
    target = Decimal(target)
    if latest >= target:
        return Projection(REACHED, latest, shown, None, 0, len(used), first, last)
    if pace <= 0:
        return Projection(NOT_AT_PACE, latest, shown, None, None, len(used), first, last)
    months = math.ceil((Fraction(target) - Fraction(latest)) / pace)
    if months > horizon:
        return Projection(NOT_AT_PACE, latest, shown, None, None, len(used), first, last)
    return Projection(
        ON_TRACK, latest, shown, add_months(last, months), months, len(used), first, last
    )


def no_data_reason(*, has_target: bool, has_denominator: bool, months: int, minimum: int) -> str:
    """Why no projection can be made ("" when one can): a missing denominator or target first,
    since more months cannot help while either is missing."""
    if not has_denominator:
        return NO_DENOMINATOR if has_target else NO_DENOMINATOR_OR_TARGET
    if not has_target:
        return NO_TARGET
    if months < minimum:
        return TOO_FEW_MONTHS
    return ""
