"""Writes of the gap list: importing a list of working residents, and exporting who is not
covered. Each write runs in one transaction with its audit row; an export is audited too,
because names (and for some readers full NIKs) leave the system in it.

An import keeps the good rows and reports the bad ones by row number. It is idempotent: rows
are upserted on (list, NIK), a row that says what is stored already is left alone, and the
same file again (same SHA-256, nothing changed) returns the earlier report and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.db import IntegrityError, transaction
from django.utils import timezone

from cakupan.accounts.scope import permitted_region_codes, require_permission, user_has_permission
from cakupan.audit.services import audit_record
from cakupan.coverage.gap import export as export_file
from cakupan.coverage.gap import selectors
from cakupan.coverage.gap.residents import residents_read
from cakupan.coverage.models import Resident, ResidentFlag, ResidentImport, ResidentList
from cakupan.errors import DomainError
from cakupan.imports import readers
from cakupan.imports.places import places_load
from cakupan.regions.models import Level
from cakupan.regions.selectors import kecamatan_codes_undotted, region_get

BATCH = 2000
COMPARED = ("region_code", "name", "birth_year", "sex", "occupation")


@dataclass
class ImportResult:
    record: ResidentImport
    repeated: bool = False  # the same file again: nothing was written


@dataclass
class StoreCounts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0


def _refuse(code: str, text_id: str, text_en: str, **params) -> DomainError:
    return DomainError(code, text_id, text_en, **params)


def _list_fields(source: str, year) -> tuple[str, int]:
    source = " ".join((source or "").split())
    if not source:
        raise _refuse(
            "source_required",
            "Sumber daftar wajib diisi (mis. 'DTKS Desa Kartamulia 2026').",
            "The list's source is required (e.g. 'DTKS Desa Kartamulia 2026').",
        )
    if len(source) > 300:
        raise _refuse(
            "source_too_long",
            "Sumber daftar terlalu panjang (maksimal 300 karakter).",
            "The list's source is too long (at most 300 characters).",
        )
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise _refuse(
            "year_invalid",
            "Tahun daftar tidak sah.",
            "The list's year is not valid.",
        )
    return source, year


def _save_upload(source, folder: Path, suffix: str) -> tuple[Path, str]:
    target = folder / f"upload{suffix}"
    digest = hashlib.sha256()
    chunks = (
        source.chunks() if hasattr(source, "chunks") else iter(lambda: source.read(1 << 20), b"")
    )
    with open(target, "wb") as out:
        for chunk in chunks:
            digest.update(chunk)
            out.write(chunk)
    return target, digest.hexdigest()


def resident_list_import(
    *,
    actor,
    area_code: str,
    source: str,
    year: int,
    upload,
    filename: str,
    synthetic: bool = False,
) -> ImportResult:
    """Read and check `upload` (CSV, XLSX or ODS), then store its good rows in the list named
    by (area, source, year), creating the list the first time. Bad rows are reported, not
    stored; anything that fails while writing leaves the database as it was."""
    area = region_get(code=area_code)
    if area.level == Level.PROVINCE:
        raise _refuse(
            "area_too_wide",
            "Pilih kabupaten, kecamatan atau desa sebagai wilayah daftar.",
            "Choose a regency, kecamatan or desa as the list's area.",
        )
    require_permission(user=actor, permission=selectors.GAP_IMPORT, region_code=area.code)
    source, year = _list_fields(source, year)
    suffix = Path(filename or "").suffix.lower()
    if suffix not in readers.SUFFIXES:
        raise readers.ReadError(
            "file_type",
            "Jenis berkas {suffix} tidak didukung; unggah CSV, XLSX atau ODS.",
            "File type {suffix} is not supported; upload CSV, XLSX or ODS.",
            suffix=suffix or "?",
        )
    places = places_load(
        area_code=area.code,
        permitted=permitted_region_codes(user=actor, permission=selectors.GAP_IMPORT),
    )
    # The file is read from a private temporary folder and not kept: the list is what stays.
    with tempfile.TemporaryDirectory(prefix="cakupan-residents-") as folder:
        path, sha256 = _save_upload(upload, Path(folder), suffix)
        outcome = residents_read(
            path=path,
            places=places,
            kecamatan_codes=kecamatan_codes_undotted(),
            today=timezone.localdate(),
        )
    try:
        return _store_import(
            actor=actor,
            area=area,
            source=source,
            year=year,
            synthetic=synthetic,
            filename=Path(filename).name[:255],
            sha256=sha256,
            outcome=outcome,
        )
    except IntegrityError:
        # Another upload into the same list at the same moment: this one rolled back whole.
        raise _refuse(
            "import_concurrent",
            "Daftar ini sedang diimpor oleh orang lain; tidak ada yang tersimpan. Coba lagi.",
            "Someone else is importing into this list; nothing was stored. Try again.",
        ) from None


@transaction.atomic
def _store_import(
    *, actor, area, source, year, synthetic, filename, sha256, outcome
) -> ImportResult:
    resident_list, created = ResidentList.objects.get_or_create(
        region_code=area.code,
        source=source,
        year=year,
        defaults={"regency_code": area.code[:5], "synthetic": synthetic, "created_by": actor},
    )
    if created:
        audit_record(
            actor=actor,
            action="coverage.resident_list_create",
            object_type="resident_list",
            object_id=resident_list.pk,
            region_code=resident_list.region_code,
            after={"source": source, "year": year, "synthetic": resident_list.synthetic},
        )
    counts = residents_store(resident_list=resident_list, rows=outcome.valid)
    earlier = resident_list.imports.filter(sha256=sha256).first()
    if earlier is not None and not counts.new and not counts.changed:
        return ImportResult(earlier, repeated=True)
    record = ResidentImport.objects.create(
        resident_list=resident_list,
        regency_code=resident_list.regency_code,
        region_code=area.code,
        original_name=filename,
        sha256=sha256,
        rows_total=outcome.rows_total,
        rows_valid=outcome.valid.height,
        rows_invalid=outcome.rows_invalid,
        residents_new=counts.new,
        residents_changed=counts.changed,
        residents_unchanged=counts.unchanged,
        errors=outcome.errors,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        action="coverage.residents_import",
        object_type="resident_list",
        object_id=resident_list.pk,
        region_code=area.code,
        after={
            "file": filename,
            "sha256": sha256,
            "rows_total": outcome.rows_total,
            "rows_valid": outcome.valid.height,
            "rows_invalid": outcome.rows_invalid,
            "new": counts.new,
            "changed": counts.changed,
            "unchanged": counts.unchanged,
        },
    )
    return ImportResult(record)


def residents_store(*, resident_list: ResidentList, rows: pl.DataFrame) -> StoreCounts:
    """Upsert `rows` (nik, name, birth_year, sex, region_code, occupation, flags) into the list
    on NIK. Inside the caller's transaction. Residents missing from `rows` stay: a list is
    extended and corrected by its files, never emptied by one."""
    stored = {
        r["nik"]: r
        for r in Resident.objects.filter(resident_list=resident_list).values("id", "nik", *COMPARED)
    }
    stored_flags: dict[int, set[str]] = {}
    for resident_id, flag in ResidentFlag.objects.filter(
        resident__resident_list=resident_list
    ).values_list("resident_id", "flag"):
        stored_flags.setdefault(resident_id, set()).add(flag)
    counts = StoreCounts()
    new, changed, new_flags = [], [], []
    for row in rows.iter_rows(named=True):
        values = {k: row[k] if row[k] is not None else "" for k in COMPARED}
        values["birth_year"] = row["birth_year"]
        flags = set(row["flags"] or [])
        old = stored.get(row["nik"])
        if old is None:
            new.append((Resident(resident_list=resident_list, nik=row["nik"], **values), flags))
            continue
        if all(old[k] == values[k] for k in COMPARED) and stored_flags.get(old["id"], set()) == (
            flags
        ):
            counts.unchanged += 1
            continue
        changed.append((Resident(pk=old["id"], **values), flags))
    regency = resident_list.regency_code
    for resident, _flags in new:
        resident.regency_code = regency
    created = Resident.objects.bulk_create([r for r, _ in new], batch_size=BATCH)
    for resident, (_r, flags) in zip(created, new, strict=True):
        new_flags += [ResidentFlag(resident=resident, flag=f, regency_code=regency) for f in flags]
    if changed:
        Resident.objects.bulk_update([r for r, _ in changed], list(COMPARED), batch_size=BATCH)
        ids = [r.pk for r, _ in changed]
        for start in range(0, len(ids), BATCH):
            ResidentFlag.objects.filter(resident_id__in=ids[start : start + BATCH]).delete()
        for resident, flags in changed:
            new_flags += [
                ResidentFlag(resident_id=resident.pk, flag=f, regency_code=regency) for f in flags
            ]
    ResidentFlag.objects.bulk_create(new_flags, batch_size=BATCH)
    counts.new, counts.changed = len(new), len(changed)
    return counts


# ---------------------------------------------------------------------------------- export


@dataclass
class ExportFile:
    filename: str
    content_type: str
    content: bytes
    rows: int
    full_nik: bool


@transaction.atomic
def gap_export(
    *,
    actor,
    region_code: str,
    day: dt.date | None = None,
    flag: str | None = None,
    desa: str | None = None,
    list_id: int | None = None,
    lang: str = "id",
) -> ExportFile:
    """The gap list as XLSX for village operators: a summary sheet and the residents not
    covered with a desa column. Full NIKs only for a reader holding `registry.view_nik` over
    the whole region (as the registry decides who may open one); masked otherwise."""
    day = day or timezone.localdate()
    report = selectors.gap_report(
        user=actor, region_code=region_code, day=day, flag=flag, desa=desa, list_id=list_id
    )
    residents = selectors.gap_not_covered(
        user=actor, region_code=region_code, day=day, flag=flag, desa=desa, list_id=list_id
    )
    full_nik = user_has_permission(
        user=actor, permission="registry.view_nik", region_code=report.region.code
    )
    rows = []
    # In slices, so a regency-wide list never sits in memory as model objects all at once.
    total = residents.count()
    for start in range(0, total, BATCH):
        rows += selectors.gap_persons(
            user=actor, residents=residents[start : start + BATCH], day=day
        )
    content = export_file.gap_xlsx(report=report, persons=rows, full_nik=full_nik, lang=lang)
    audit_record(
        actor=actor,
        action="coverage.gap_export",
        object_type="region",
        object_id=report.region.code,
        region_code=report.region.code,
        after={
            "date": day.isoformat(),
            "flag": report.flag,
            "desa": report.desa,
            "lists": [rl.pk for rl in report.lists],
            "rows": len(rows),
            "full_nik": full_nik,
        },
        reason="full NIKs exported" if full_nik else "",
    )
    safe = report.region.code.replace(".", "")
    return ExportFile(
        filename=f"celah-kepesertaan-{safe}-{day:%Y%m%d}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content=content,
        rows=len(rows),
        full_nik=full_nik,
    )
