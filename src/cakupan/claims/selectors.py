"""Reads of claims, always inside the caller's region scope (`claims.view`).

`claim_coverage` is the only place that asks the registry whether the person was covered on
the incident date; everything else reads the snapshot stored on the claim.
Pages and the API show claimants' and heirs' NIKs masked; the full NIKs stay in the database
(the registry's audited "open NIK" is the way to read one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from cakupan.accounts.scope import region_filter, scope_queryset
from cakupan.claims import arrears
from cakupan.claims.checklist import checklist
from cakupan.claims.models import OPEN_STATUSES, Claim, HandOver, Status
from cakupan.errors import NotFound
from cakupan.rules.nik import mask_nik

# Days from report to payment after which an open claim is overdue. [U] no regulation found
# fixes one number for every benefit; BPJS's own service promise is used as the default and
# a deployment may set CAKUPAN_CLAIM_DUE_DAYS.
DEFAULT_DUE_DAYS = 14
LIST_LIMIT = 500


def due_days() -> int:
    return int(getattr(settings, "CAKUPAN_CLAIM_DUE_DAYS", DEFAULT_DUE_DAYS))


# ---------------------------------------------------------------- coverage on the incident date


@dataclass
class ClaimCoverage:
    """What the registry says about the person on the incident date, for this program."""

    state: str  # "covered", "not_covered" (registered, no spell that day), "no_record"
    program_covered: bool = False
    person_id: int | None = None
    spell_id: int | None = None
    agreement_id: int | None = None
    wage: int | None = None
    segment: str | None = None
    membership_months: int = 0
    membership_start: dt.date | None = None
    snapshot: dict = field(default_factory=dict)


def _months_touched(spells, program: str, day: dt.date) -> tuple[int, dt.date | None]:
    """Calendar months in which a spell with `program` covered at least one day up to `day`
    (the month-started count agreements charge by); and the first such day."""
    months: set[tuple[int, int]] = set()
    first = None
    for s in spells:
        if program not in s.programs or s.start_date > day:
            continue
        end = min(s.end_date or day, day)
        first = s.start_date if first is None else min(first, s.start_date)
        y, m = s.start_date.year, s.start_date.month
        while (y, m) <= (end.year, end.month):
            months.add((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return len(months), first


def claim_coverage(*, nik: str, day: dt.date, program: str, user) -> ClaimCoverage:
    """Ask the registry (`coverage_on`) about `nik` on `day`, inside `user`'s scope."""
    from cakupan.registry.selectors import coverage_on, person_get, person_spells

    answer = coverage_on(nik=nik, day=day, user=user)
    snapshot = {
        "date": day.isoformat(),
        "programs": list(answer.programs),
        "spells": [
            {
                **{k: v for k, v in vars(s).items() if k not in ("start_date", "end_date")},
                "start_date": s.start_date.isoformat(),
                "end_date": s.end_date.isoformat() if s.end_date else None,
            }
            for s in answer.spells
        ],
        "rules": list(answer.rules),
    }
    if answer.person_id is None:
        return ClaimCoverage(state="no_record", snapshot={**snapshot, "state": "no_record"})
    state = "covered" if answer.covered else "not_covered"
    found = ClaimCoverage(state=state, person_id=answer.person_id)
    found.snapshot = {**snapshot, "state": state}
    spell_answer = next((s for s in answer.spells if program in s.programs), None)
    found.program_covered = spell_answer is not None
    person = person_get(user=user, person_id=answer.person_id)
    spells = list(person_spells(person=person))
    found.membership_months, found.membership_start = _months_touched(spells, program, day)
    if spell_answer is not None:
        spell = next(s for s in spells if s.pk == spell_answer.id)
        found.spell_id = spell.pk
        found.agreement_id = spell.agreement_id
        found.segment = spell.segment
        found.wage = spell.wage or (spell.agreement.declared_income if spell.agreement else None)
    return found


def claim_payment_situation(*, claim: Claim):
    """Paid, grace, arrears, employer pays first, unpaid or lapsed BPU month, or not checked:
    the rules' answer for the claim's incident date (None when no spell had its program)."""
    return arrears.claim_situation(claim)


