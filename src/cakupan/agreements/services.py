"""Writes to agreements: create and update a PKS, attach documents, issue certificates, export
the enrolled list for BPJS.

Each service checks the actor's permission inside the agreement's region, runs in one
transaction and writes its audit row in that same transaction. Exports hand out full NIKs, so
they need `registry.export` in the agreement's region and every one is audited (who, which
agreement, how many rows).
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from pathlib import PurePath

from django.db import IntegrityError, transaction

from cakupan.accounts.scope import require_permission
from cakupan.agreements import exports
from cakupan.agreements.models import (
    AGREEMENT_PROGRAMS,
    Agreement,
    AgreementDocument,
    AgreementParty,
    BudgetSource,
    Certificate,
    Charging,
    OfficerRole,
    PartyRole,
)
from cakupan.agreements.selectors import agreement_get, agreement_spell, document_get
from cakupan.audit.services import audit_record, snapshot
from cakupan.documents import uploads
from cakupan.errors import DomainError
from cakupan.regions.models import Level
from cakupan.regions.selectors import region_get
from cakupan.registry.models import Payer
from cakupan.rules import contribution_bpu

EDITABLE = {
    "number",
    "title",
    "region_code",
    "payer",
    "valid_from",
    "valid_to",
    "signed_on",
    "scope",
    "roles",
    "election_name",
    "election_date",
    "budget_source",
    "budget_ceiling",
    "charging",
    "programs",
    "declared_income",
    "min_age",
}


def agreement_managed(*, actor, agreement_id: int) -> Agreement:
    """The agreement, if the actor may change it: not found outside their view scope,
    refused (403) where they may see it but not manage it."""
    agreement = agreement_get(user=actor, agreement_id=agreement_id)
    require_permission(
        user=actor, permission="agreements.manage", region_code=agreement.region_code
    )
    return agreement


def _invalid(code: str, message_id: str, message_en: str, **params) -> DomainError:
    return DomainError(code, message_id, message_en, **params)


def _clean(data: dict) -> dict:
    """Check an agreement's fields together; returns them normalised."""
    for key in ("number", "title"):
        data[key] = " ".join(str(data.get(key) or "").split())
        if not data[key]:
            raise _invalid(
                "field_required", "{field} wajib diisi.", "{field} is required.", field=key
            )
    region = region_get(code=data["region_code"])
    if region.level not in (Level.REGENCY, Level.DISTRICT):
        raise _invalid(
            "agreement_region_level",
            "Wilayah PKS harus kabupaten/kota atau kecamatan.",
            "An agreement covers a regency or a kecamatan.",
        )
    data["region_code"] = region.code
    if not (data.get("valid_from") and data.get("valid_to")):
        raise _invalid(
            "dates_required", "Tanggal berlaku wajib diisi.", "The validity dates are required."
        )
    if data["valid_to"] < data["valid_from"]:
        raise _invalid(
            "dates_reversed",
            "Tanggal akhir sebelum tanggal mulai.",
            "The end date is before the start date.",
        )
    roles = list(dict.fromkeys(data.get("roles") or []))
    if set(roles) - set(OfficerRole.values):
        raise _invalid("roles_invalid", "Jabatan tidak dikenal.", "Unknown officer role.")
    data["roles"] = roles
    programs = [p.upper() for p in data.get("programs") or []]
    if not programs or set(programs) - set(AGREEMENT_PROGRAMS):
        raise _invalid(
            "programs_invalid",
            "Pilih program JKK, JKM dan/atau JHT (JP dan JKP hanya untuk PU).",
            "Choose JKK, JKM and/or JHT (JP and JKP are for wage earners only).",
        )
    data["programs"] = [p for p in AGREEMENT_PROGRAMS if p in programs]
    for key, choices in (
        ("budget_source", BudgetSource),
        ("charging", Charging),
        ("payer", Payer),
    ):
        if data.get(key) not in choices.values:
            raise _invalid(
                "choice_invalid", "Pilihan {field} tidak dikenal.", "Unknown {field}.", field=key
            )
    if int(data.get("budget_ceiling") or 0) < 0:
        raise _invalid(
            "ceiling_negative", "Pagu tidak boleh negatif.", "The ceiling cannot be negative."
        )
    data["budget_ceiling"] = int(data.get("budget_ceiling") or 0)
    if data.get("declared_income"):
        # Refused (never clamped) by the rules if outside the BPU range on the first day.
        contribution_bpu(date=data["valid_from"], income=int(data["declared_income"]))
    else:
        data["declared_income"] = None
    ages = {str(k): int(v) for k, v in (data.get("min_age") or {}).items() if v not in ("", None)}
    if set(ages) - set(OfficerRole.values) or any(not 17 <= v <= 99 for v in ages.values()):
        raise _invalid(
            "min_age_invalid",
            "Usia minimum harus 17–99 tahun untuk jabatan yang dikenal.",
            "A minimum age must be 17–99 years for a known role.",
        )
    data["min_age"] = ages
    return data


