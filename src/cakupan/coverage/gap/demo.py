"""A small synthetic list of working residents for the Sukamara demo, labelled synthetic.

It takes some of the synthetic registry's persons in a few desa (some covered today, some
lapsed) and adds made-up residents the registry has never seen, so the gap page has all three
cases to show. The list's source says it is not DTKS or any village's real data. Running it
again changes nothing (the rows are upserted on NIK and are the same each time).
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db import transaction

from cakupan.coverage.gap.services import residents_store
from cakupan.coverage.models import ResidentList
from cakupan.registry.models import Flag, Person, PersonFlag
from cakupan.registry.synthetic import DEMO_REGENCY
from cakupan.rules.nik import build_nik

DEMO_SOURCE = "Sintetis (demo): daftar penduduk bekerja desa contoh; bukan DTKS atau data desa"
DEMO_YEAR = 2026
DESA_COUNT = 3
FROM_REGISTRY = 40  # per desa
UNKNOWN = 12  # per desa: residents the registry has never seen
NAMES = (
    "Ahmad Fauzi", "Siti Rahmah", "Yusuf Hidayat", "Nur Aini", "Rudi Hartono", "Dewi Lestari",
    "Agus Salim", "Rina Marlina", "Bambang Irawan", "Fitri Handayani", "Hendra Gunawan",
    "Wulan Sari",
)  # fmt: skip
FLAG_CYCLE = (
    [Flag.FARMER],
    [Flag.FISHER, Flag.POOR_HOUSEHOLD],
    [Flag.INFORMAL_TRADER],
    [Flag.POOR_HOUSEHOLD],
    [Flag.DISABILITY],
    [],
)


def _desa_with_most_persons(regency_code: str) -> list[str]:
    from django.db.models import Count

    rows = (
        Person.objects.filter(regency_code=regency_code, synthetic=True, merged_into__isnull=True)
        .values("region_code")
        .annotate(n=Count("id"))
        .order_by("-n", "region_code")[:DESA_COUNT]
    )
    return sorted(r["region_code"] for r in rows)


def _rows(regency_code: str) -> list[dict]:
    rows, used = [], set()
    for desa in _desa_with_most_persons(regency_code):
        persons = list(
            Person.objects.filter(region_code=desa, synthetic=True, merged_into__isnull=True)
            .order_by("nik")
            .values("id", "nik", "name", "sex", "birth_date", "occupation")[:FROM_REGISTRY]
        )
        flags: dict[int, list[str]] = {}
        for person_id, flag in PersonFlag.objects.filter(
            person_id__in=[p["id"] for p in persons]
        ).values_list("person_id", "flag"):
            flags.setdefault(person_id, []).append(flag)
        for p in persons:
            rows.append(
                {
                    "nik": p["nik"],
                    "name": p["name"],
                    "birth_year": p["birth_date"].year,
                    "sex": p["sex"],
                    "region_code": desa,
                    "occupation": p["occupation"] or "",
                    "flags": sorted(flags.get(p["id"], [])),
                }
            )
        serial = 9000
        for i in range(UNKNOWN):
            born = dt.date(1970 + (i * 3) % 35, 1 + i % 12, 1 + (i * 7) % 28)
            sex = "P" if i % 2 else "L"
            while True:
                serial += 1
                nik = build_nik(kecamatan=desa[:8], birth_date=born, sex=sex, serial=serial)
                if nik not in used and not Person.objects.filter(nik=nik).exists():
                    break
            used.add(nik)
            rows.append(
                {
                    "nik": nik,
                    "name": NAMES[i % len(NAMES)],
                    "birth_year": born.year,
                    "sex": sex,
                    "region_code": desa,
                    "occupation": ("Petani", "Nelayan", "Pedagang", "Buruh harian")[i % 4],
                    "flags": sorted(f.value for f in FLAG_CYCLE[i % len(FLAG_CYCLE)]),
                }
            )
    return rows


@transaction.atomic
def gap_demo_fill(*, regency_code: str = DEMO_REGENCY) -> dict:
    """The demo's synthetic resident list for the regency (after the synthetic registry)."""
    from cakupan.accounts.scope import SystemActor
    from cakupan.audit.actions import Action
    from cakupan.audit.services import audit_record

    rows = _rows(regency_code)
    if not rows:
        return {"skipped": True}
    resident_list, _created = ResidentList.objects.get_or_create(
        region_code=regency_code,
        source=DEMO_SOURCE,
        year=DEMO_YEAR,
        defaults={"regency_code": regency_code, "synthetic": True},
    )
    frame = pl.DataFrame(
        rows,
        schema={
            "nik": pl.String,
            "name": pl.String,
            "birth_year": pl.Int64,
            "sex": pl.String,
            "region_code": pl.String,
            "occupation": pl.String,
            "flags": pl.List(pl.String),
        },
    )
    counts = residents_store(resident_list=resident_list, rows=frame)
    if counts.new or counts.changed:
        audit_record(
            actor=SystemActor(job="coverage gap demo", region_codes=(regency_code,)),
            action=Action.COVERAGE_GAP_DEMO_FILL,
            object_type="resident_list",
            object_id=resident_list.pk,
            region_code=regency_code,
            after={"new": counts.new, "changed": counts.changed, "synthetic": True},
            reason="Synthetic resident list (demo data)",
        )
    return {"list": resident_list.pk, "residents": len(rows), "new": counts.new}
