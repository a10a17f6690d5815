"""A claim moving through its decision: verify, reject, approve, pay (maker-checker).

Each step checks the actor's permission inside the claim's region and the claim's status, runs in
one transaction and writes its audit row in it. Re-exported by `claims.services`.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from cakupan.audit.services import audit_record, snapshot
from cakupan.claims import arrears, selectors
from cakupan.claims.common import (
    APPROVE,
    PAY,
    VERIFY,
    claim_locked,
    clean_text,
    error,
    picture,
    today,
)
from cakupan.claims.decisions import decision_refresh
from cakupan.claims.duplicates import duplicate_error, require_no_duplicate, standing_duplicate
from cakupan.claims.lifecycle import require_transition
from cakupan.claims.models import Claim, Payment, Status
from cakupan.claims.paid_through import refuse_unpaid_at_verify
from cakupan.rules.formats import rupiah


def _transition(actor, claim: Claim, action: str, before: dict, reason: str = "") -> Claim:
    claim.save()
    audit_record(
        actor=actor,
        action=action,
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.region_code,
        before=before,
        after=picture(claim),
        reason=reason,
    )
    return claim


@transaction.atomic
def claim_verify(*, actor, claim_id: int, note: str = "") -> Claim:
    """Documents checked: every required document is there and the rules gave an answer.

    A claim whose incident the iuran leaves uncovered (an unpaid or lapsed BPU month) is
    refused here instead, by the verifier, with the rules' explanation as the reason."""
    claim = claim_locked(actor, claim_id, VERIFY)
    require_transition(claim, Status.VERIFIED)
    situation = arrears.claim_situation(claim)
    if situation is not None and not situation.covered:
        return refuse_unpaid_at_verify(actor=actor, claim=claim, situation=situation, note=note)
    missing = selectors.claim_missing_documents(claim=claim)
    if missing:
        raise error(
            "documents_missing",
            "Dokumen wajib belum lengkap: {missing}.",
            "Required documents are missing: {missing}.",
            missing=", ".join(str(m["label"]) for m in missing),
        )
    if situation is not None and situation.situation == "unknown":
        raise error(
            "paid_through_missing",
            "Status pembayaran iuran belum diperiksa: isi 'iuran dibayar sampai' menurut sistem "
            "BPJS Ketenagakerjaan sebelum verifikasi.",
            "The payment of iuran has not been checked: enter 'paid through' as BPJS "
            "Ketenagakerjaan's system shows it before verifying.",
        )
    decision = decision_refresh(claim)
    if decision.error_code:
        raise error(
            "decision_error",
            "Manfaat belum dapat dihitung; perbaiki data klaim dahulu.",
            "The benefit cannot be computed yet; correct the claim first.",
        )
    if claim.is_death and not any(h.entitled for h in claim.heirs.all()):
        raise error(
            "heirs_missing",
            "Belum ada ahli waris yang berhak: catat ahli waris dahulu.",
            "No entitled heir yet: record the heirs first.",
        )
    before = picture(claim)
    claim.status = Status.VERIFIED
    claim.verified_by = actor
    claim.verified_at = timezone.now()
    return _transition(actor, claim, "claims.verify", before, note)


@transaction.atomic
def claim_reject(*, actor, claim_id: int, reason: str) -> Claim:
    """Reject an entered or verified claim, with the reason the heirs will read."""
    claim = claim_locked(actor, claim_id, VERIFY)
    require_transition(claim, Status.REJECTED)
    reason = clean_text(reason, "reason")
    before = picture(claim)
    claim.status = Status.REJECTED
    claim.status_reason = reason
    claim.decided_by = actor
    return _transition(actor, claim, "claims.reject", before, reason)


@transaction.atomic
def claim_approve(*, actor, claim_id: int, note: str = "") -> Claim:
    """Approval by a second person: never by whoever entered or verified the claim, and never
    while another claim for the same event still stands (two claims entered at the same
    moment)."""
    claim = claim_locked(actor, claim_id, APPROVE)
    require_transition(claim, Status.APPROVED)
    if claim.entered_by_id == getattr(actor, "pk", None):
        raise error(
            "approve_own_entry",
            "Anda mencatat klaim ini; persetujuan harus oleh petugas lain.",
            "You entered this claim; another officer must approve it.",
        )
    if claim.verified_by_id == getattr(actor, "pk", None):
        raise error(
            "approve_own_verification",
            "Anda memverifikasi klaim ini; persetujuan harus oleh petugas lain, bukan yang "
            "memverifikasi.",
            "You verified this claim; an officer other than the verifier must approve it.",
        )
    same = dict(nik=claim.nik, program=claim.program, event=claim.event)
    require_no_duplicate(**same, incident_date=claim.incident_date, exclude_id=claim.pk)
    before = picture(claim)
    claim.status = Status.APPROVED
    claim.approved_by = actor
    claim.approved_at = timezone.now()
    try:
        with transaction.atomic():
            return _transition(actor, claim, "claims.approve", before, note)
    except IntegrityError:
        # Another approval of the same event committed between the check and this save: the
        # database's unique constraint stopped this one.
        other = standing_duplicate(**same, incident_date=claim.incident_date, exclude_id=claim.pk)
        if other is None:
            raise
        raise duplicate_error(other) from None


@transaction.atomic
def claim_pay(
    *, actor, claim_id: int, paid_on: dt.date, amount: int, reference: str, recipient: str
) -> Payment:
    claim = claim_locked(actor, claim_id, PAY)
    require_transition(claim, Status.PAID)
    if paid_on is None or paid_on > today() or paid_on < claim.reported_on:
        raise error(
            "payment_date",
            "Tanggal bayar harus antara tanggal laporan dan hari ini.",
            "The payment date must lie between the report date and today.",
        )
    if amount is None or int(amount) <= 0:
        raise error("payment_amount", "Jumlah harus lebih dari 0.", "The amount must be above 0.")
    # Only what is paid at the claim: scholarships are paid later, per school year.
    decided = claim.decision.paid_at_claim if hasattr(claim, "decision") else 0
    if decided and int(amount) > decided:
        raise error(
            "payment_above_decision",
            "Jumlah melebihi manfaat yang disetujui ({decided_rp}).",
            "The amount exceeds the approved benefit ({decided_rp}).",
            decided_rp=rupiah(decided),
        )
    payment = Payment.objects.create(
        claim=claim,
        regency_code=claim.regency_code,
        paid_on=paid_on,
        amount=int(amount),
        reference=clean_text(reference, "reference", limit=100),
        recipient=clean_text(recipient, "recipient", limit=150),
        recorded_by=actor,
    )
    before = picture(claim)
    claim.status = Status.PAID
    _transition(actor, claim, "claims.pay", {**before, "payment": None}, "")
    audit_record(
        actor=actor,
        action="claims.payment",
        object_type="claim_payment",
        object_id=payment.pk,
        region_code=claim.region_code,
        after={**snapshot(payment), "claim": claim.pk},
    )
    return payment
