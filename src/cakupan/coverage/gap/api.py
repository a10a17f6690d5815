"""Coverage API: the gap list (mounted at /api/v1/coverage).

`GET /gap` answers, per desa, how many residents on the imported lists are covered on a date
and how many are not, and lists the ones not covered (paginated, NIK masked). `POST
/gap/residents` imports a list file, as the upload page does. Both need the gap permissions in
the region (`coverage.gap`, `coverage.gap_import`): the same selectors and services as the
pages, so the same scope.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.utils.translation import get_language
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from cakupan.coverage.gap import selectors, services
from cakupan.coverage.gap.residents import row_errors_shown

router = Router(tags=["coverage"])


class ErrorOut(Schema):
    code: str
    message: str


MAX_PAGE_SIZE = 500


def _lang() -> str:
    return (get_language() or "id")[:2]


class ResidentListOut(Schema):
    id: int
    source: str
    year: int
    synthetic: bool


class DesaGapOut(Schema):
    region_code: str = Field(description="Desa/kelurahan code.")
    name: str
    listed: int = Field(description="Residents on the lists (each NIK once).")
    covered: int = Field(description="Of them, with a spell active on `date`.")
    not_covered: int


class GapPersonOut(Schema):
    nik_masked: str = Field(description="NIK with its birth-date digits hidden.")
    name: str
    birth_year: int | None
    age: int | None = Field(description="`date`'s year minus the birth year.")
    occupation: str
    flags: list[str] = Field(description="Vulnerability flags (registry Flag values).")
    region_code: str
    desa: str
    status: str = Field(
        description="`lapsed` (registered, no active spell that day; told only for persons "
        "in your scope) or `no_record`."
    )
    source: str = Field(description="The list the resident comes from.")


class GapOut(Schema):
    region_code: str
    region_name: str
    date: dt.date
    flag: str
    desa: str
    synthetic: bool = Field(description="The lists or the registry are synthetic (demo).")
    lists: list[ResidentListOut]
    listed: int
    covered: int
    not_covered: int
    desas: list[DesaGapOut]
    page: int
    pages: int
    not_covered_persons: list[GapPersonOut]


class RowErrorOut(Schema):
    row: int = Field(description="Row number as the spreadsheet shows it (header is row 1).")
    column: str
    value: str
    code: str
    message: str


class ResidentImportOut(Schema):
    id: int
    list: ResidentListOut
    repeated: bool = Field(description="The same file was imported before: nothing changed.")
    rows_total: int
    rows_valid: int
    rows_invalid: int
    residents_new: int
    residents_changed: int
    residents_unchanged: int
    errors: list[RowErrorOut]


def _list_out(rl) -> dict:
    return {"id": rl.pk, "source": rl.source, "year": rl.year, "synthetic": rl.synthetic}


@router.get(
    "/gap",
    response={200: GapOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Residents on imported lists not covered on a date, per desa",
    description="Matches the residents of the region's lists (or of one list) with the "
    "registry by NIK on `date`. Needs `coverage.gap` in the region.",
)
def gap(
    request,
    region: Annotated[str, Query(description="Kemendagri code (regency, kecamatan or desa).")],
    date: Annotated[dt.date | None, Query(description="YYYY-MM-DD; default: today.")] = None,
    flag: Annotated[
        str | None, Query(description="Only residents with this flag (e.g. poor_household).")
    ] = None,
    desa: Annotated[str | None, Query(description="Only this desa (inside `region`).")] = None,
    list_id: Annotated[int | None, Query(description="Only this list (default: all).")] = None,
    page: Annotated[int, Query(ge=1, description="Page of the not-covered persons.")] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = selectors.PER_PAGE,
):
    args = {"region_code": region, "day": date, "flag": flag, "desa": desa, "list_id": list_id}
    report = selectors.gap_report(user=request.user, **args)
    residents = selectors.gap_not_covered(user=request.user, **{**args, "day": report.day})
    current, rows = selectors.gap_page(
        user=request.user, residents=residents, day=report.day, page=page, per_page=page_size
    )
    return {
        "region_code": report.region.code,
        "region_name": report.region_name,
        "date": report.day,
        "flag": report.flag,
        "desa": report.desa,
        "synthetic": report.synthetic,
        "lists": [_list_out(rl) for rl in report.lists],
        "listed": report.listed,
        "covered": report.covered,
        "not_covered": report.not_covered,
        "desas": [
            {
                "region_code": a.code,
                "name": a.name,
                "listed": a.listed,
                "covered": a.covered,
                "not_covered": a.not_covered,
            }
            for a in report.areas
        ],
        "page": current.number,
        "pages": current.paginator.num_pages,
        "not_covered_persons": [
            {
                "nik_masked": p.nik_masked,
                "name": p.name,
                "birth_year": p.birth_year,
                "age": p.age,
                "occupation": p.occupation,
                "flags": p.flags,
                "region_code": p.region_code,
                "desa": p.desa,
                "status": p.status,
                "source": p.source,
            }
            for p in rows
        ],
    }


@router.post(
    "/gap/residents",
    response={201: ResidentImportOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Import a list of working residents (CSV, XLSX, ODS)",
    description="Columns: NIK, Nama, Desa (and Kecamatan, Pekerjaan, Kelompok rentan, Miskin, "
    "Disabilitas). Good rows are stored in the list (area, source, year), bad rows come back "
    "with their row numbers; the same file again changes nothing. Needs `coverage.gap_import`.",
)
def residents_import(
    request,
    file: File[UploadedFile],
    area: Form[str],
    source: Form[str],
    year: Form[int],
    synthetic: Form[bool] = False,
):
    result = services.resident_list_import(
        actor=request.user,
        area_code=area,
        source=source,
        year=year,
        upload=file,
        filename=file.name,
        synthetic=synthetic,
    )
    record, lang = result.record, _lang()
    return Status(
        201,
        {
            "id": record.pk,
            "list": _list_out(record.resident_list),
            "repeated": result.repeated,
            "rows_total": record.rows_total,
            "rows_valid": record.rows_valid,
            "rows_invalid": record.rows_invalid,
            "residents_new": record.residents_new,
            "residents_changed": record.residents_changed,
            "residents_unchanged": record.residents_unchanged,
            "errors": [
                {k: e[k] for k in ("row", "column", "value", "code", "message")}
                for e in row_errors_shown(record.errors, lang)
            ],
        },
    )
