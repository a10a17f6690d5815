"""Loading the Kemendagri regions shipped in the package.

Set-based and idempotent: the file is compared with what is stored and only new or renamed
regions are written, in one transaction, with one multi-row statement per chunk — never a
save per row. Re-running on an up-to-date database writes nothing.
"""

import csv
import gzip
import io
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from cakupan.errors import DomainError
from cakupan.regions.models import Level, Region
from cakupan.regions.names import region_normalise_name

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = (
    (Level.PROVINCE, "provinces.csv"),
    (Level.REGENCY, "regencies.csv"),
    (Level.DISTRICT, "districts.csv"),
    (Level.VILLAGE, "villages.csv.gz"),
)
LABELS = {
    Level.PROVINCE: "provinsi",
    Level.REGENCY: "kabupaten/kota",
    Level.DISTRICT: "kecamatan",
    Level.VILLAGE: "desa/kelurahan",
}


@dataclass
class LoadResult:
    counts: dict[str, int] = field(default_factory=dict)
    written: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        parts = [
            f"{n:,}".replace(",", ".") + f" {LABELS[level]}" for level, n in self.counts.items()
        ]
        secs = f"{self.seconds:.1f}".replace(".", ",")
        return f"{', '.join(parts)} dimuat dalam {secs} detik ({self.written} ditulis)"


def _read(name: str):
    path = DATA_DIR / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(io.StringIO(fh.read()))


def _wanted(code: str, prefixes: list[str] | None) -> bool:
    if not prefixes:
        return True
    return any(code == p or code.startswith(p + ".") or p.startswith(code + ".") for p in prefixes)


def _rows(prefixes: list[str] | None):
    for level, name in FILES:
        for row in _read(name):
            code = row["code"]
            if not _wanted(code, prefixes):
                continue
            is_kelurahan = level == Level.VILLAGE and code.rsplit(".", 1)[1].startswith("1")
            yield (
                code,
                row["parent_code"] or None,
                level.value,
                row["name"],
                region_normalise_name(row["name"]),
                is_kelurahan,
            )


@transaction.atomic
def regions_load(*, prefixes: list[str] | None = None) -> LoadResult:
    """Load all of Indonesia (or only the regions under `prefixes` and their ancestors)."""
    started = time.perf_counter()
    rows = list(_rows(prefixes))
    codes = {r[0] for r in rows}
    existing = dict(Region.objects.values_list("code", "name"))
    missing_parents = {r[1] for r in rows if r[1] and r[1] not in codes and r[1] not in existing}
    if missing_parents:
        raise DomainError(
            "region_parent_missing",
            "Data wilayah rusak: induk {codes} tidak ada.",
            "Region data is damaged: parents {codes} are missing.",
            codes=", ".join(sorted(missing_parents)[:5]),
        )
    changed = [r for r in rows if existing.get(r[0]) != r[3]]
    table = Region._meta.db_table
    sql = (
        f"INSERT INTO {table} (code, parent_id, level, name, name_key, is_kelurahan) "
        "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (code) DO UPDATE SET "
        "name = excluded.name, name_key = excluded.name_key, parent_id = excluded.parent_id, "
        "level = excluded.level, is_kelurahan = excluded.is_kelurahan"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(changed), 20000):
            cursor.executemany(sql, changed[start : start + 20000])
    result = LoadResult(written=len(changed))
    for _code, _parent, level, *_ in rows:
        result.counts[level] = result.counts.get(level, 0) + 1
    result.counts = {Level(k): v for k, v in result.counts.items()}
    result.seconds = time.perf_counter() - started
    if changed:
        from cakupan.regions.selectors import _kecamatan_codes

        _kecamatan_codes.cache_clear()
    return result