def _clean_parties(parties) -> list[dict]:
    out = []
    for party in parties or []:
        name = " ".join(str(party.get("name") or "").split())
        if not name:
            continue
        role = party.get("role") or PartyRole.OTHER
        if role not in PartyRole.values:
            raise _invalid("choice_invalid", "Pilihan {field} tidak dikenal.", "Unknown {field}.",
                           field="role")  # fmt: skip
        out.append(
            {
                "name": name,
                "role": role,
                "signatory": str(party.get("signatory") or "").strip(),
                "position": str(party.get("position") or "").strip(),
            }
        )
    return out


def _set_parties(agreement: Agreement, parties: list[dict]) -> None:
    agreement.parties.all().delete()
    AgreementParty.objects.bulk_create(
        [
            AgreementParty(agreement=agreement, regency_code=agreement.regency_code, order=i, **p)
            for i, p in enumerate(parties)
        ]
    )


def _picture(agreement: Agreement) -> dict:
    return {
        **snapshot(agreement),
        "parties": list(agreement.parties.values("name", "role", "signatory", "position")),
    }


def _save(agreement: Agreement) -> None:
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as exc:
        raise DomainError(
            "agreement_number_taken",
            "Nomor PKS {number} sudah dipakai di kabupaten ini.",
            "Agreement number {number} is already used in this regency.",
            number=agreement.number,
        ) from exc


@transaction.atomic
def agreement_create(*, actor, parties=(), reason: str = "", **fields) -> Agreement:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise _invalid(
            "field_not_editable",
            "Kolom tidak dapat diisi: {fields}",
            "Fields cannot be set: {fields}",
            fields=", ".join(sorted(unknown)),
        )
    fields.setdefault("payer", Payer.APBD)
    fields.setdefault("budget_source", BudgetSource.APBD)
    fields.setdefault("charging", Charging.MONTH_STARTED)
    fields.setdefault("programs", ["JKK", "JKM"])
    data = _clean(dict(fields))
    require_permission(user=actor, permission="agreements.manage", region_code=data["region_code"])
    agreement = Agreement(regency_code=data["region_code"][:5], **data)
    _save(agreement)
    _set_parties(agreement, _clean_parties(parties))
    audit_record(
        actor=actor,
        action="agreements.create",
        object_type="agreement",
        object_id=agreement.pk,
        region_code=agreement.region_code,
        after=_picture(agreement),
        reason=reason,
    )
    return agreement


@transaction.atomic
def agreement_update(*, actor, agreement_id: int, parties=None, reason: str = "", **changes):
    agreement = agreement_managed(actor=actor, agreement_id=agreement_id)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise _invalid(
            "field_not_editable",
            "Kolom tidak dapat diubah: {fields}",
            "Fields cannot be changed: {fields}",
            fields=", ".join(sorted(unknown)),
        )
    before = _picture(agreement)
    data = _clean({**{k: getattr(agreement, k) for k in EDITABLE}, **changes})
    if data["region_code"][:5] != agreement.regency_code:
        raise _invalid(
            "agreement_regency_fixed",
            "PKS tidak dapat dipindah ke kabupaten lain.",
            "An agreement cannot move to another regency.",
        )
    require_permission(user=actor, permission="agreements.manage", region_code=data["region_code"])
    for key, value in data.items():
        setattr(agreement, key, value)
    _save(agreement)
    if parties is not None:
        _set_parties(agreement, _clean_parties(parties))
    audit_record(
        actor=actor,
        action="agreements.update",
        object_type="agreement",
        object_id=agreement.pk,
        region_code=agreement.region_code,
        before=before,
        after=_picture(agreement),
        reason=reason,
    )
    return agreement


