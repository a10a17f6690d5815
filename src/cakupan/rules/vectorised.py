"""PU and BPU contributions for whole columns (Polars), identical to the scalar calculators.

Both paths use the same rate lines (`contributions.pu.pu_lines`, `contributions.bpu.bpu_lines`):
this module asks them once per (parameter period x combination of flags), turns each exact
Decimal rate into an integer numerator over a common denominator, and then does integer
arithmetic per row: amount = (base x numerator + D/2) // D. Integers keep rupiah exact and
make rounding identical to the scalar `Decimal` half-up; no float is involved.

A row's rates are fetched with one gather on `period x n_combinations + combination`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from cakupan.rules.calculation import Builder
from cakupan.rules.contributions.bpu import BPU_PAYERS, bpu_lines
from cakupan.rules.contributions.lines import Line
from cakupan.rules.contributions.pu import RISK_CLASSES, pu_lines
from cakupan.rules.errors import InvalidInputError, NotInForceError, RuleError
from cakupan.rules.money import Rounding
from cakupan.rules.params import param, parameter_names

INT64_MAX = 2**63 - 1
AMOUNT_LIMIT = 10**11  # Rp100 billion a month per row keeps every product inside int64
PU_PARAMS = ("pu.", "jkp.", "relief.covid", "relief.padat")
BPU_PARAMS = ("bpu.", "relief.covid_jkk", "relief.bpu")


@dataclass(frozen=True)
class RateTable:
    """Integer numerators per (period, combination) for each component, flattened."""

    starts: list[dt.date]
    n_combos: int
    denominator: int
    numerators: dict[str, list[int]]  # component -> per flat index
    fixed: dict[str, list[int]]  # component -> fixed amount x denominator
    caps: dict[str, list[int | None]]
    informational: dict[str, bool]
    payers: dict[str, str | None]
    errors: dict[int, RuleError]  # period index -> why no line exists then
    extra: dict[str, list[int]]  # e.g. BPU income bounds per flat index


def _starts(prefixes: Sequence[str]) -> list[dt.date]:
    days = {
        d
        for name in parameter_names()
        if name.startswith(tuple(prefixes))
        for d in param(name).breakpoints()
    }
    return sorted(days)


def _places(value: Decimal) -> int:
    exponent = Decimal(value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def build_table(
    starts: list[dt.date],
    combos: list[dict],
    make: Callable[[Builder, dt.date, dict], list[Line]],
    extra: Callable[[dt.date], dict[str, int]] | None = None,
) -> RateTable:
    rows: list[list[Line] | None] = []
    errors: dict[int, RuleError] = {}
    extras: dict[str, list[int]] = {}
    for period, start in enumerate(starts):
        for combo in combos:
            try:
                rows.append(make(Builder(), start, combo))
            except NotInForceError as exc:
                errors[period] = exc
                rows.append(None)
    if extra is not None:
        valid = [start for period, start in enumerate(starts) if period not in errors]
        keys = list(extra(valid[0])) if valid else []
        for period, start in enumerate(starts):
            values = dict.fromkeys(keys, 0) if period in errors else extra(start)
            for key in keys:
                extras.setdefault(key, []).extend([values[key]] * len(combos))
    lines = [line for row in rows if row for line in row]
    places = max([_places(x.percent) for x in lines if x.percent is not None] + [0])
    places = max([places] + [_places(x.fixed) + 2 for x in lines if x.fixed is not None])
    scale = 10**places
    denominator = 100 * scale
    names = list(dict.fromkeys(line.name for line in lines))
    size = len(rows)
    numerators = {n: [0] * size for n in names}
    fixed = {n: [0] * size for n in names}
    caps: dict[str, list[int | None]] = {n: [None] * size for n in names}
    informational = {line.name: line.informational for line in lines}
    payers = {line.name: line.payer for line in lines}
    for index, row in enumerate(rows):
        for line in row or ():
            if line.fixed is not None:
                fixed[line.name][index] = int(line.fixed * denominator)
            else:
                numerators[line.name][index] = int(line.percent * scale)
            caps[line.name][index] = line.cap
    return RateTable(
        starts,
        len(combos),
        denominator,
        numerators,
        fixed,
        caps,
        informational,
        payers,
        errors,
        extras,
    )


def _period(frame: pl.DataFrame, table: RateTable) -> pl.Series:
    if frame["date"].null_count():
        raise InvalidInputError("input.required", field="date")
    first = frame["date"].min()
    if first is not None and first < table.starts[0]:
        raise NotInForceError(
            "param.not_in_force", name="contributions", date=str(first), first=str(table.starts[0])
        )
    period = pl.Series(table.starts).search_sorted(frame["date"], side="right").cast(pl.Int64) - 1
    for bad, error in table.errors.items():
        if (period == bad).any():
            raise error
    return period


def _require_amounts(frame: pl.DataFrame, column: str, limit: int) -> None:
    series = frame[column]
    if series.null_count():
        raise InvalidInputError("input.required", field=column)
    if not series.dtype.is_integer():
        raise InvalidInputError("input.not_integer", field=column, value=str(series.dtype))
    low, high = series.min(), series.max()
    if low is not None and low < 0:
        raise InvalidInputError("input.negative", field=column, value=low)
    if high is not None and high > limit:
        raise InvalidInputError("input.too_large", field=column, value=high, limit=limit)


def _amounts(
    frame: pl.DataFrame, table: RateTable, base: str, rounding: Rounding
) -> tuple[pl.DataFrame, list[str]]:
    half = table.denominator // 2
    d = table.denominator
    worst = AMOUNT_LIMIT * max([max(v) for v in table.numerators.values()] + [0])
    if worst + max([max(v) for v in table.fixed.values()] + [0]) + half > INT64_MAX:
        raise OverflowError("rate precision too fine for int64 arithmetic")
    exprs, exact = [], []
    for name, nums in table.numerators.items():
        idx = pl.col("_idx")
        capped = pl.col(base)
        if any(c is not None for c in table.caps[name]):
            cap = pl.lit(pl.Series([c if c is not None else INT64_MAX for c in table.caps[name]]))
            capped = pl.min_horizontal(capped, cap.gather(idx))
        numerator = capped * pl.lit(pl.Series(nums, dtype=pl.Int64)).gather(idx) + pl.lit(
            pl.Series(table.fixed[name], dtype=pl.Int64)
        ).gather(idx)
        exact.append(numerator.alias(f"_x_{name}"))
        if rounding in (Rounding.COMPONENT_HALF_UP, Rounding.TOTAL_HALF_UP):
            exprs.append(((pl.col(f"_x_{name}") + half) // d).alias(name))
        elif rounding is Rounding.COMPONENT_DOWN:
            exprs.append((pl.col(f"_x_{name}") // d).alias(name))
        else:
            exprs.append((-((-pl.col(f"_x_{name}")) // d)).alias(name))
    out = frame.with_columns(exact).with_columns(exprs)
    counted = [n for n in table.numerators if not table.informational[n]]
    if rounding is Rounding.TOTAL_HALF_UP:
        total = (pl.sum_horizontal([pl.col(f"_x_{n}") for n in counted]) + half) // d
    else:
        total = pl.sum_horizontal([pl.col(n) for n in counted])
    out = out.with_columns(total.alias("total"))
    return out, counted


def contributions_pu_frame(
    frame: pl.DataFrame,
    *,
    programs: Iterable[str] | None = None,
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> pl.DataFrame:
    """Columns `date`, `wage`, `risk_class` (and optional `padat_karya`) -> one column per
    component, `total`, and `employer` / `worker` / `government` totals."""
    rounding = Rounding(rounding)
    programs = None if programs is None else tuple(programs)
    if "padat_karya" not in frame.columns:
        frame = frame.with_columns(padat_karya=pl.lit(False))
    _require_amounts(frame, "wage", AMOUNT_LIMIT)
    bad = frame.filter(
        ~pl.col("risk_class").is_in(list(RISK_CLASSES)) | pl.col("risk_class").is_null()
    )
    if bad.height:
        raise InvalidInputError("pu.risk_class", value=bad["risk_class"][0])
    combos = [
        {"risk_class": rc, "padat_karya": pk}
        for rc, pk in itertools.product(RISK_CLASSES, (False, True))
    ]
    table = build_table(
        _starts(PU_PARAMS),
        combos,
        lambda b, day, c: pu_lines(b, date=day, programs=programs, **c),
    )
    period = _period(frame, table)
    combo = (pl.col("risk_class").cast(pl.Int64) - 1) * 2 + pl.col("padat_karya").cast(pl.Int64)
    work = frame.with_columns(_idx=period * table.n_combos + combo)
    out, counted = _amounts(work, table, "wage", rounding)
    by_payer = {}
    for payer in ("employer", "worker", "government"):
        names = [n for n in counted if table.payers[n] == payer]
        by_payer[payer] = pl.sum_horizontal([pl.col(n) for n in names]) if names else pl.lit(0)
    out = out.with_columns(**by_payer)
    return out.drop([c for c in out.columns if c.startswith("_")])


def contributions_bpu_frame(
    frame: pl.DataFrame,
    *,
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> pl.DataFrame:
    """Columns `date`, `income` (optional `with_jht`, `transport_worker`, `payer`) -> one
    column per component and `total`, for one iuran month per row."""
    rounding = Rounding(rounding)
    defaults = {"with_jht": False, "transport_worker": False, "payer": "participant"}
    frame = frame.with_columns(
        [pl.lit(v).alias(k) for k, v in defaults.items() if k not in frame.columns]
    )
    _require_amounts(frame, "income", AMOUNT_LIMIT)
    unknown = frame.filter(~pl.col("payer").is_in(list(BPU_PAYERS)))
    if unknown.height:
        raise InvalidInputError(
            "input.choice", field="payer", choices=", ".join(BPU_PAYERS), value=unknown["payer"][0]
        )
    combos = [
        {"with_jht": j, "transport_worker": t, "payer": p}
        for j, t, p in itertools.product((False, True), (False, True), BPU_PAYERS)
    ]

    def make(b: Builder, day: dt.date, c: dict) -> list[Line]:
        return bpu_lines(b, date=day, income=param("bpu.income_min").at(day).value, **c)

    def bounds(day: dt.date) -> dict[str, int]:
        return {
            "income_min": param("bpu.income_min").at(day).value,
            "income_max": param("bpu.income_max").at(day).value,
        }

    table = build_table(_starts(BPU_PARAMS), combos, make, bounds)
    period = _period(frame, table)
    payer_index = pl.col("payer").replace_strict(
        {p: i for i, p in enumerate(BPU_PAYERS)}, return_dtype=pl.Int64
    )
    combo = (
        pl.col("with_jht").cast(pl.Int64) * 2 * len(BPU_PAYERS)
        + pl.col("transport_worker").cast(pl.Int64) * len(BPU_PAYERS)
        + payer_index
    )
    work = frame.with_columns(_idx=period * table.n_combos + combo)
    _check_income(work, table)
    out, _ = _amounts(work, table, "income", rounding)
    return out.drop([c for c in out.columns if c.startswith("_")])


def _check_income(work: pl.DataFrame, table: RateTable) -> None:
    idx = pl.col("_idx")
    low = pl.lit(pl.Series(table.extra["income_min"])).gather(idx)
    high = pl.lit(pl.Series(table.extra["income_max"])).gather(idx)
    checked = work.select(pl.col("income"), low.alias("low"), high.alias("high"))
    below = checked.filter(pl.col("income") < pl.col("low"))
    if below.height:
        raise InvalidInputError(
            "bpu.income_below_minimum", income=below["income"][0], minimum=below["low"][0]
        )
    above = checked.filter(pl.col("income") > pl.col("high"))
    if above.height:
        raise InvalidInputError(
            "bpu.income_above_maximum", income=above["income"][0], maximum=above["high"][0]
        )
