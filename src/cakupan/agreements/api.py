"""Agreements over HTTP: list and read agreements (budget used vs ceiling, officers with
masked NIKs, premium total) and the invoice lines for a period.

Every endpoint calls the selectors the pages call, so the caller's region scope applies
unchanged: an agreement outside it is "not found".
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Query, Router, Schema

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