# ---------------------------------------------------------------- certificates


# ---------------------------------------------------------------- documents


@transaction.atomic
def document_attach(*, actor, agreement_id: int, upload, title: str = "") -> AgreementDocument:
    """Store an uploaded PDF/JPEG/PNG privately and record it (`documents.uploads` checks it:
    type by content, size, emptiness)."""
    agreement = agreement_managed(actor=actor, agreement_id=agreement_id)
    document = AgreementDocument(
        agreement=agreement,
        regency_code=agreement.regency_code,
        title=" ".join((title or PurePath(upload.name or "").stem).split())[:200],
    )
    with uploads.stored(document, upload, actor=actor):
        audit_record(
            actor=actor,
            action="agreements.document_attach",
            object_type="agreement_document",
            object_id=document.pk,
            region_code=agreement.region_code,
            after={k: v for k, v in snapshot(document).items() if k != "file"},
        )
    return document


@transaction.atomic
def document_open(*, actor, agreement_id: int, document_id: int):
    """The document's file, for a user who may view the agreement (the read is audited)."""
    document = document_get(user=actor, agreement_id=agreement_id, document_id=document_id)
    audit_record(
        actor=actor,
        action="agreements.document_open",
        object_type="agreement_document",
        object_id=document.pk,
        region_code=document.agreement.region_code,
    )
    return document, document.file.open("rb")


# ---------------------------------------------------------------- certificates


def new_code() -> str:
    """16 characters of base32 (80 random bits): not guessable, easy to read out."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")


@transaction.atomic
def certificate_issue(*, actor, agreement_id: int, spell_id: int) -> Certificate:
    """The officer's certificate under this agreement (made once; later calls return it)."""
    agreement = agreement_get(user=actor, agreement_id=agreement_id)
    spell = agreement_spell(agreement=agreement, spell_id=spell_id)
    found = Certificate.objects.filter(spell=spell).first()
    if found is not None:
        return found
    certificate = Certificate.objects.create(
        agreement=agreement,
        spell=spell,
        regency_code=agreement.regency_code,
        region_code=agreement.region_code,
        code=new_code(),
        issued_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="agreements.certificate_issue",
        object_type="certificate",
        object_id=certificate.pk,
        region_code=agreement.region_code,
        after={"agreement": agreement.pk, "spell": spell.pk},
    )
    return certificate


# ---------------------------------------------------------------- exports


@dataclass
class ExportFile:
    filename: str
    content_type: str
    content: bytes
    rows: int


@transaction.atomic
def officers_export(*, actor, agreement_id: int, layout: str) -> ExportFile:
    """The enrolled officers with full NIKs, as `bpjs` (collective-registration XLSX), `csv` or
    `xlsx`. Needs `registry.export` in the agreement's region; audited with the row count."""
    agreement = agreement_get(user=actor, agreement_id=agreement_id)
    require_permission(user=actor, permission="registry.export", region_code=agreement.region_code)
    if layout not in exports.LAYOUTS:
        raise _invalid("export_layout", "Format ekspor tidak dikenal.", "Unknown export format.")
    content, rows = exports.build(agreement=agreement, layout=layout)
    filename, content_type = exports.file_name(agreement=agreement, layout=layout)
    audit_record(
        actor=actor,
        action="agreements.export",
        object_type="agreement",
        object_id=agreement.pk,
        region_code=agreement.region_code,
        after={"layout": layout, "rows": rows, "number": agreement.number},
        reason="full NIKs exported",
    )
    return ExportFile(filename, content_type, content, rows)
