"""Agreements over HTTP: list and read agreements (budget used vs ceiling, officers with
masked NIKs, premium total), the invoice lines for a period, and roster imports (upload,
status with the row errors, commit).

Every endpoint calls the selectors the pages call, so the caller's region scope applies
unchanged: an agreement outside it is "not found".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from cakupan.accounts.scope import require_permission
from cakupan.agreements import money, selectors

router = Router(tags=["agreements"])


class ErrorOut(Schema):
    code: str
    message: str


class BudgetOut(Schema):
    ceiling: int = Field(description="Budget ceiling (pagu), whole rupiah.")
    used: int = Field(description="Sum of the officers' premiums under the agreement, rupiah.")
    percent: float = Field(description="used / ceiling x 100 (0 when there is no ceiling).")
    officers: int
    problems: list[str] = Field(description="Spells whose premium the rules refused.")


class PartyOut(Schema):
    name: str
    role: str
    signatory: str
    position: str


class AgreementOut(Schema):
    id: int
    number: str
    title: str
    region_code: str
    valid_from: dt.date
    valid_to: dt.date
    signed_on: dt.date | None
    election_name: str
    election_date: dt.date | None
    roles: list[str]
    payer: str
    budget_source: str
    charging: str = Field(description="`month_started` or `pro_rata_days`.")
    programs: list[str]
    declared_income: int | None = Field(
        description="Declared monthly income for BPU; null = the BPU minimum in force."
    )
    min_age: dict[str, int]
    synthetic: bool
    budget: BudgetOut


class OfficerOut(Schema):
    spell_id: int
    person_id: int
    name: str
    nik: str = Field(description="Masked NIK, e.g. `620802••••••0003`.")
    role: str
    start: dt.date
    end: dt.date | None
    programs: list[str]
    premium: int = Field(description="Premium for the duty dates under the agreement, rupiah.")


class AgreementDetailOut(AgreementOut):
    parties: list[PartyOut]
    premium_total: int
    officers: list[OfficerOut]
    officers_total: int
    page: int
    pages: int


class InvoiceLineOut(Schema):
    role: str
    officers: int
    months: int = Field(description="Officer-months charged (month_started).")
    days: int = Field(description="Officer-days in the period.")
    amount: int


class InvoiceOut(Schema):
    agreement_id: int
    number: str
    start: dt.date
    end: dt.date
    charging: str
    lines: list[InvoiceLineOut]
    total: int
    references: list[str] = Field(description="Legal basis of the rates, e.g. PP 44/2015 …")


def _budget(b: money.Budget) -> dict:
    return {
        "ceiling": b.ceiling,
        "used": b.used,
        "percent": b.percent,
        "officers": b.officers,
        "problems": b.problems,
    }


def _agreement(a, budget: money.Budget) -> dict:
    fields = (
        "id", "number", "title", "region_code", "valid_from", "valid_to", "signed_on",
        "election_name", "election_date", "roles", "payer", "budget_source", "charging",
        "programs", "declared_income", "min_age", "synthetic",
    )  # fmt: skip
    return {**{f: getattr(a, f) for f in fields}, "budget": _budget(budget)}


@router.get("/agreements", response={200: list[AgreementOut]}, summary="Agreements (PKS)")
def agreement_list(request, q: Annotated[str, Query(description="Number or title.")] = ""):
    require_permission(user=request.user, permission="agreements.view")
    return [_agreement(a, b) for a, b in selectors.agreement_list(user=request.user, search=q)]


@router.get(
    "/agreements/{agreement_id}",
    response={200: AgreementDetailOut, 404: ErrorOut},
    summary="One agreement with its officers (NIK masked)",
)
def agreement_get(request, agreement_id: int, page: int = 1):
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    budget = money.budget(agreement)
    officers, page_obj = selectors.officer_page(agreement=agreement, page=page)
    return {
        **_agreement(agreement, budget),
        "parties": list(agreement.parties.values("name", "role", "signatory", "position")),
        "premium_total": budget.used,
        "officers": [{**vars(o), "nik": o.nik_masked} for o in officers],
        "officers_total": page_obj.paginator.count,
        "page": page_obj.number,
        "pages": page_obj.paginator.num_pages,
    }


@router.get(
    "/agreements/{agreement_id}/invoice",
    response={200: InvoiceOut, 400: ErrorOut, 404: ErrorOut},
    summary="Invoice lines per role for a period",
)
def agreement_invoice(
    request,
    agreement_id: int,
    start: Annotated[dt.date | None, Query(alias="from", description="First day.")] = None,
    end: Annotated[dt.date | None, Query(alias="to", description="Last day.")] = None,
):
    """Defaults to the agreement's whole validity."""
    inv = selectors.agreement_invoice(
        user=request.user, agreement_id=agreement_id, start=start, end=end
    )
    return {
        "agreement_id": inv.agreement.pk,
        "number": inv.agreement.number,
        "start": inv.start,
        "end": inv.end,
        "charging": inv.agreement.charging,
        "lines": [vars(line) for line in inv.lines],
        "total": inv.total,
        "references": inv.references,
    }


# ---------------------------------------------------------------- roster imports


class RosterErrorOut(Schema):
    row: int = Field(description="Row number in the file as the partner sees it (header = 1).")
    column: str
    value: str
    code: str = Field(description="Stable rule code, e.g. `nik.excel_mangled`, `roster.under_age`.")
    message: str


