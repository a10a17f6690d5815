"""Benchmark: PU and BPU contributions for 1,000,000 participants, Polars vs plain NumPy.

The Polars path is the real one (`cakupan.rules.vectorised`); the NumPy baseline does the same
integer arithmetic on the same rate table, so the ratio shows what Polars costs over the bare
minimum. Both results are compared before any time is reported. Target: ratio <= 3.

    .venv/bin/python bench/contributions.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import platform
import time

import numpy as np
import polars as pl

from cakupan.rules.contributions.bpu import BPU_PAYERS, bpu_lines
from cakupan.rules.contributions.pu import RISK_CLASSES, pu_lines
from cakupan.rules.params import param
from cakupan.rules.vectorised import (
    BPU_PARAMS,
    INT64_MAX,
    PU_PARAMS,
    RateTable,
    _starts,
    build_table,
    contributions_bpu_frame,
    contributions_pu_frame,
)

EPOCH = np.datetime64("1970-01-01", "D")


def make_data(rows: int, seed: int = 7) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = np.random.default_rng(seed)
    first, last = dt.date(2015, 7, 1), dt.date(2027, 12, 31)
    days = rng.integers(0, (last - first).days + 1, rows)
    dates = np.datetime64(first, "D") + days
    pu = pl.DataFrame(
        {
            "date": dates,
            "wage": rng.integers(1_000_000, 40_000_000, rows),
            "risk_class": rng.integers(1, 6, rows),
            "padat_karya": rng.random(rows) < 0.1,
        }
    )
    bpu = pl.DataFrame(
        {
            "date": dates,
            "income": rng.integers(1_000_000, 20_700_001, rows),
            "with_jht": rng.random(rows) < 0.3,
            "transport_worker": rng.random(rows) < 0.2,
            "payer": np.array(BPU_PAYERS)[rng.integers(0, len(BPU_PAYERS), rows)],
        }
    )
    return pu, bpu


def numpy_amounts(table: RateTable, period: np.ndarray, combo: np.ndarray, base: np.ndarray):
    """Component-half-up amounts and the total, as `vectorised._amounts` computes them."""
    idx = period * table.n_combos + combo
    d, half = table.denominator, table.denominator // 2
    total = np.zeros(len(base), dtype=np.int64)
    out = {}
    for name, nums in table.numerators.items():
        capped = base
        caps = table.caps[name]
        if any(c is not None for c in caps):
            cap = np.array([c if c is not None else INT64_MAX for c in caps], dtype=np.int64)
            capped = np.minimum(base, cap[idx])
        numer = capped * np.asarray(nums, dtype=np.int64)[idx]
        numer += np.asarray(table.fixed[name], dtype=np.int64)[idx]
        out[name] = (numer + half) // d
        if not table.informational[name]:
            total += out[name]
    return out, total


def numpy_pu(frame: pl.DataFrame, table: RateTable) -> np.ndarray:
    days = frame["date"].to_numpy().astype("datetime64[D]")
    starts = np.array(table.starts, dtype="datetime64[D]")
    period = np.searchsorted(starts, days, side="right") - 1
    combo = (frame["risk_class"].to_numpy() - 1) * 2 + frame["padat_karya"].to_numpy()
    return numpy_amounts(table, period, combo, frame["wage"].to_numpy())[1]


def numpy_bpu(frame: pl.DataFrame, table: RateTable) -> np.ndarray:
    days = frame["date"].to_numpy().astype("datetime64[D]")
    starts = np.array(table.starts, dtype="datetime64[D]")
    period = np.searchsorted(starts, days, side="right") - 1
    ordered = np.array(sorted(BPU_PAYERS))  # searchsorted needs sorted codes
    position = np.searchsorted(ordered, frame["payer"].to_numpy())
    payer_index = np.array([BPU_PAYERS.index(p) for p in ordered])[position]
    n = len(BPU_PAYERS)
    combo = (
        frame["with_jht"].to_numpy().astype(np.int64) * 2 * n
        + frame["transport_worker"].to_numpy().astype(np.int64) * n
        + payer_index
    )
    return numpy_amounts(table, period, combo, frame["income"].to_numpy())[1]


def pu_table() -> RateTable:
    combos = [
        {"risk_class": rc, "padat_karya": pk}
        for rc, pk in itertools.product(RISK_CLASSES, (False, True))
    ]
    return build_table(_starts(PU_PARAMS), combos, lambda b, d, c: pu_lines(b, date=d, **c))


def bpu_table() -> RateTable:
    combos = [
        {"with_jht": j, "transport_worker": t, "payer": p}
        for j, t, p in itertools.product((False, True), (False, True), BPU_PAYERS)
    ]
    return build_table(
        _starts(BPU_PARAMS),
        combos,
        lambda b, d, c: bpu_lines(b, date=d, income=param("bpu.income_min").at(d).value, **c),
    )


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pu, bpu = make_data(args.rows)
    contributions_pu_frame(pu.head(10))  # warm the parameter cache, not the data path
    t_pu_table, table_pu = best(pu_table, 1)
    t_bpu_table, table_bpu = best(bpu_table, 1)
    lines = [
        f"Contributions benchmark — {args.rows:,} participants, best of {args.repeat}",
        f"Python {platform.python_version()}, Polars {pl.__version__}, NumPy {np.__version__}, "
        f"{platform.machine()}",
        "",
        f"{'segment':<8}{'polars s':>10}{'numpy s':>10}{'ratio':>8}{'µs/row (polars)':>18}",
    ]
    ratios = []
    for name, frame, polars_fn, numpy_fn, table in [
        ("PU", pu, contributions_pu_frame, numpy_pu, table_pu),
        ("BPU", bpu, contributions_bpu_frame, numpy_bpu, table_bpu),
    ]:
        t_pl, out = best(lambda f=frame, fn=polars_fn: fn(f), args.repeat)
        t_np, totals = best(lambda f=frame, fn=numpy_fn, t=table: fn(f, t), args.repeat)
        if not np.array_equal(out["total"].to_numpy(), totals):
            raise SystemExit(f"{name}: Polars and NumPy totals differ")
        ratio = t_pl / t_np
        ratios.append(ratio)
        lines.append(
            f"{name:<8}{t_pl:>10.3f}{t_np:>10.3f}{ratio:>8.2f}{t_pl / args.rows * 1e6:>18.3f}"
        )
    lines += [
        "",
        "Rate tables (built inside each Polars call, included above): "
        f"PU {t_pu_table * 1e3:.1f} ms, BPU {t_bpu_table * 1e3:.1f} ms",
        "Totals identical between Polars and NumPy: yes",
        f"Worst ratio {max(ratios):.2f} (target <= 3): "
        + ("OK" if max(ratios) <= 3 else "ABOVE TARGET"),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
