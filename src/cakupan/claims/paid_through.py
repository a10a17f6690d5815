"""The iuran paid-through month on a claim: recorded by an officer from BPJS's system (the
registry holds no payments), audited, and acted on at once. A BPU claim whose incident month
was unpaid, or whose membership had lapsed, is refused with the rules' explanation as the
reason, as a claim without coverage on the incident date is. Re-exported by
`claims.services`."""

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
    rules' Indonesian explanation, as every stored refusal reason is."""
    claim.covered = False
    claim.status = Status.REFUSED
    claim.status_reason = str(situation.explanation)


@transaction.atomic
def claim_record_paid_through(
    *, actor, claim_id: int, paid_through: dt.date | str | None, reason: str = ""
) -> Claim:
    """Record up to which month the iuran was paid (blank: not checked) while the claim is being
    entered or verified. An answer that leaves the incident uncovered refuses the claim."""
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
    note = clean_text(reason, "", required=False)
    after_extra = {"payment_situation": situation.situation}
    if not situation.covered:
        refuse_unpaid(claim, situation)
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
            after={**picture(claim), **after_extra},
            reason=" ".join(t for t in (note, claim.status_reason) if t),
        )
        return claim
    claim.save()
    audit_record(
        actor=actor,
        action="claims.paid_through",
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.region_code,
        before=before,
        after={**picture(claim), **after_extra},
        reason=note,
    )
    decision_refresh(claim)
    return claim