class RosterBatchOut(Schema):
    id: int
    agreement_id: int
    state: str = Field(
        description="uploaded → validated → in_review → committed, or failed / cancelled."
    )
    phase: str = Field(description="`validate` or `commit` while a background task works on it.")
    progress_done: int
    progress_total: int
    file: str
    columns: list[str]
    mapping: dict[str, str] = Field(description="{column header: field}, as proposed/confirmed.")
    rows_total: int
    rows_valid: int
    rows_invalid: int
    persons_new: int
    spells_new: int
    spells_unchanged: int
    premium_new: int | None = Field(description="Premium of the new spells, whole rupiah.")
    budget_ceiling: int
    budget_used: int
    budget_left: int | None = Field(
        description="Ceiling − used − premium_new until committed; null when no ceiling is set."
    )
    committed_spells: int
    error_message: str
    errors: list[RosterErrorOut] = Field(description="The first 200 row problems.")


def _roster_out(request, batch) -> dict:
    from cakupan.imports.selectors import batch_errors

    agreement = selectors.agreement_get(
        user=request.user, agreement_id=batch.options["agreement_id"]
    )
    budget = money.budget(agreement)
    pending = batch.state != "committed"
    done = batch.validated_at is not None and not batch.running
    return {
        "id": batch.pk,
        "agreement_id": agreement.pk,
        "state": batch.state,
        "phase": batch.phase,
        "progress_done": batch.progress_done,
        "progress_total": batch.progress_total,
        "file": batch.original_name,
        "columns": batch.columns,
        "mapping": batch.mapping,
        **{
            k: getattr(batch, k)
            for k in (
                "rows_total",
                "rows_valid",
                "rows_invalid",
                "persons_new",
                "spells_new",
                "spells_unchanged",
                "committed_spells",
                "error_message",
            )
        },  # fmt: skip
        "premium_new": batch.contribution_total,
        "budget_ceiling": budget.ceiling,
        "budget_used": budget.used,
        "budget_left": budget.remaining - ((batch.contribution_total or 0) if pending else 0)
        if budget.ceiling
        else None,
        "errors": batch_errors(batch=batch, lang=_lang(), limit=200) if done else [],
    }


def _lang() -> str:
    from django.utils.translation import get_language

    return (get_language() or "id")[:2]


def _roster_batch(request, agreement_id: int, batch_id: int):
    from cakupan.errors import NotFound
    from cakupan.imports.selectors import batch_get

    batch = batch_get(user=request.user, batch_id=batch_id)
    if batch.kind != "roster" or batch.options.get("agreement_id") != agreement_id:
        raise NotFound("batch_not_found", "Batch impor tidak ditemukan.", "Import batch not found.")
    return batch


@router.post(
    "/agreements/{agreement_id}/rosters",
    response={201: RosterBatchOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Upload a roster (CSV, XLSX, ODS) and start its validation",
)
def roster_upload(
    request,
    agreement_id: int,
    file: File[UploadedFile],
    duty_start: Form[dt.date | None] = None,
    duty_end: Form[dt.date | None] = None,
    mapping: Form[str] = "",
):
    """`mapping` (optional) is JSON `{column header: field}` overriding the proposal; fields:
    nik, name, birth_date, sex, village, district, role, tps, duty_start, duty_end, … The
    check runs in the background: poll GET …/rosters/{id} until `phase` is empty."""
    import json

    from cakupan.imports import services as import_services

    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    batch = import_services.batch_upload(
        actor=request.user,
        kind="roster",
        area_code=agreement.region_code,
        source=file,
        filename=file.name,
        options={
            "agreement_id": agreement.pk,
            "duty_start": duty_start.isoformat() if duty_start else None,
            "duty_end": duty_end.isoformat() if duty_end else None,
        },
    )
    if mapping:
        try:
            pairs = json.loads(mapping)
        except ValueError:
            pairs = None
        if not isinstance(pairs, dict):
            from cakupan.errors import DomainError

            raise DomainError(
                "mapping_invalid",
                "Pemetaan harus JSON {kolom: isian}.",
                "The mapping must be JSON {column: field}.",
            )
        import_services.batch_mapping_set(
            actor=request.user, batch_id=batch.pk, mapping={**batch.mapping, **pairs}
        )
    batch = import_services.batch_validate(actor=request.user, batch_id=batch.pk)
    return Status(201, _roster_out(request, batch))


@router.get(
    "/agreements/{agreement_id}/rosters/{batch_id}",
    response={200: RosterBatchOut, 404: ErrorOut},
    summary="A roster batch: state, progress, counts, premium, budget left, row errors",
)
def roster_status(request, agreement_id: int, batch_id: int):
    return _roster_out(request, _roster_batch(request, agreement_id, batch_id))


@router.post(
    "/agreements/{agreement_id}/rosters/{batch_id}/commit",
    response={202: RosterBatchOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Enrol the valid rows (background; poll the batch until `phase` is empty)",
)
def roster_commit(request, agreement_id: int, batch_id: int):
    from cakupan.imports import services as import_services

    batch = _roster_batch(request, agreement_id, batch_id)
    if batch.state == "validated":
        import_services.batch_review(actor=request.user, batch_id=batch.pk)
    batch = import_services.batch_commit(actor=request.user, batch_id=batch.pk)
    return Status(202, _roster_out(request, batch))
