"""JKK permanent partial disability (cacat sebagian tetap), anatomical and functional.

    anatomical:  % from the disability table x 80 x upah
    functional:  % of function lost x % from the table x 80 x upah

(rules.md §4.3, PP 44/2015 Lampiran III as amended by PP 82/2019.) The table of percentages
per body part is a lampiran we do not hold [U], so its percentage is an input: the officer
copies it from the doctor's statement ("lengan atas sampai sendi bahu 40 %"). The 80 comes
from `jkk.wage_multiple`, the same parameter the death and CTT lump sums use.

The table percentage must be below the total permanent disability percentage (`jkk.ctt_percent`,
70 %): on the same scale, 70 % is total permanent disability, which also pays the periodic
benefit and scholarships. A percentage at or above it entered as partial would underpay, so it
is refused and the claim belongs under CTT.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from cakupan.rules.calculation import Builder, Calculation
from cakupan.rules.errors import InvalidInputError
from cakupan.rules.formats import rupiah
from cakupan.rules.money import HUNDRED, Rounding, require_amount
from cakupan.rules.wording import Words, pct


def require_percent(field: str, value: Any) -> Decimal:
    """A percentage as a doctor's statement writes it (40, 2.5): exact, above 0, at most 100.
    Floats are refused like everywhere in the rules: 0.1 is not exact."""
    if isinstance(value, bool | float) or not isinstance(value, int | Decimal | str):
        raise InvalidInputError("benefit.percent", field=field, value=value)
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInputError("benefit.percent", field=field, value=value) from None
    if not number.is_finite() or number <= 0 or number > HUNDRED:
        raise InvalidInputError("benefit.percent", field=field, value=value)
    return number


def _percentages(
    b: Builder, date: dt.date, table_percent: Any, function_lost_percent: Any
) -> tuple[Decimal, Decimal | None]:
    table = require_percent("table_percent", table_percent)
    function = (
        None
        if function_lost_percent is None
        else require_percent("function_lost_percent", function_lost_percent)
    )
    total = b.use(
        "jkk.ctt_percent",
        date,
        note=Words(
            "Batas atas persen tabel cacat sebagian (di atasnya cacat total tetap)",
            "Upper bound of the partial disability table percentage (total permanent above it)",
        ),
    )
    if table >= total.value:
        raise InvalidInputError(
            "benefit.partial_not_below_total", value=f"{table.normalize():f}", limit=total.value
        )
    return table, function


def partial_disability_percentages(
    *, date: dt.date, table_percent: Any, function_lost_percent: Any = None
) -> tuple[Decimal, Decimal | None]:
    """The percentages as the calculator reads them, checked the same way (above 0, at most
    100, the table's below the CTT percentage in force on `date`): interfaces call it to refuse
    a wrong percentage when it is typed, not only when the benefit is computed."""
    return _percentages(Builder(), date, table_percent, function_lost_percent)


def benefit_jkk_partial_disability(
    *,
    date: dt.date,
    wage_or_income: int,
    table_percent: Decimal | int | str,
    function_lost_percent: Decimal | int | str | None = None,
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """JKK permanent partial disability from an accident on `date`: one lump sum.

    Anatomical when `function_lost_percent` is None (a body part lost), functional otherwise
    (a body part that stays but works less). No periodic benefit and no scholarship: rules.md
    §4.3 gives those to death and total permanent disability only.
    """
    wage = require_amount("wage_or_income", wage_or_income, allow_zero=False)
    b = Builder(rounding)
    multiple = b.use("jkk.wage_multiple", date)
    table, function = _percentages(b, date, table_percent, function_lost_percent)
    source = b.use(
        "jkk.partial_disability_table",
        date,
        note=Words(
            f"Persen tabel {pct(table, 'id')} dari surat keterangan dokter"
            + ("" if function is None else f"; fungsi hilang {pct(function, 'id')}"),
            f"Table percentage {pct(table, 'en')} from the doctor's statement"
            + ("" if function is None else f"; function lost {pct(function, 'en')}"),
        ),
    )
    exact = Decimal(wage) * table / HUNDRED * Decimal(multiple.value)
    factors_id = [f"{pct(table, 'id')} tabel cacat", f"{multiple.value}", f"upah {rupiah(wage)}"]
    factors_en = [
        f"{pct(table, 'en')} from the disability table",
        f"{multiple.value}",
        f"wage of {rupiah(wage)}",
    ]
    name = "partial_anatomical"
    if function is not None:
        exact = exact * function / HUNDRED
        factors_id.insert(0, f"{pct(function, 'id')} fungsi hilang")
        factors_en.insert(0, f"{pct(function, 'en')} of function lost")
        name = "partial_functional"
    b.add(
        "JKK",
        name,
        exact,
        None,
        multiple.reference,
        detail=Words(" x ".join(factors_id), " x ".join(factors_en)),
    )
    b.notes.append(
        Words(
            f"Persen tabel cacat dan persen fungsi yang hilang diambil dari surat keterangan "
            f"dokter; tabel persentase cacat: {source.reference} (nilai tabel tidak disimpan "
            f"di aplikasi).",
            f"The disability table percentage and the percentage of function lost are taken "
            f"from the doctor's statement; disability table: {source.reference} (the table's "
            f"values are not held in the application).",
        )
        if function is not None
        else Words(
            f"Persen tabel cacat diambil dari surat keterangan dokter; tabel persentase cacat: "
            f"{source.reference} (nilai tabel tidak disimpan di aplikasi).",
            f"The disability table percentage is taken from the doctor's statement; disability "
            f"table: {source.reference} (the table's values are not held in the application).",
        )
    )
    return b.build()