# ---------------------------------------------------------------- claims


def claim_queryset(*, user, permission: str = "claims.view") -> QuerySet:
    return scope_queryset(Claim.objects.all(), user=user, permission=permission)


def claim_get(*, user, claim_id: int, permission: str = "claims.view") -> Claim:
    found = (
        claim_queryset(user=user, permission=permission)
        .select_related("person", "spell", "agreement", "entered_by", "verified_by", "approved_by")
        .filter(pk=claim_id)
        .first()
    )
    if found is None:
        raise claim_not_found()
    return found


def claim_not_found() -> NotFound:
    """The answer for a claim that does not exist and for one outside the caller's scope alike."""
    return NotFound("claim_not_found", "Klaim tidak ditemukan.", "Claim not found.")


@dataclass
class ClaimRow:
    claim: Claim
    nik_masked: str
    days_open: int | None  # report to today, while open
    days_to_payment: int | None  # report to payment, once paid
    overdue: bool
    total: int | None  # paid at the claim plus the scholarships to come (the rules' total)
    paid_at_claim: int | None = None
    scholarships_total: int | None = None


def _row(claim: Claim, today: dt.date, limit: int) -> ClaimRow:
    payment = getattr(claim, "payment", None) if claim.status == Status.PAID else None
    decision = getattr(claim, "decision", None)
    is_open = claim.status in OPEN_STATUSES
    decided = decision is not None and not decision.error_code
    days_open = (today - claim.reported_on).days if is_open else None
    return ClaimRow(
        claim=claim,
        nik_masked=mask_nik(claim.nik),
        days_open=days_open,
        days_to_payment=(payment.paid_on - claim.reported_on).days if payment else None,
        overdue=bool(is_open and days_open is not None and days_open > limit),
        total=decision.total if decided else None,
        paid_at_claim=decision.paid_at_claim if decided else None,
        scholarships_total=decision.scholarships_total if decided else None,
    )


def claim_list(
    *,
    user,
    status: str = "",
    program: str = "",
    overdue: bool = False,
    today: dt.date | None = None,
) -> list[ClaimRow]:
    """Claims in scope, overdue first, then newest report first."""
    today = today or timezone.localdate()
    qs = claim_queryset(user=user).select_related("decision", "payment", "agreement")
    if status:
        qs = qs.filter(status=status)
    if program:
        qs = qs.filter(program=program)
    limit = due_days()
    rows = [_row(c, today, limit) for c in qs.order_by("-reported_on", "-id")[:LIST_LIMIT]]
    if overdue:
        rows = [r for r in rows if r.overdue]
    rows.sort(key=lambda r: not r.overdue)  # stable: keeps newest first inside each group
    return rows


def claim_row(*, claim: Claim, today: dt.date | None = None) -> ClaimRow:
    return _row(claim, today or timezone.localdate(), due_days())


def claim_documents(*, claim: Claim) -> QuerySet:
    return claim.documents.select_related("uploaded_by")


def claim_checklist(*, claim: Claim) -> list[dict]:
    present = set(claim.documents.values_list("kind", flat=True))
    return checklist(claim, present)


def claim_missing_documents(*, claim: Claim) -> list[dict]:
    return [item for item in claim_checklist(claim=claim) if not item["present"]]


def document_get(*, user, claim_id: int, document_id: int):
    claim = claim_get(user=user, claim_id=claim_id)
    found = claim.documents.filter(pk=document_id).first()
    if found is None:
        raise NotFound("document_not_found", "Dokumen tidak ditemukan.", "Document not found.")
    return found


def heir_rows(*, claim: Claim, lang: str = "id") -> list[dict]:
    """Heirs with their NIK masked and the rules' note on each in `lang`."""
    from cakupan.claims.documents import heir_note

    decision = getattr(claim, "decision", None)
    return [
        {"heir": h, "nik": mask_nik(h.nik) if h.nik else "", "note": heir_note(h, decision, lang)}
        for h in claim.heirs.select_related("override_document")
    ]


