"""Exact money arithmetic: Decimal while computing, integer rupiah once rounded.

No regulation found says how BPJS rounds fractional rupiah in iuran (rules.md §2.1, [U]).
The default here rounds each component half up to the rupiah; `Rounding` makes it a setting.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from enum import StrEnum
from typing import Any

from cakupan.rules.errors import InvalidInputError

HUNDRED = Decimal(100)

# A sanity bound on any input amount (Rp1,000 trillion): big contracts fit, typos do not.
MAX_AMOUNT = 10**15


class Rounding(StrEnum):
    """Where fractional rupiah are rounded. [U]: BPJS's own rule was not found."""

    COMPONENT_HALF_UP = "component_half_up"  # default: each component half up, total = sum
    TOTAL_HALF_UP = "total_half_up"  # components shown rounded, total = round(sum of exact)
    COMPONENT_DOWN = "component_down"  # each component truncated (never overcharges)
    COMPONENT_UP = "component_up"  # each component rounded up (never undercharges)


_MODES = {
    Rounding.COMPONENT_HALF_UP: ROUND_HALF_UP,
    Rounding.TOTAL_HALF_UP: ROUND_HALF_UP,
    Rounding.COMPONENT_DOWN: ROUND_DOWN,
    Rounding.COMPONENT_UP: ROUND_UP,
}


def to_rupiah(exact: Decimal, rounding: Rounding = Rounding.COMPONENT_HALF_UP) -> int:
    return int(exact.quantize(Decimal(1), rounding=_MODES[Rounding(rounding)]))


def require_amount(field: str, value: Any, *, allow_zero: bool = True) -> int:
    """An input amount in whole rupiah: int (or integral Decimal/str), never float, never < 0."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInputError("input.not_integer", field=field, value=value)
    try:
        number = Decimal(value) if isinstance(value, str | Decimal | int) else None
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise InvalidInputError("input.not_integer", field=field, value=value)
    amount = int(number)
    if amount < 0:
        raise InvalidInputError("input.negative", field=field, value=value)
    if amount == 0 and not allow_zero:
        raise InvalidInputError("input.not_positive", field=field, value=value)
    if amount > MAX_AMOUNT:
        raise InvalidInputError("input.too_large", field=field, value=amount, limit=MAX_AMOUNT)
    return amount


def require_count(field: str, value: Any, *, limit: int = 10**6) -> int:
    """A non-negative whole number of days, months or people."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError("input.not_integer", field=field, value=value)
    if value < 0:
        raise InvalidInputError("input.negative", field=field, value=value)
    if value > limit:
        raise InvalidInputError("input.too_large", field=field, value=value, limit=limit)
    return value
