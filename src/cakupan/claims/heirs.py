"""Heirs of a death claim: add and remove relatives (the rules then say again who is entitled
in the legal order) and record a court or family decision that overrides the rules, with its
document and reason kept on the heir and in the audit. Re-exported by `claims.services`."""

from __future__ import annotations

from django.db import transaction

from cakupan.audit.services import audit_record, snapshot
from cakupan.claims.common import (
    ENTER,
    OVERRIDE_DOCUMENTS,
    claim_locked,
    clean_text,
    error,
    not_editable,
    require_status,
)
from cakupan.claims.decisions import decision_refresh
from cakupan.claims.models import Claim, Heir, Marital, Relation, SchoolLevel, Status
from cakupan.documents import uploads
from cakupan.rules.nik import require_nik

HEIR_FIELDS = (
    "relation", "name", "nik", "birth_date", "alive", "marital_status", "working",
    "notarial_deed", "school_level",
)  # fmt: skip


def _heir_clean(data: dict) -> dict:
    if data.get("relation") not in Relation.values:
        raise error("heir_relation", "Hubungan keluarga tidak dikenal.", "Unknown relation.")
    data["name"] = clean_text(data.get("name"), "name", limit=150)
    nik = str(data.get("nik") or "").strip()
    data["nik"] = require_nik(nik).value if nik else ""
    if (data.get("marital_status") or "") not in ("", *Marital.values):
        raise error("heir_marital", "Status perkawinan tidak dikenal.", "Unknown marital status.")
    data["marital_status"] = data.get("marital_status") or ""
    if (data.get("school_level") or "") not in SchoolLevel.values:
        raise error("heir_school", "Jenjang sekolah tidak dikenal.", "Unknown school level.")
    data["school_level"] = data.get("school_level") or ""
    for key in ("alive", "working", "notarial_deed"):
        data[key] = bool(data.get(key, key == "alive"))
    return data


@transaction.atomic
def heir_add(*, actor, claim_id: int, **fields) -> Heir:
    """Add a relative of the deceased; the rules then say again who is entitled."""
    unknown = set(fields) - set(HEIR_FIELDS)
    if unknown:
        raise not_editable(unknown)
    claim = claim_locked(actor, claim_id, ENTER)
    require_status(claim, Status.ENTERED)
    if not claim.is_death:
        raise error(
            "heirs_death_only",
            "Ahli waris hanya dicatat untuk klaim kematian.",
            "Heirs are recorded for death claims only.",
        )
    data = _heir_clean(dict(fields))
    if data["nik"] and (data["nik"] == claim.nik or claim.heirs.filter(nik=data["nik"]).exists()):
        raise error(
            "heir_nik_duplicate",
            "NIK ini sudah dicatat pada klaim ini.",
            "This NIK is already on this claim.",
        )
    heir = Heir.objects.create(
        claim=claim,
        regency_code=claim.regency_code,
        region_code=claim.region_code,
        order=claim.heirs.count(),
        **data,
    )
    audit_record(
        actor=actor,
        action="claims.heir_add",
        object_type="claim_heir",
        object_id=heir.pk,
        region_code=claim.region_code,
        after={**snapshot(heir), "claim": claim.pk},
    )
    _recompute_or_refuse(claim)
    heir.refresh_from_db()
    return heir


def _recompute_or_refuse(claim: Claim) -> None:
    """Recompute; a heirs list the rules reject outright (two widows of a woman, a NIK twice)
    is refused here so it never reaches the database."""
    decision = decision_refresh(claim)
    if decision.error_code.startswith("heirs.") or decision.error_code == "input.choice":
        from cakupan.rules.errors import render

        raise error(
            decision.error_code.replace(".", "_"),
            render(decision.error_code, decision.error_params, "id"),
            render(decision.error_code, decision.error_params, "en"),
        )


@transaction.atomic
def heir_remove(*, actor, claim_id: int, heir_id: int, reason: str = "") -> None:
    claim = claim_locked(actor, claim_id, ENTER)
    require_status(claim, Status.ENTERED)
    heir = _heir(claim, heir_id)
    audit_record(
        actor=actor,
        action="claims.heir_remove",
        object_type="claim_heir",
        object_id=heir.pk,
        region_code=claim.region_code,
        before={**snapshot(heir), "claim": claim.pk},
        reason=reason,
    )
    heir.delete()
    decision_refresh(claim)


def _heir(claim: Claim, heir_id: int) -> Heir:
    heir = claim.heirs.filter(pk=heir_id).first()
    if heir is None:
        raise error("heir_not_found", "Ahli waris tidak ditemukan.", "Heir not found.")
    return heir


@transaction.atomic
def heir_override(
    *, actor, claim_id: int, heir_id: int, entitled: bool | None, reason: str, document_id: int
) -> Heir:
    """Record a court or family decision that makes a relative entitled (or not) against what
    the rules say; `entitled=None` goes back to the rules. The document and reason are kept on
    the heir and in the audit."""
    claim = claim_locked(actor, claim_id, ENTER)
    require_status(claim, Status.ENTERED)
    heir = _heir(claim, heir_id)
    reason = clean_text(reason, "reason")
    document = claim.documents.filter(pk=document_id, kind__in=OVERRIDE_DOCUMENTS).first()
    if document is None:
        raise error(
            "override_document",
            "Lampirkan dahulu penetapan pengadilan atau keputusan keluarga, lalu pilih "
            "dokumen itu.",
            "Attach the court or family decision first, then choose that document.",
        )
    before = snapshot(heir)
    heir.override_entitled = entitled
    heir.override_reason = reason
    heir.override_document = document
    heir.save()
    audit_record(
        actor=actor,
        action="claims.heir_override",
        object_type="claim_heir",
        object_id=heir.pk,
        region_code=claim.region_code,
        before=before,
        after={**snapshot(heir), "claim": claim.pk, "document": uploads.picture(document)},
        reason=reason,
    )
    return heir
