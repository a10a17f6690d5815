"""Benchmark: a 1,000,000-row workers import (2% bad rows) through the real pipeline, against
the raw bulk load of the same rows into the same tables.

(a) pipeline: upload (read the header), validate every row (Polars, column-wise; one lookup
    query against the registry), preview, commit in chunks of 10,000 rows — one transaction,
    one audit row and a set-based INSERT … SELECT per chunk.
(b) raw: the valid rows, already in their final shape, written with no checks at all:
    SQLite executemany in one transaction, or PostgreSQL COPY, into registry_person, then the
    NIK → id map, then registry_spell. The floor any import could reach.

Target: (a) / (b) <= 3. Runs on a scratch SQLite file by default; with DATABASE_URL set to a
PostgreSQL server it creates (and drops) a scratch database `ckp_bench_imports` there.

    .venv/bin/python bench/imports.py [--rows 1000000] [--bad 0.02] [--chunk 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/imports.py
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

SCRATCH_DB = "ckp_bench_imports"


def _setup(tmp: Path) -> str:
    """Point Django at a scratch database and migrate it. Returns the vendor name."""
    os.environ["CAKUPAN_DATA_DIR"] = str(tmp / "data")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base = url.rsplit("/", 1)[0]
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB}")
            conn.execute(f"CREATE DATABASE {SCRATCH_DB}")
        os.environ["DATABASE_URL"] = f"{base}/{SCRATCH_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cakupan.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp / "private"
    call_command("migrate", verbosity=0)
    from cakupan.regions.services import regions_load

    regions_load(prefixes=["62"])
    from django.db import connection

    return connection.vendor


def _teardown(vendor: str) -> None:
    if vendor != "postgresql":
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB}")


def make_csv(path: Path, rows: int, bad: float, seed: int = 7) -> int:
    """Synthetic workers of Kabupaten Sukamara with unique, well-formed NIKs; `bad` of them
    broken (half a short NIK, half an income below the BPU minimum). Returns the bad count."""
    from cakupan.regions.selectors import region_children

    rng = np.random.default_rng(seed)
    districts = region_children(code="62.08")
    villages = [(v, d) for d in districts for v in region_children(code=d.code)]
    i = np.arange(rows)
    district_index = i % len(districts)
    j = i // len(districts)
    serial = j % 9999 + 1
    born = np.datetime64("1960-01-01") + (j // 9999) * 397 + rng.integers(0, 300, rows)
    female = rng.random(rows) < 0.5
    born_dates = pl.Series(born.astype("datetime64[D]")).cast(pl.Date)
    kec = np.array([d.code.replace(".", "") for d in districts])[district_index]
    village_pick = [
        [v for v, d in villages if d.code == districts[k].code] for k in range(len(districts))
    ]
    village_idx = rng.integers(0, 1000, rows)
    frame = pl.DataFrame({"kec": kec, "born": born_dates, "female": female, "serial": serial})
    day = frame["born"].dt.day() + pl.Series(female.astype(np.int8) * 40)
    nik = (
        frame["kec"]
        + day.cast(pl.String).str.zfill(2)
        + frame["born"].dt.strftime("%m%y")
        + frame["serial"].cast(pl.String).str.zfill(4)
    )
    desa = [
        village_pick[k][v % len(village_pick[k])].name
        for k, v in zip(district_index, village_idx, strict=True)
    ]
    kecamatan = [districts[k].name for k in district_index]
    income = rng.integers(1_000_000, 5_000_000, rows)
    n_bad = int(rows * bad)
    bad_rows = rng.choice(rows, n_bad, replace=False)
    nik = nik.to_numpy().astype(object)
    nik[bad_rows[: n_bad // 2]] = "62080212345"
    income[bad_rows[n_bad // 2 :]] = 500_000
    out = pl.DataFrame(
        {
            "NIK": nik,
            "Nama Lengkap": [f"Pekerja {k}" for k in range(rows)],
            "Tgl Lahir": frame["born"].dt.strftime("%d/%m/%Y"),
            "L/P": np.where(female, "P", "L"),
            "Desa": desa,
            "Kecamatan": kecamatan,
            "Pekerjaan": "Petani",
            "Penghasilan": income,
        }
    )
    out.write_csv(path, separator=";")
    return n_bad


def run_pipeline(path: Path, actor, chunk: int) -> tuple[dict, object]:
    from cakupan.imports import services

    times = {}
    t = time.perf_counter()
    with open(path, "rb") as source:
        batch = services.batch_upload(
            actor=actor,
            kind="workers",
            area_code="62.08",
            source=source,
            filename=path.name,
            options={"segment": "BPU", "payer": "apbd", "start_date": "2025-01-01"},
        )
    times["upload"] = time.perf_counter() - t
    t = time.perf_counter()
    batch = services.batch_validate(actor=actor, batch_id=batch.pk, inline=True)
    times["validate"] = time.perf_counter() - t
    services.batch_review(actor=actor, batch_id=batch.pk)
    t = time.perf_counter()
    batch = services.batch_commit(actor=actor, batch_id=batch.pk, inline=True, chunk_rows=chunk)
    times["commit"] = time.perf_counter() - t
    return times, batch


def run_raw(rows: pl.DataFrame, vendor: str) -> float:
    """The same rows, no checks: one bulk write per table in one transaction."""
    from django.db import connection, transaction
    from django.utils import timezone

    from cakupan.imports.writers import PERSON_COLUMNS, SPELL_COLUMNS

    now = timezone.now()
    persons = rows.select(list(PERSON_COLUMNS)).with_columns(
        sector=pl.lit(""),
        nik_exception_reason=pl.lit(""),
        synthetic=pl.lit(False),
        created_at=pl.lit(now),
        updated_at=pl.lit(now),
        phone=pl.col("phone").fill_null(""),
        occupation=pl.col("occupation").fill_null(""),
    )
    spells = rows.select(list(SPELL_COLUMNS))
    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cols = ", ".join(persons.columns)
        if vendor == "postgresql":
            with cursor.cursor.copy(f"COPY registry_person ({cols}) FROM STDIN") as copy:
                for row in persons.iter_rows():
                    copy.write_row(row)
        else:
            raw = connection.connection.cursor()
            data = persons.with_columns(
                pl.col("birth_date").dt.to_string("%Y-%m-%d"),
                pl.col("created_at", "updated_at").dt.to_string("%Y-%m-%d %H:%M:%S%.6f"),
            )
            marks = ", ".join("?" * len(persons.columns))
            raw.executemany(
                f"INSERT INTO registry_person ({cols}) VALUES ({marks})", data.iter_rows()
            )
        cursor.execute("SELECT nik, id FROM registry_person")
        ids = pl.DataFrame(
            cursor.fetchall(), schema={"nik": pl.String, "person_id": pl.Int64}, orient="row"
        )
        full = (
            spells.join(ids, on="nik")
            .join(rows.select("nik", "regency_code", "region_code"), on="nik")
            .drop("nik")
            .with_columns(
                kpj=pl.col("kpj").fill_null(""),
                role=pl.col("role").fill_null(""),
                source=pl.lit("bench"),
                synthetic=pl.lit(False),
                created_at=pl.lit(now),
            )
        )
        cols = ", ".join(full.columns)
        if vendor == "postgresql":
            with cursor.cursor.copy(f"COPY registry_spell ({cols}) FROM STDIN") as copy:
                for row in full.iter_rows():
                    copy.write_row(row)
        else:
            data = full.with_columns(
                pl.col("start_date", "end_date").dt.to_string("%Y-%m-%d"),
                pl.col("created_at").dt.to_string("%Y-%m-%d %H:%M:%S%.6f"),
            )
            marks = ", ".join("?" * len(full.columns))
            raw.executemany(
                f"INSERT INTO registry_spell ({cols}) VALUES ({marks})", data.iter_rows()
            )
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--bad", type=float, default=0.02)
    parser.add_argument("--chunk", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ckp-bench-imports-") as tmp_name:
        tmp = Path(tmp_name)
        vendor = _setup(tmp)
        try:
            _bench(tmp, vendor, args)
        finally:
            _teardown(vendor)


def _bench(tmp: Path, vendor: str, args) -> None:
    from django.db import connection

    from cakupan.accounts.models import RoleAssignment, User
    from cakupan.imports import storage

    actor = User.objects.create_user(username="bench", password="bench-pw-123")
    RoleAssignment.objects.create(user=actor, role="administrator", region_code="62.08")
    path = tmp / "pekerja.csv"
    t = time.perf_counter()
    n_bad = make_csv(path, args.rows, args.bad)
    generated = time.perf_counter() - t
    print(
        f"Python {platform.python_version()} · {vendor} · {args.rows:,} rows, {n_bad:,} bad "
        f"({path.stat().st_size / 1e6:.0f} MB CSV, generated in {generated:.1f} s)"
    )
    times, batch = run_pipeline(path, actor, args.chunk)
    ours = sum(times.values())
    assert batch.state == "committed", batch.error_message
    assert batch.rows_valid == args.rows - n_bad, (batch.rows_valid, batch.rows_invalid)
    print(
        f"(a) pipeline: upload {times['upload']:.2f} s + validate {times['validate']:.2f} s + "
        f"commit {times['commit']:.2f} s = {ours:.2f} s "
        f"({batch.committed_persons:,} persons, {batch.committed_spells:,} spells, "
        f"{batch.rows_invalid:,} invalid rows reported, {batch.committed_chunks} chunks)"
    )
    rows = pl.read_parquet(storage.batch_dir(batch.pk) / storage.ROWS)
    with connection.cursor() as cursor:  # empty the tables again for the raw load
        cursor.execute("DELETE FROM registry_spell")
        cursor.execute("DELETE FROM registry_person")
    raw = run_raw(rows, vendor)
    print(f"(b) raw bulk load of the same {rows.height:,} rows: {raw:.2f} s")
    ratio = ours / raw
    print(f"ratio (a)/(b) = {ratio:.2f} (target <= 3): {'OK' if ratio <= 3 else 'ABOVE TARGET'}")
    print(f"commit alone / raw = {times['commit'] / raw:.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
