"""Files people upload (agreement documents, claim documents, hand-over photos): the one place
that checks them and keeps them.

- the type is read from the content (the first bytes), never trusted from the name alone: a
  PDF, JPEG or PNG whose extension agrees with what it holds; photos JPEG or PNG only;
- the size is limited by `settings.CAKUPAN_UPLOAD_MAX_BYTES` (10 MB unless a deployment says
  otherwise); an empty file is refused;
- files are kept in a private area under MEDIA_ROOT (`PrivateStorage("claims")`, …) that has no
  public URL: nothing serves MEDIA_ROOT or puts it under STATIC_ROOT, and only the owning app's
  permission-checked, audited download reads a file back;
- the name on disk is a random one (`<uuid>.<ext>`); the name the uploader gave is kept only as
  text, cleaned of folders and control characters, for the download's file name.

`stored(row, upload, actor=...)` fills the file fields of an unsaved row (the owning app's
model, with `file`, `stored_name`, `original_name`, `content_type`, `size`, `sha256` and
`uploaded_by`), saves the file and the row, and removes the file again when anything inside the
`with` block (the audit row) fails, so a rolled-back transaction leaves no orphan file.
"""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath, PureWindowsPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property

from cakupan.errors import DomainError

TYPES = {  # extension -> (content type, magic bytes at the start of the file)
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}
PHOTO_TYPES = frozenset({".jpg", ".jpeg", ".png"})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_HEAD = 16


class PrivateStorage(FileSystemStorage):
    """A private area under MEDIA_ROOT with no public URL. The location follows MEDIA_ROOT when
    a test or a deployment changes it (Django clears the cached location on that setting)."""

    def __init__(self, area: str):
        self.area = area
        super().__init__()

    @cached_property
    def base_location(self):
        return Path(settings.MEDIA_ROOT) / self.area

    def url(self, name):
        raise ValueError(f"{self.area} files have no public URL")


def max_bytes() -> int:
    return int(getattr(settings, "CAKUPAN_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _type_error(photo: bool) -> DomainError:
    if photo:
        return DomainError(
            "photo_type", "Foto harus berkas JPEG atau PNG.", "A photo must be a JPEG or PNG."
        )
    return DomainError(
        "document_type",
        "Dokumen harus berkas PDF, JPEG atau PNG.",
        "A document must be a PDF, JPEG or PNG file.",
    )


def upload_check(upload, *, photo: bool = False) -> str:
    """The content type of `upload` read from its first bytes, or a DomainError saying what is
    wrong with it (type, then size, then emptiness)."""
    ext = PurePath(upload.name or "").suffix.lower()
    kind = TYPES.get(ext)
    upload.seek(0)
    head = upload.read(_HEAD)
    upload.seek(0)
    if kind is None or not head.startswith(kind[1]) or (photo and ext not in PHOTO_TYPES):
        raise _type_error(photo)
    size = upload.size or 0
    limit = max_bytes()
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


def safe_name(name: str, *, limit: int = 255) -> str:
    """The uploader's file name without folders (either slash), control characters or quotes;
    "berkas" when nothing is left."""
    base = PureWindowsPath(str(name or "")).name  # splits on both "/" and "\"
    cleaned = "".join(
        c for c in base if unicodedata.category(c)[0] != "C" and c not in '"<>|:*?'
    ).strip(" .")
    return (cleaned or "berkas")[:limit]


@contextmanager
def stored(row, upload, *, actor, photo: bool = False) -> Iterator:
    """Check `upload`, fill the file fields of the unsaved `row`, save the file and the row, and
    yield the row; the file is removed again if the block (or the row's save) raises."""
    content_type = upload_check(upload, photo=photo)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    ext = PurePath(upload.name).suffix.lower()
    row.stored_name = f"{uuid.uuid4().hex}{ext}"
    row.original_name = safe_name(upload.name)
    row.content_type = content_type
    row.size = upload.size
    row.sha256 = digest.hexdigest()
    row.uploaded_by = actor if getattr(actor, "pk", None) else None
    row.file.save(row.stored_name, upload, save=False)
    try:
        row.save()
        yield row
    except BaseException:
        row.file.delete(save=False)  # no orphan file when the row does not land
        raise


def picture(row) -> dict:
    """What the audit log keeps of a stored file."""
    return {
        "original_name": row.original_name,
        "content_type": row.content_type,
        "size": row.size,
        "sha256": row.sha256,
    }