def claim_is_synthetic(claim: Claim) -> bool:
    """Example data: the claim itself, or the person or agreement it is about (a claim
    recorded on a synthetic person before the flag was carried over included)."""
    if claim.synthetic:
        return True
    person = claim.person if claim.person_id else None
    agreement = claim.agreement if claim.agreement_id else None
    return bool((person and person.synthetic) or (agreement and agreement.synthetic))


# ---------------------------------------------------------------- hand-overs


def handover_queryset(*, user) -> QuerySet:
    return scope_queryset(HandOver.objects.all(), user=user, permission="claims.view")


def handover_list(*, user) -> QuerySet:
    return handover_queryset(user=user).annotate(n=Count("claims"))[:200]


def handover_get(*, user, handover_id: int) -> HandOver:
    found = handover_queryset(user=user).filter(pk=handover_id).first()
    if found is None:
        raise NotFound("handover_not_found", "Penyerahan tidak ditemukan.", "Hand-over not found.")
    return found


def handover_claims(*, handover: HandOver, user) -> QuerySet:
    """The claims handed over there that the viewer may see."""
    return claim_queryset(user=user).filter(handovers=handover).select_related("payment")


def photo_get(*, user, handover_id: int, photo_id: int):
    handover = handover_get(user=user, handover_id=handover_id)
    found = handover.photos.filter(pk=photo_id).first()
    if found is None:
        raise NotFound("document_not_found", "Dokumen tidak ditemukan.", "Document not found.")
    return found


def claims_paid_unhanded(*, user, region_code: str | None = None) -> QuerySet:
    """Paid claims not yet handed over at a ceremony, for the hand-over form."""
    qs = claim_queryset(user=user).filter(status=Status.PAID, handovers__isnull=True)
    if region_code:
        qs = qs.filter(region_filter(region_code, "region_code"))
    return qs.select_related("payment").order_by("payment__paid_on", "id")


# ---------------------------------------------------------------- summary (coverage report, CLI)


def claims_summary(
    *,
    user,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by: str = "program",
    region_code: str | None = None,
) -> list[dict]:
    """Counts and amounts of claims by program, kecamatan or agreement, inside scope and, with
    `region_code`, inside that region (a kecamatan's rakor report).

    `by`: "program", "region" (kecamatan, the first 8 characters of the desa code) or
    "agreement". Amounts are whole rupiah: `decided_amount` is what the decisions pay at the
    claim, `scholarships_amount` the scholarships they promise later (per school year, at
    most), `paid_amount` the payments recorded.
    """
    qs = claim_queryset(user=user)
    if region_code:
        qs = qs.filter(region_filter(region_code, "region_code"))
    if start:
        qs = qs.filter(incident_date__gte=start)
    if end:
        qs = qs.filter(incident_date__lte=end)
    rows: dict[str, dict] = {}
    values = qs.values(
        "program",
        "region_code",
        "agreement__number",
        "status",
        "decision__paid_at_claim",
        "decision__scholarships_total",
    ).annotate(paid=Sum("payment__amount"), n=Count("id"))
    for v in values:
        if by == "region":
            key = v["region_code"][:8]
        elif by == "agreement":
            key = v["agreement__number"] or "-"
        else:
            key = v["program"]
        row = rows.setdefault(
            key,
            {"key": key, "claims": 0, "refused": 0, "rejected": 0, "paid_claims": 0,
             "decided_amount": 0, "scholarships_amount": 0, "paid_amount": 0},
        )  # fmt: skip
        row["claims"] += v["n"]
        if v["status"] == Status.REFUSED:
            row["refused"] += v["n"]
        elif v["status"] == Status.REJECTED:
            row["rejected"] += v["n"]
        else:
            row["decided_amount"] += (v["decision__paid_at_claim"] or 0) * v["n"]
            row["scholarships_amount"] += (v["decision__scholarships_total"] or 0) * v["n"]
        if v["status"] == Status.PAID:
            row["paid_claims"] += v["n"]
            row["paid_amount"] += v["paid"] or 0
    return [rows[k] for k in sorted(rows)]
