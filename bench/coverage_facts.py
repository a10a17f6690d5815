"""Benchmark: coverage facts for a province-sized synthetic registry.

Fills a scratch database with a synthetic registry of Kalimantan Tengah (`--persons`, default
1,000,000, spread over the province's 14 regencies in proportion to their population, about
three spells each, from `cakupan.registry.synthetic`), then

(a) times a full refresh of one month's facts for every regency (`coverage.facts.refresh_month`:
    set-based SQL, the same code the service runs), and
(b) the baseline: a single `GROUP BY region_code, segment` over the spells active on that day,
    in the same run, on the same cache;
    prints (a), (b) and the ratio (a)/(b);
(c) refreshes `--months` months (default 24) of facts through the service, then asks for the
    dashboard data (`coverage_dashboard`: headline, six breakdowns, trend, every kecamatan or
    desa inside with its gap) of `--queries` random regions (regency, kecamatan or desa) and
    months, as a province administrator, and prints p50/p95/p99; target p95 <= 200 ms.

    .venv/bin/python bench/coverage_facts.py [--persons 1000000] [--months 24] [--queries 300]
    .venv/bin/python bench/coverage_facts.py --persons 10000000      # the issue's 10 M target
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/coverage_facts.py

A scratch SQLite file in a temporary directory (removed at the end; `--keep DIR` keeps it and
a later run with the same `--keep DIR` reuses its registry, skipping the fill); with
DATABASE_URL pointing at PostgreSQL it creates (and drops) a scratch database `ckp_bench_facts`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scratch import scratch_setup, scratch_teardown  # bench/scratch.py, beside this script

SCRATCH_DB = "ckp_bench_facts"
PROVINCE = "62"
BASELINE_SQL = (
    "SELECT region_code, segment, COUNT(*) FROM registry_spell "
    "WHERE start_date <= %s AND (end_date IS NULL OR end_date >= %s) "
    "GROUP BY region_code, segment"
)


def _shares() -> dict[str, float]:
    """Each regency's share of the province's population (Dukcapil Dec 2024, shipped)."""
    import csv

    from cakupan.regions.services import DATA_DIR

    with open(DATA_DIR / "population_area_prov_kab.csv", encoding="utf-8", newline="") as fh:
        rows = [
            (r["code"], int(r["total_population"]))
            for r in csv.DictReader(fh)
            if r["code"].startswith(PROVINCE + ".") and r["total_population"]
        ]
    total = sum(n for _, n in rows)
    return {code: n / total for code, n in rows}


def _fill(persons: int, seed: int) -> tuple[int, int, float]:
    from django.db import connection

    from cakupan.registry.synthetic import registry_synthesize

    started = time.perf_counter()
    shares = _shares()
    # A bulk load into empty tables: on SQLite the secondary indexes and the no-overlap triggers
    # are built once afterwards instead of row by row (what a DBA does for an initial load; the
    # generator never makes overlapping spells, and the rebuilt indexes are the same).
    deferred = _sqlite_defer_indexes() if connection.vendor == "sqlite" else []
    for code, share in sorted(shares.items()):
        n = max(1, round(persons * share))
        result = registry_synthesize(regency_code=code, persons=n, seed=seed, replace=True)
        print(f"  {code}: {result}", flush=True)
    if deferred:
        print(f"  rebuilding {len(deferred)} indexes and triggers …", flush=True)
        with connection.cursor() as cursor:
            for sql in deferred:
                cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM registry_person")
        (n_persons,) = cursor.fetchone()
        cursor.execute("SELECT COUNT(*) FROM registry_spell")
        (n_spells,) = cursor.fetchone()
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
    return n_persons, n_spells, time.perf_counter() - started


REGISTRY_TABLES = ("registry_person", "registry_spell", "registry_personflag", "registry_employer")


def _sqlite_defer_indexes() -> list[str]:
    """Drop the registry tables' secondary indexes and triggers; return the SQL that rebuilds
    them (indexes first, then triggers). Automatic indexes (UNIQUE, primary keys) stay."""
    from django.db import connection

    marks = ", ".join("?" * len(REGISTRY_TABLES))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            f"AND tbl_name IN ({marks}) AND sql IS NOT NULL ORDER BY type",
            REGISTRY_TABLES,
        )
        found = cursor.fetchall()
        for kind, name, _sql in found:
            cursor.execute(f'DROP {kind.upper()} "{name}"')
    return [sql for _kind, _name, sql in found]


def _filled() -> tuple[int, int] | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM registry_person")
        (n_persons,) = cursor.fetchone()
        cursor.execute("SELECT COUNT(*) FROM registry_spell")
        (n_spells,) = cursor.fetchone()
    return (n_persons, n_spells) if n_persons else None


def _pct(values: list[float]) -> str:
    a = np.array(values) * 1000
    return (
        f"p50 {np.percentile(a, 50):7.1f}  p95 {np.percentile(a, 95):7.1f}  "
        f"p99 {np.percentile(a, 99):7.1f}  max {a.max():7.1f} ms"
    )


def run(args) -> None:
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="ckp-bench-facts-"))
    vendor = scratch_setup(tmp, SCRATCH_DB)
    try:
        _run(args, vendor)
    finally:
        scratch_teardown(vendor, SCRATCH_DB)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def _run(args, vendor: str) -> None:
    from django.db import connection, transaction

    from cakupan.accounts.models import RoleAssignment, User
    from cakupan.coverage.facts import counts as facts
    from cakupan.coverage.facts.dashboard import coverage_dashboard
    from cakupan.coverage.facts.services import coverage_facts_refresh
    from cakupan.regions.models import Region
    from cakupan.registry.synthetic import data

    if args.keep and _filled():
        print(f"Reusing the registry kept in {args.keep}")
        n_persons, n_spells, seconds = *_filled(), 0.0
    else:
        print(f"Filling a synthetic Kalimantan Tengah registry of {args.persons:,} persons …")
        n_persons, n_spells, seconds = _fill(args.persons, args.seed)
    print(
        f"Python {platform.python_version()} · {vendor} · {n_persons:,} persons, "
        f"{n_spells:,} spells in {seconds:.1f} s"
    )
    regencies = sorted(_shares())
    day = facts.month_end(data.AS_OF)

    # (a) vs (b), alternated so both meet the same cache; the first round warms it up.
    refresh_times, baseline_times = [], []
    for round_ in range(args.repeat + 1):
        started = time.perf_counter()
        with transaction.atomic():
            counted = sum(facts.refresh_month(regency_code=code, month=day) for code in regencies)
        a = time.perf_counter() - started
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(BASELINE_SQL, [day, day])
            groups = cursor.fetchall()
        b = time.perf_counter() - started
        if round_:
            refresh_times.append(a)
            baseline_times.append(b)
    active = sum(n for *_, n in groups)
    a, b = min(refresh_times), min(baseline_times)
    print(f"\nOne month ({day}): {counted:,} persons covered ({active:,} active spells)")
    print(f"(a) full refresh of the month's facts, 14 regencies: {a:8.2f} s")
    print(f"(b) one GROUP BY over the active spells:              {b:8.2f} s")
    print(f"ratio (a)/(b) = {a / b:.2f}  (best of {args.repeat})")

    # (c) dashboard data from the facts
    start = dt.date(day.year - args.months // 12 - 1, 1, 1)
    months = facts.months_between(start, day)[-args.months :]
    started = time.perf_counter()
    for code in regencies:
        coverage_facts_refresh(actor=None, regency_code=code, months=months)
    print(
        f"\nRefreshed {len(months)} months × 14 regencies in {time.perf_counter() - started:.1f} s"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM coverage_coveragefact")
        (n_facts,) = cursor.fetchone()
    print(f"{n_facts:,} fact rows ({n_facts / len(months):,.0f} per month)")
    user, created = User.objects.get_or_create(username="bench")
    if created:
        RoleAssignment.objects.create(user=user, role="administrator", region_code=PROVINCE)
    rng = random.Random(args.seed)
    codes = {
        level: list(
            Region.objects.filter(code__startswith=PROVINCE + ".", level=level).values_list(
                "code", flat=True
            )
        )
        for level in ("regency", "district", "village")
    }
    timings: dict[str, list[float]] = {level: [] for level in codes}
    for i in range(args.queries + 10):
        level = ("regency", "district", "village")[i % 3]
        code = rng.choice(codes[level])
        month = rng.choice(months)
        started = time.perf_counter()
        board = coverage_dashboard(user=user, region_code=code, month=month)
        elapsed = time.perf_counter() - started
        assert board.indicator.region_code == code
        if i >= 10:
            timings[level].append(elapsed)
    every = [t for ts in timings.values() for t in ts]
    print(f"\n(c) dashboard data, {args.queries} random region+month queries:")
    for level, ts in timings.items():
        print(f"  {level:8s} {_pct(ts)}")
    print(f"  all      {_pct(every)}   target p95 <= 200 ms")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="SQLite only: keep the scratch data in DIR (and reuse a registry already there)",
    )
    run(parser.parse_args())


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    main()
