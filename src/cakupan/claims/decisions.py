"""Storing the rules' answer on an open claim: each heir's entitlement and the decision row
(components, the amount paid at the claim apart from the scholarships paid later, trace).
Called by every service that changes what the answer depends on, inside that service's
transaction (whose audit row covers it)."""

from __future__ import annotations

from cakupan.claims import benefits
from cakupan.claims.models import BenefitDecision, Claim, Heir


def decision_refresh(claim: Claim) -> BenefitDecision:
    """Ask the rules again (heirs and amounts) and store the answer on the open claim."""
    heirs = list(claim.heirs.all())
    outcome = benefits.evaluate(claim, heirs)
    for heir in heirs:
        verdict = outcome.verdicts.get(heir.pk)
        heir.entitled_by_rules = bool(verdict and verdict.entitled)
        heir.scholarship_by_rules = bool(verdict and verdict.scholarship)
        heir.rules_reference = (verdict.reference if verdict else "")[:300]
        heir.rules_note = (verdict.note if verdict else "")[:200]
    Heir.objects.bulk_update(
        heirs, ["entitled_by_rules", "scholarship_by_rules", "rules_reference", "rules_note"]
    )
    decision, _created = BenefitDecision.objects.update_or_create(
        claim=claim,
        defaults={
            "regency_code": claim.regency_code,
            "computed_for": claim.incident_date,
            "total": outcome.total if outcome.error is None else 0,
            "paid_at_claim": outcome.paid_at_claim if outcome.error is None else 0,
            "scholarships_total": outcome.scholarships_total if outcome.error is None else 0,
            "components": outcome.components,
            "trace": outcome.trace,
            "notes": outcome.notes,
            "heirs": outcome.heirs,
            "error_code": outcome.error.code if outcome.error else "",
            "error_params": {k: str(v) for k, v in outcome.error.params.items()}
            if outcome.error
            else {},
        },
    )
    return decision
