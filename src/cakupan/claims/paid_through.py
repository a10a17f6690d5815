"""The iuran paid-through month on a claim: recorded by an officer from BPJS's system (the
registry holds no payments) and audited. Re-exported by `claims.services`.

Recording or correcting the month never refuses a claim on its own: a mistyped month would
otherwise end the claim for good. While the claim is `entered` the page shows the situation
and warns when verification will refuse it; the verifier's verify step refuses a BPU claim
whose incident month was unpaid or whose membership had lapsed (`refuse_unpaid_at_verify`),
with the rules' explanation as the reason, in both languages.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cakupan.audit.services import audit_record
from cakupan.claims import arrears
from cakupan.claims.common import (
    ENTER,
    claim_locked,
    clean_text,
    error,
    paid_through_month,
    picture,
    require_status,
)
from cakupan.claims.decisions import decision_refresh
from cakupan.claims.models import BenefitDecision, Claim, Status


def refuse_unpaid(claim: Claim, situation) -> None:
    """Mark `claim` refused for an unpaid or lapsed month (not saved here). The reason is the
    rules' explanation, stored in both languages so each reader sees their own."""
    claim.covered = False
    claim.status = Status.REFUSED
    claim.status_reason = str(situation.explanation)
    claim.status_reason_en = situation.explanation.en


def refuse_unpaid_at_verify(*, actor, claim: Claim, situation, note: str = "") -> Claim:
    """The verifier's refusal of a claim the rules leave uncovered (locked `claim`, inside the
    caller's transaction): refused, its benefit decision removed, audited as the verifier's."""
    before = picture(claim)
    refuse_unpaid(claim, situation)
    claim.decided_by = actor
    claim.save()
    # A refused claim carries no benefit, like one refused when it was entered.
    decision = BenefitDecision.objects.filter(claim=claim).first()
    if decision is not None:
        before["decision_total"] = decision.total
        decision.delete()
    audit_record(
        actor=actor,
        action="claims.refuse_unpaid",
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.region_code,
        before=before,
        after={**picture(claim), "payment_situation": situation.situation},
        reason=" ".join(
            t for t in (clean_text(note, "", required=False), claim.status_reason) if t
        ),
    )
    return claim


@transaction.atomic
def claim_record_paid_through(
    *, actor, claim_id: int, paid_through: dt.date | str | None, reason: str = ""
) -> Claim:
    """Record up to which month the iuran was paid (blank: not checked) while the claim is being
    entered. Never refuses: an answer that leaves the incident uncovered is shown as a warning
    and refused at verification, so a wrong month can still be corrected."""
    claim = claim_locked(actor, claim_id, ENTER)
    require_status(claim, Status.ENTERED)
    month = paid_through_month(paid_through)
    current = arrears.claim_situation(claim)
    if current is None or current.situation == "not_applicable":
        raise error(
            "paid_through_not_applicable",
            "Klaim ini tidak dinilai dari iuran bulanan.",
            "This claim does not depend on monthly iuran.",
        )
    before = picture(claim)
    claim.paid_through = month
    situation = arrears.claim_situation(claim)
    claim.save()
    audit_record(
        actor=actor,
        action="claims.paid_through",
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.region_code,
        before={**before, "payment_situation": current.situation},
        after={
            **picture(claim),
            "payment_situation": situation.situation,
            "refused_at_verification": not situation.covered,
        },
        reason=clean_text(reason, "", required=False),
    )
    decision_refresh(claim)
    return claim
