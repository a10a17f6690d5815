"""Documents attached to an agreement (the signed PKS, addenda, decrees): PDF, JPEG or PNG,
checked by content (not by name), size-limited, stored privately under
MEDIA_ROOT/agreements and read only through `document_open` (permission-checked, audited).
Re-exported by `agreements.services`, where callers find every write.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import transaction

from cakupan.agreements.models import AgreementDocument
from cakupan.audit.services import audit_record, snapshot
from cakupan.errors import DomainError

DOCUMENT_TYPES = {  # extension -> (content type, magic bytes at the start of the file)
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def _document_type(name: str, head: bytes, size: int) -> str:
    ext = PurePath(name or "").suffix.lower()
    kind = DOCUMENT_TYPES.get(ext)
    if kind is None or not head.startswith(kind[1]):
        raise DomainError(
            "document_type",
            "Dokumen harus berkas PDF, JPEG atau PNG.",
            "A document must be a PDF, JPEG or PNG file.",
        )
    limit = getattr(settings, "CAKUPAN_AGREEMENT_DOCUMENT_MAX_BYTES", DOCUMENT_MAX_BYTES)
    if size > limit:
        raise DomainError(
            "document_too_large",
            "Dokumen terlalu besar (maksimal {limit_mb} MB).",
            "The document is too large (at most {limit_mb} MB).",
            limit_mb=limit // (1024 * 1024),
        )
    if size == 0:
        raise DomainError("document_empty", "Dokumen kosong.", "The document is empty.")
    return kind[0]


@transaction.atomic
def document_attach(*, actor, agreement_id: int, upload, title: str = "") -> AgreementDocument:
    """Store an uploaded PDF/JPEG/PNG privately and record it (type checked by content)."""
    from cakupan.agreements.services import agreement_managed

    agreement = agreement_managed(actor=actor, agreement_id=agreement_id)
    size = upload.size or 0
    upload.seek(0)
    head = upload.read(16)
    content_type = _document_type(upload.name, head, size)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    ext = PurePath(upload.name).suffix.lower()
    document = AgreementDocument(
        agreement=agreement,
        regency_code=agreement.regency_code,
        title=" ".join((title or PurePath(upload.name).stem).split())[:200],
        stored_name=f"{uuid.uuid4().hex}{ext}",
        original_name=PurePath(upload.name).name[:255],
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    document.file.save(document.stored_name, upload, save=False)
    try:
        document.save()
        audit_record(
            actor=actor,
            action="agreements.document_attach",
            object_type="agreement_document",
            object_id=document.pk,
            region_code=agreement.region_code,
            after={k: v for k, v in snapshot(document).items() if k != "file"},
        )
    except Exception:
        document.file.delete(save=False)  # no orphan file when the row does not land
        raise
    return document


@transaction.atomic
def document_open(*, actor, agreement_id: int, document_id: int):
    """The document's file, for a user who may view the agreement (the read is audited)."""
    from cakupan.agreements.selectors import document_get

    document = document_get(user=actor, agreement_id=agreement_id, document_id=document_id)
    audit_record(
        actor=actor,
        action="agreements.document_open",
        object_type="agreement_document",
        object_id=document.pk,
        region_code=document.agreement.region_code,
    )
    return document, document.file.open("rb")
