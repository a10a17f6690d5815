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

`--kind roster` runs the same comparison for an election-officer roster under a PKS (roles,
duty dates, minimum age, budget), and `--peer-rows N` also imports the first N rows of that
roster through django-import-export (a ModelResource with the same checks, dry run then
import, as its admin does), the tool a Django team would reach for: (c), reported per row
against (a). django-import-export is not a dependency of Cakupan: install it somewhere and
pass `--peer-path DIR` (appended to sys.path, so the project's Django stays first).

    .venv/bin/python bench/imports.py [--rows 1000000] [--bad 0.02] [--chunk 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/imports.py
    pip install --target /tmp/iex django-import-export
    .venv/bin/python bench/imports.py --kind roster --peer-rows 20000 --peer-path /tmp/iex
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl
from scratch import scratch_setup, scratch_teardown  # bench/scratch.py, beside this script

SCRATCH_DB = "ckp_bench_imports"


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


ROSTER_ROLES = ["KPPS", "Linmas", "PTPS", "PPS", "Pantarlih"]
ROSTER_TEXTS = ["Ketua KPPS", "Anggota KPPS", "Petugas Ketertiban TPS", "Pengawas TPS", "PPS"]


def make_roster_csv(path: Path, rows: int, bad: float, seed: int = 11) -> int:
    """The workers file's people as election officers of the whole regency: role, TPS, desa,
    duty 7 Nov - 8 Dec 2024. `bad` of them broken (half a NIK Excel turned into 6.2E+15, half
    a role the agreement does not cover). Returns the bad count."""
    n_bad = make_csv(path, rows, 0.0, seed)
    rng = np.random.default_rng(seed)
    people = pl.read_csv(path, separator=";", infer_schema=False)
    roles = np.array(ROSTER_TEXTS, dtype=object)[rng.integers(0, len(ROSTER_TEXTS), rows)]
    n_bad = int(rows * bad)
    bad_rows = rng.choice(rows, n_bad, replace=False)
    nik = people["NIK"].to_numpy().astype(object)
    nik[bad_rows[: n_bad // 2]] = "6.20801E+15"
    roles[bad_rows[n_bad // 2 :]] = "Bupati"
    out = pl.DataFrame(
        {
            "NIK": nik,
            "Nama": people["Nama Lengkap"],
            "Jabatan": roles,
            "TPS": (np.arange(rows) // 7 % 999 + 1).astype(str),
            "Desa/Kelurahan": people["Desa"],
            "Kecamatan": people["Kecamatan"],
            "Mulai Tugas": "07/11/2024",
            "Akhir Tugas": "08/12/2024",
        }
    )
    out.write_csv(path, separator=";")
    return n_bad


def roster_agreement(actor):
    from cakupan.agreements.services import agreement_create

    return agreement_create(
        actor=actor,
        number="BENCH/PKS/2024",
        title="Bench: petugas ad hoc Pilkada 2024",
        region_code="62.08",
        valid_from=dt.date(2024, 6, 1),
        valid_to=dt.date(2024, 12, 31),
        roles=ROSTER_ROLES,
        budget_ceiling=10**12,
    )


def run_pipeline(path: Path, actor, chunk: int, kind: str = "workers", options=None):
    from cakupan.imports import services

    times = {}
    t = time.perf_counter()
    with open(path, "rb") as source:
        batch = services.batch_upload(
            actor=actor,
            kind=kind,
            area_code="62.08",
            source=source,
            filename=path.name,
            options=options or {"segment": "BPU", "payer": "apbd", "start_date": "2025-01-01"},
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

    from cakupan.registry.services.bulk import PERSON_COLUMNS, SPELL_COLUMNS

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


def run_peer(path: Path, agreement, rows: int) -> dict:
    """(c) The roster through django-import-export: a ModelResource on Spell whose
    `before_import_row` makes the same checks as the roster kind (NIK structure, Excel-mangled
    NIK, role in the agreement, duty dates inside it, minimum age, desa of the area with a
    suggestion, same NIK twice, overlap with a stored spell), creating the person when new;
    instances are found by the natural key (person, agreement, start, end) so a re-run skips
    them. Dry run first, then the import, each in one transaction, as the admin does. Its rows
    go one by one through the ORM (about five queries each); `skip_diff` is on, as a team
    tuning it would set it."""
    import difflib

    import tablib
    from django.core.exceptions import ValidationError
    from django.db.models import Q
    from import_export import resources

    from cakupan.agreements.officer_roles import role_match
    from cakupan.agreements.roster_kind import legal_min_ages
    from cakupan.regions.models import Level, Region
    from cakupan.regions.names import region_normalise_name
    from cakupan.registry.models import Person, Spell
    from cakupan.rules.nik import parse_nik

    villages = {
        (r.code[:8], r.name_key): r.code
        for r in Region.objects.filter(level=Level.VILLAGE, code__startswith="62.08.")
    }
    districts = {
        r.name_key: r.code
        for r in Region.objects.filter(level=Level.DISTRICT, code__startswith="62.08.")
    }
    kecamatan = {c.replace(".", "") for c in districts.values()}
    minimum = legal_min_ages(dt.date(2024, 11, 7))
    today = dt.date.today()

    def day(text: str) -> dt.date:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()

    class RosterResource(resources.ModelResource):
        class Meta:
            model = Spell
            fields = ("id", "role", "start_date", "end_date")
            skip_unchanged = True
            use_transactions = True
            skip_diff = True  # its documented speed-up: no before/after diff per row

        def before_import(self, dataset, **kwargs):
            self.seen = set()

        def before_import_row(self, row, **kwargs):
            errors = {}
            nik = parse_nik(row["NIK"], kecamatan_codes=kecamatan, today=today)
            if "E+" in str(row["NIK"]).upper() or not nik.ok:
                errors["NIK"] = "NIK tidak sah"
            elif nik.value in self.seen:
                errors["NIK"] = "NIK ganda dalam berkas"
            role = role_match(row["Jabatan"])
            if role not in agreement.roles:
                errors["Jabatan"] = "jabatan tidak termasuk PKS"
            try:
                start, end = day(row["Mulai Tugas"]), day(row["Akhir Tugas"])
            except ValueError:
                errors["Mulai Tugas"] = "tanggal tidak sah"
                start = end = None
            if start and not (agreement.valid_from <= start <= end <= agreement.valid_to):
                errors["Mulai Tugas"] = "di luar masa PKS"
            district = districts.get(region_normalise_name(row["Kecamatan"]))
            desa = villages.get((district, region_normalise_name(row["Desa/Kelurahan"])))
            if desa is None:
                names = [k for d, k in villages if d == district]
                hint = difflib.get_close_matches(
                    region_normalise_name(row["Desa/Kelurahan"]), names
                )
                errors["Desa/Kelurahan"] = f"desa tidak dikenal; mungkin {hint}"
            if nik.ok and start and role and nik.birth_date:
                age = (
                    start.year
                    - nik.birth_date.year
                    - ((start.month, start.day) < (nik.birth_date.month, nik.birth_date.day))
                )
                if age < minimum.get(role, 0):
                    errors["NIK"] = "di bawah usia minimum"
            if not errors:
                clash = Spell.objects.filter(
                    Q(end_date__isnull=True) | Q(end_date__gte=start),
                    person__nik=nik.value,
                    start_date__lte=end,
                    jkk=True,
                ).exclude(agreement=agreement, start_date=start, end_date=end)
                if clash.exists():
                    errors["NIK"] = "bertumpang tindih dengan masa kepesertaan lain"
            if errors:
                raise ValidationError(errors)
            self.seen.add(nik.value)
            person, _new = Person.objects.get_or_create(
                nik=nik.value,
                defaults={
                    "name": row["Nama"],
                    "name_key": row["Nama"].upper(),
                    "sex": nik.sex,
                    "birth_date": nik.birth_date,
                    "regency_code": "62.08",
                    "region_code": desa,
                },
            )
            row.update({"_person": person, "role": role, "start_date": start, "end_date": end})

        def get_instance(self, instance_loader, row):
            return Spell.objects.filter(
                person=row["_person"],
                agreement=agreement,
                start_date=row["start_date"],
                end_date=row["end_date"],
            ).first()

        def init_instance(self, row=None):
            person = row["_person"]
            return Spell(
                person=person,
                agreement=agreement,
                regency_code=person.regency_code,
                region_code=person.region_code,
                jkk=True,
                jkm=True,
                segment="BPU",
                payer=agreement.payer,
                source="django-import-export",
            )

    header = [
        "NIK", "Nama", "Jabatan", "TPS", "Desa/Kelurahan", "Kecamatan", "Mulai Tugas",
        "Akhir Tugas",
    ]  # fmt: skip
    frame = pl.read_csv(path, separator=";", infer_schema=False, n_rows=rows)
    dataset = tablib.Dataset(*frame.select(header).iter_rows(), headers=header)
    out = {}
    t = time.perf_counter()
    preview = RosterResource().import_data(dataset, dry_run=True)
    out["dry_run"] = time.perf_counter() - t
    t = time.perf_counter()
    result = RosterResource().import_data(dataset, dry_run=False)
    out["import"] = time.perf_counter() - t
    out["total"] = out["dry_run"] + out["import"]
    out["new"] = result.totals.get("new", 0)
    out["invalid"] = len(result.invalid_rows)
    out["errors"] = len(result.row_errors())
    assert preview.totals.get("new", 0) == out["new"], (preview.totals, result.totals)
    assert Spell.objects.filter(source="django-import-export").count() == out["new"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--bad", type=float, default=0.02)
    parser.add_argument("--chunk", type=int, default=10_000)
    parser.add_argument("--kind", choices=["workers", "roster"], default="workers")
    parser.add_argument("--peer-rows", type=int, default=0, help="roster rows for (c); 0 = skip")
    parser.add_argument("--peer-path", default="", help="where django-import-export is installed")
    args = parser.parse_args()
    if args.peer_path:
        sys.path.append(args.peer_path)
    with tempfile.TemporaryDirectory(prefix="ckp-bench-imports-") as tmp_name:
        tmp = Path(tmp_name)
        vendor = scratch_setup(tmp, SCRATCH_DB)
        try:
            _bench(tmp, vendor, args)
        finally:
            scratch_teardown(vendor, SCRATCH_DB)


def _bench(tmp: Path, vendor: str, args) -> None:
    from django.db import connection

    from cakupan.accounts.models import RoleAssignment, User
    from cakupan.imports import storage

    actor = User.objects.create_user(username="bench", password="bench-pw-123")
    RoleAssignment.objects.create(user=actor, role="administrator", region_code="62.08")
    path = tmp / ("petugas.csv" if args.kind == "roster" else "pekerja.csv")
    t = time.perf_counter()
    options = None
    if args.kind == "roster":
        n_bad = make_roster_csv(path, args.rows, args.bad)
        agreement = roster_agreement(actor)
        options = {"agreement_id": agreement.pk}
    else:
        n_bad = make_csv(path, args.rows, args.bad)
    generated = time.perf_counter() - t
    print(
        f"Python {platform.python_version()} · {vendor} · {args.rows:,} rows, {n_bad:,} bad "
        f"({path.stat().st_size / 1e6:.0f} MB CSV, generated in {generated:.1f} s)"
    )
    times, batch = run_pipeline(path, actor, args.chunk, args.kind, options)
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
    if args.kind == "roster" and args.peer_rows:
        with connection.cursor() as cursor:  # the peer starts from an empty registry too
            cursor.execute("DELETE FROM registry_spell")
            cursor.execute("DELETE FROM registry_person")
        peer = run_peer(path, agreement, args.peer_rows)
        per_row_ours = ours / args.rows
        print(
            f"(c) django-import-export on the first {args.peer_rows:,} rows: dry run "
            f"{peer['dry_run']:.2f} s + import {peer['import']:.2f} s = {peer['total']:.2f} s "
            f"({peer['new']:,} new, {peer['invalid']:,} invalid, {peer['errors']:,} errors); "
            f"{peer['total'] / args.peer_rows * 1e6:.0f} us/row against (a) "
            f"{per_row_ours * 1e6:.1f} us/row: (c)/(a) = "
            f"{peer['total'] / args.peer_rows / per_row_ours:.0f}x; "
            f"1,000,000 rows would take about {peer['total'] / args.peer_rows * 1e6 / 60:.0f} min"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
