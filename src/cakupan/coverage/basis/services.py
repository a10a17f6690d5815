"""Writes of the basis: the working population (denominators) and targets of a region.

Each runs in one transaction with its audit row and needs `coverage.manage` inside the region
it describes (the demo set-up acts as an `accounts.scope.SystemActor` for its regency).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.db import transaction

from cakupan.accounts.scope import require_permission, user_has_permission
from cakupan.audit.services import audit_record
from cakupan.coverage.basis.crosswalk import code_to_kemendagri
from cakupan.coverage.basis.files import (
    DenominatorImport,
    RefusedRow,
    StoredRow,
    denominator_rows_read,
)
from cakupan.coverage.models import (
    Denominator,
    DenominatorBasis,
    Target,
)
from cakupan.errors import DomainError
from cakupan.regions.models import Level
from cakupan.regions.selectors import region_display_name, region_get
from cakupan.rules import formats as formatting

CODE_SYSTEMS = ("kemendagri", "bps")
YEARS = (2000, 2100)


def _region_for(code: str):
    region = region_get(code=code)
    if region.level == Level.PROVINCE:
        raise DomainError(
            "coverage_region_level",
            "Penyebut dan target dicatat per kabupaten/kota, kecamatan atau desa, "
            "bukan provinsi ({code}).",
            "Denominators and targets are kept per regency, kecamatan or desa, "
            "not province ({code}).",
            code=region.code,
        )
    return region


def _check_year(year: int) -> None:
    if not (YEARS[0] <= int(year) <= YEARS[1]):
        raise DomainError(
            "coverage_year",
            "Tahun {year} tidak masuk akal.",
            "Year {year} is not plausible.",
            year=year,
        )


def _denominator_snapshot(d: Denominator | None) -> dict | None:
    if d is None:
        return None
    return {
        "region_code": d.region_code,
        "year": d.year,
        "working_population": d.working_population,
        "population": d.population,
        "basis": d.basis,
        "employment_share": str(d.employment_share) if d.employment_share is not None else None,
        "source": d.source,
    }


def _estimate(population: int, share: Decimal) -> int:
    return int((Decimal(population) * share).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _share(value) -> Decimal:
    share = Decimal(str(value))
    if not (Decimal(0) < share <= Decimal(1)):
        raise DomainError(
            "coverage_share",
            "Bagian penduduk yang bekerja harus di antara 0 dan 1 (mis. 0,49).",
            "The share of the population that works must be between 0 and 1 (e.g. 0.49).",
        )
    return share


def _upsert_denominator(*, actor, region, year, values: dict) -> tuple[Denominator, dict | None]:
    existing = (
        Denominator.objects.select_for_update().filter(region_code=region.code, year=year).first()
    )
    before = _denominator_snapshot(existing)
    row = existing or Denominator(region_code=region.code, year=year)
    row.regency_code = region.code[:5]
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_by = actor if getattr(actor, "pk", None) else None
    row.save()
    return row, before


@transaction.atomic
def denominator_set(
    *,
    actor,
    region_code: str,
    year: int,
    source: str,
    working_population: int | None = None,
    population: int | None = None,
    employment_share=None,
    synthetic: bool = False,
) -> Denominator:
    """Record the working population of a region in a year (replacing that year's figure).

    Without a working population, `population` × `employment_share` becomes an estimate,
    labelled as such wherever it is shown.
    """
    region = _region_for(region_code)
    require_permission(user=actor, permission="coverage.manage", region_code=region.code)
    _check_year(year)
    if not (source or "").strip():
        raise DomainError("source_required", "Sumber wajib diisi.", "A source is required.")
    values = _denominator_values(
        working_population, population, employment_share, synthetic=synthetic
    )
    values["source"] = source.strip()
    row, before = _upsert_denominator(actor=actor, region=region, year=year, values=values)
    audit_record(
        actor=actor,
        action="coverage.denominator_set",
        object_type="denominator",
        object_id=row.pk,
        region_code=region.code,
        before=before,
        after=_denominator_snapshot(row),
        reason=source,
    )
    return row


def _denominator_values(working, population, share, *, synthetic: bool, row: int | None = None):
    if working is None and population is None:
        raise DomainError(
            "denominator_missing",
            "Isi penduduk bekerja, atau jumlah penduduk untuk perkiraan.",
            "Give the working population, or the population for an estimate.",
        )
    if working is not None and population is not None and int(working) > int(population):
        # Not a matter of sources: nobody works who is not counted in the population.
        raise DomainError(
            "denominator_working_over_population",
            "Penduduk bekerja ({working}) lebih besar daripada jumlah penduduk ({population}).",
            "The working population ({working}) is larger than the population ({population}).",
            working=formatting.number(working),
            population=formatting.number(population),
        )
    if working is not None:
        return {
            "working_population": int(working),
            "population": population,
            "basis": DenominatorBasis.SYNTHETIC if synthetic else DenominatorBasis.COUNTED,
            "employment_share": None,
        }
    if share is None:
        raise DomainError(
            "denominator_share_missing",
            "Tanpa angka penduduk bekerja, sebutkan bagian penduduk yang bekerja untuk perkiraan.",
            "Without a working population figure, give the share of the population that works "
            "for an estimate.",
        )
    share = _share(share)
    return {
        "working_population": _estimate(population, share),
        "population": population,
        "basis": DenominatorBasis.ESTIMATE,
        "employment_share": share,
    }


# Past this many bad rows a file is more likely wrong as a whole (wrong sheet, wrong code
# system) than a few mistyped rows: nothing is stored and the uploader is told so.
MAX_REFUSED_ROWS = 500


@transaction.atomic
def denominator_import(
    *,
    actor,
    path: Path,
    code_system: str,
    source: str,
    year: int | None = None,
    employment_share=None,
    keep_good_rows: bool = False,
) -> DenominatorImport:
    """Import a denominator table (see `denominator_files`).

    Every row is checked first; a row with a code and no figure (a region of the template left
    blank) is skipped, not refused. With `keep_good_rows` the good rows are stored and the bad
    ones reported with their row numbers (the upload page); without it the first bad row
    refuses the whole file (the API and CLI, where nobody reads a report). Either way a file
    that fails as a whole, or has more than MAX_REFUSED_ROWS bad rows, changes nothing.

    `code_system` says whether the codes are BPS or Kemendagri: BPS 6206 is Sukamara
    (Kemendagri 62.08) while BPS 6208 is Seruyan, so the system is never guessed.
    """
    if code_system not in CODE_SYSTEMS:
        raise DomainError(
            "code_system",
            "Sistem kode harus 'bps' atau 'kemendagri'.",
            "The code system must be 'bps' or 'kemendagri'.",
        )
    if not (source or "").strip():
        raise DomainError("source_required", "Sumber wajib diisi.", "A source is required.")
    rows = denominator_rows_read(path)
    if not rows:
        raise DomainError(
            "file_empty", "Berkas tidak berisi baris data.", "The file has no data rows."
        )
    report = DenominatorImport(code_system=code_system, rows_in_file=len(rows))
    checked, seen = [], {}
    for r in rows:
        if r.no_figure:
            report.skipped.append(r.row)
            continue
        try:
            checked.append(
                (r, *_denominator_row(actor, r, code_system, year, employment_share, seen))
            )
        except DomainError as exc:
            report.refused.append(RefusedRow(row=r.row, code=r.code, error=_row_error(r, exc)))
    if len(report.skipped) == len(rows):
        raise DomainError(
            "denominator_no_figures",
            "Tidak ada baris yang berisi angka penduduk bekerja atau jumlah penduduk; isi angka "
            "pada baris wilayah yang Anda punya.",
            "No row holds a working population or population figure; fill in the rows of the "
            "regions you have figures for.",
        )
    if report.refused and not keep_good_rows:
        raise report.refused[0].error
    if len(report.refused) > MAX_REFUSED_ROWS:
        raise DomainError(
            "denominator_too_many_bad_rows",
            "Lebih dari {limit} baris ditolak; tidak ada yang disimpan. Periksa sistem kode dan "
            "kolom berkas.",
            "More than {limit} rows were refused; nothing was stored. Check the code system and "
            "the file's columns.",
            limit=MAX_REFUSED_ROWS,
        )
    for r, region, the_year, values in checked:
        values["source"] = source.strip()
        values["source_code"] = r.code if code_system == "bps" else ""
        row, _before = _upsert_denominator(actor=actor, region=region, year=the_year, values=values)
        report.stored.append(StoredRow(row=r.row, file_code=r.code, denominator=row))
    if report.stored:
        written = report.figures
        audit_record(
            actor=actor,
            action="coverage.denominator_import",
            object_type="denominator_file",
            object_id=Path(path).name[:64],
            region_code=_common_region([d.region_code for d in written]),
            after={
                "code_system": code_system,
                "rows": len(written),
                "refused_rows": [x.row for x in report.refused],
                "skipped_rows": len(report.skipped),
                "figures": [
                    [d.region_code, d.year, d.working_population, d.basis] for d in written
                ],
            },
            reason=source,
        )
    return report


def _denominator_row(actor, r, code_system: str, year, employment_share, seen: dict):
    """(region, year, values) of one good row; a DomainError says why a row is refused."""
    if r.error:
        raise r.error
    region = _region_for(code_to_kemendagri(r.code, code_system))
    if not user_has_permission(user=actor, permission="coverage.manage", region_code=region.code):
        # Name the region: a BPS code read as Kemendagri lands somewhere unexpected.
        raise DomainError(
            "permission_denied",
            "{region} di luar wilayah yang boleh Anda ubah.",
            "{region} is outside the regions you may change.",
            region=f"{region.code} {region_display_name(region)}",
        )
    the_year = r.year or year
    if the_year is None:
        raise DomainError(
            "coverage_year_missing",
            "Tahun tidak ada (kolom tahun atau tahun untuk seluruh berkas).",
            "No year (a year column, or one year for the whole file).",
        )
    _check_year(the_year)
    key = (region.code, the_year)
    if key in seen:
        raise DomainError(
            "denominator_duplicate",
            "Wilayah {code} tahun {year} sudah ada di baris {other}.",
            "Region {code} year {year} is already on row {other}.",
            code=region.code,
            year=the_year,
            other=seen[key],
        )
    seen[key] = r.row
    values = _denominator_values(
        r.working_population, r.population, employment_share, synthetic=False
    )
    return region, the_year, values


def _row_error(r, exc: DomainError) -> DomainError:
    if exc.code in ("denominator_number", "denominator_negative"):  # already name their row
        return exc
    return DomainError(
        "denominator_row",
        "Baris {row} ({code}): {detail}",
        "Row {row} ({code}): {detail_en}",
        row=r.row,
        code=r.code or "-",
        detail=exc.message("id"),
        detail_en=exc.message("en"),
    )


def _common_region(codes: list[str]) -> str:
    if not codes:
        return ""
    parts = codes[0].split(".")
    for code in codes[1:]:
        other = code.split(".")
        n = 0
        while n < min(len(parts), len(other)) and parts[n] == other[n]:
            n += 1
        parts = parts[:n]
    return ".".join(parts)


@transaction.atomic
def target_set(*, actor, region_code: str, year: int, rate, source: str) -> Target:
    """The coverage rate (percent of the working population) a region plans for a year."""
    region = _region_for(region_code)
    require_permission(user=actor, permission="coverage.manage", region_code=region.code)
    _check_year(year)
    rate = Decimal(str(rate)).quantize(Decimal("0.01"))
    if not (Decimal(0) <= rate <= Decimal(100)):
        raise DomainError(
            "target_rate",
            "Target cakupan harus di antara 0 dan 100 persen.",
            "The coverage target must be between 0 and 100 percent.",
        )
    if not (source or "").strip():
        raise DomainError("source_required", "Sumber wajib diisi.", "A source is required.")
    existing = Target.objects.select_for_update().filter(region_code=region.code, year=year).first()
    before = {"rate": str(existing.rate), "source": existing.source} if existing else None
    target = existing or Target(region_code=region.code, year=year)
    target.regency_code = region.code[:5]
    target.rate = rate
    target.source = source.strip()
    target.updated_by = actor if getattr(actor, "pk", None) else None
    target.save()
    audit_record(
        actor=actor,
        action="coverage.target_set",
        object_type="target",
        object_id=target.pk,
        region_code=region.code,
        before=before,
        after={"region_code": region.code, "year": year, "rate": str(rate), "source": source},
        reason=source,
    )
    return target
