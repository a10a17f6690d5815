"""Storing a claim document or a hand-over photo: type checked by content (PDF, JPEG, PNG;
photos JPEG or PNG), size-limited, kept privately under MEDIA_ROOT/claims and read only
through permission-checked, audited downloads. The caller runs inside its transaction."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath

from django.conf import settings

from cakupan.errors import DomainError

TYPES = {  # extension -> (content type, magic bytes at the start of the file)
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}
PHOTO_TYPES = {".jpg", ".jpeg", ".png"}
MAX_BYTES = 10 * 1024 * 1024


def check_upload(upload, *, photo: bool = False) -> str:
    """The content type of `upload`, or a DomainError saying what is wrong with it."""
    ext = PurePath(upload.name or "").suffix.lower()
    kind = TYPES.get(ext)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if kind is None or not head.startswith(kind[1]) or (photo and ext not in PHOTO_TYPES):
        if photo:
            raise DomainError(
                "photo_type", "Foto harus berkas JPEG atau PNG.", "A photo must be a JPEG or PNG."
            )
        raise DomainError(
            "document_type",
            "Dokumen harus berkas PDF, JPEG atau PNG.",
            "A document must be a PDF, JPEG or PNG file.",
        )
    size = upload.size or 0
    limit = getattr(settings, "CAKUPAN_CLAIM_DOCUMENT_MAX_BYTES", MAX_BYTES)
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


def store(row, upload, *, actor, photo: bool = False):
    """Fill the StoredFile fields of the unsaved `row` from `upload`, save file and row."""
    content_type = check_upload(upload, photo=photo)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    ext = PurePath(upload.name).suffix.lower()
    row.stored_name = f"{uuid.uuid4().hex}{ext}"
    row.original_name = PurePath(upload.name).name[:255]
    row.content_type = content_type
    row.size = upload.size
    row.sha256 = digest.hexdigest()
    row.uploaded_by = actor if getattr(actor, "pk", None) else None
    row.file.save(row.stored_name, upload, save=False)
    try:
        row.save()
    except Exception:
        row.file.delete(save=False)
        raise
    return row


def picture(row) -> dict:
    return {
        "original_name": row.original_name,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
    }
