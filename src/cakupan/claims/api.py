"""Claims over HTTP (/api/v1/claims…): list, create, read one, add heirs, record the iuran
paid-through month, move it along (verify, reject, approve, pay) and the summary by program,
kecamatan or agreement.

Every endpoint calls the selectors and services the pages call, so region scope, the
maker-checker rule and the audit apply unchanged. NIKs are masked in every answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.utils.translation import get_language
from ninja import Router
from ninja import Status as HttpStatus

from cakupan.accounts.scope import require_permission
from cakupan.claims import documents, selectors, services
from cakupan.claims.schemas import (
    ClaimIn,
    ClaimOut,
    ClaimRowOut,
    ErrorOut,
    HeirIn,
    HeirOut,
    PaidThroughIn,
    SummaryOut,
    TransitionIn,
)
from cakupan.errors import DomainError
from cakupan.rules.nik import mask_nik

router = Router(tags=["claims"])


def _lang() -> str:
    return (get_language() or "id")[:2]


def _row(row: selectors.ClaimRow) -> dict:
    c = row.claim
    situation = selectors.claim_payment_situation(claim=c)
    return {
        "id": c.pk,
        "number": c.number,
        "program": c.program,
        "event": c.event,
        "status": c.status,
        "status_reason": c.reason_in(_lang()),
        "nik": row.nik_masked,
        "name": c.name,
        "region_code": c.region_code,
        "incident_date": c.incident_date,
        "reported_on": c.reported_on,
        "agreement": c.agreement.number if c.agreement_id else None,
        "paid_through": c.paid_through.isoformat()[:7] if c.paid_through else None,
        "payment_situation": situation.situation if situation else None,
        "total": row.total,
        "paid_at_claim": row.paid_at_claim,
        "scholarships_total": row.scholarships_total,
        "days_open": row.days_open,
        "days_to_payment": row.days_to_payment,
        "overdue": row.overdue,
    }


def _decision(claim) -> dict | None:
    decision = getattr(claim, "decision", None)
    if decision is None:
        return None
    error = None
    if decision.error_code:
        from cakupan.rules.errors import render

        error = render(decision.error_code, decision.error_params, _lang())
    return {
        "computed_for": decision.computed_for,
        "total": decision.total,
        **{
            k: v
            for k, v in documents.split_amounts(decision, _lang()).items()
            if k != "scholarships_reference"
        },  # fmt: skip
        "components": documents.component_rows(decision, _lang()),
        "trace": decision.trace,
        "notes": documents.note_rows(decision, _lang()),
        "recipient": decision.heirs.get("recipient"),
        "error": error,
    }


def _situation(claim) -> dict | None:
    found = selectors.claim_payment_situation(claim=claim)
    return found.as_dict(_lang()) if found is not None else None


def _user(u) -> str | None:
    return u.username if u else None


def _detail(claim) -> dict:
    row = selectors.claim_row(claim=claim)
    payment = getattr(claim, "payment", None)
    return {
        **_row(row),
        "place": claim.place,
        "circumstances": claim.circumstances,
        "reporter_name": claim.reporter_name,
        "disability_kind": claim.disability_kind,
        "disability_table_percent": claim.disability_table_percent,
        "function_lost_percent": claim.function_lost_percent,
        "coverage": claim.coverage,
        "payment_situation_detail": _situation(claim),
        "heirs": [
            {
                "id": h.pk,
                "relation": h.relation,
                "name": h.name,
                "nik": mask_nik(h.nik) if h.nik else "",
                "birth_date": h.birth_date,
                "alive": h.alive,
                "entitled": h.entitled,
                "entitled_by_rules": h.entitled_by_rules,
                "scholarship": h.scholarship_by_rules,
                "reference": h.rules_reference,
                "note": documents.heir_note(h, getattr(claim, "decision", None), _lang()),
                "override_reason": h.override_reason,
            }
            for h in claim.heirs.all()
        ],
        "decision": _decision(claim),
        "documents": [
            {**item, "label": str(item["label"])} for item in selectors.claim_checklist(claim=claim)
        ],
        "payment": {
            "paid_on": payment.paid_on,
            "amount": payment.amount,
            "reference": payment.reference,
            "recipient": payment.recipient,
        }
        if payment
        else None,
        "entered_by": _user(claim.entered_by),
        "verified_by": _user(claim.verified_by),
        "approved_by": _user(claim.approved_by),
    }


@router.get("/claims", response={200: list[ClaimRowOut]}, summary="Claims in your region")
def claim_list(request, status: str = "", program: str = "", overdue: bool = False):
    """Overdue claims first, then newest report first; NIKs masked."""
    require_permission(user=request.user, permission="claims.view")
    rows = selectors.claim_list(user=request.user, status=status, program=program, overdue=overdue)
    return [_row(r) for r in rows]


@router.post(
    "/claims",
    response={201: ClaimOut, 400: ErrorOut, 403: ErrorOut},
    summary="Report a claim (refused at once if not covered on the incident date; a second "
    "claim for the same event is refused with `claim_duplicate`)",
)
def claim_create(request, payload: ClaimIn):
    claim = services.claim_create(actor=request.user, **payload.dict())
    return HttpStatus(201, _detail(selectors.claim_get(user=request.user, claim_id=claim.pk)))


@router.get(
    "/claims/summary",
    response={200: list[SummaryOut], 400: ErrorOut},
    summary="Counts and amounts by program, kecamatan or agreement",
)
def claim_summary(
    request,
    by: Literal["program", "region", "agreement"] = "program",
    start: dt.date | None = None,
    end: dt.date | None = None,
):
    require_permission(user=request.user, permission="claims.view")
    return selectors.claims_summary(user=request.user, start=start, end=end, by=by)


@router.get("/claims/{claim_id}", response={200: ClaimOut, 404: ErrorOut}, summary="One claim")
def claim_get(request, claim_id: int):
    return _detail(selectors.claim_get(user=request.user, claim_id=claim_id))


@router.post(
    "/claims/{claim_id}/heirs",
    response={201: HeirOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Add a relative; the rules say again who is entitled",
)
def heir_add(request, claim_id: int, payload: HeirIn):
    heir = services.heir_add(actor=request.user, claim_id=claim_id, **payload.dict())
    claim = selectors.claim_get(user=request.user, claim_id=claim_id)
    return HttpStatus(201, next(h for h in _detail(claim)["heirs"] if h["id"] == heir.pk))


@router.post(
    "/claims/{claim_id}/paid-through",
    response={200: ClaimOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Record up to which month the iuran was paid (never refuses by itself)",
)
def claim_paid_through(request, claim_id: int, payload: PaidThroughIn):
    """While the claim is `entered`. An unpaid BPU incident month or a lapsed BPU membership is
    shown in `payment_situation` (`covered` false); the claim is refused when it is verified
    (status `refused`, the rules' explanation as `status_reason`), so a wrong month can be
    corrected before then."""
    services.claim_record_paid_through(
        actor=request.user,
        claim_id=claim_id,
        paid_through=payload.paid_through,
        reason=payload.reason,
    )
    return _detail(selectors.claim_get(user=request.user, claim_id=claim_id))


@router.post(
    "/claims/{claim_id}/transition",
    response={200: ClaimOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Verify, reject, approve or pay",
)
def claim_transition(request, claim_id: int, payload: TransitionIn):
    """`approve` by the user who entered the claim is refused (`approve_own_entry`), by the
    user who verified it (`approve_own_verification`), and while another claim for the same
    event stands (`claim_duplicate`). `pay` may not exceed `paid_at_claim`. `verify` refuses a
    claim the iuran leaves uncovered (status `refused`)."""
    user = request.user
    if payload.action == "verify":
        services.claim_verify(actor=user, claim_id=claim_id, note=payload.reason)
    elif payload.action == "reject":
        services.claim_reject(actor=user, claim_id=claim_id, reason=payload.reason)
    elif payload.action == "approve":
        services.claim_approve(actor=user, claim_id=claim_id, note=payload.reason)
    else:
        if payload.amount is None:
            raise DomainError("field_required", "{field} wajib diisi.", "{field} is required.",
                              field="amount")  # fmt: skip
        services.claim_pay(
            actor=user,
            claim_id=claim_id,
            paid_on=payload.paid_on,
            amount=payload.amount,
            reference=payload.reference,
            recipient=payload.recipient,
        )
    return _detail(selectors.claim_get(user=user, claim_id=claim_id))
