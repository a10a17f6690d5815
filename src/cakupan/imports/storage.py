"""Where a batch's files live: MEDIA_ROOT/imports/<batch id>/ (private, never served directly).

upload.<ext>      the file as uploaded (its sha256 is on the batch)
original.parquet  every row as text with its row number (for the error report)
rows.parquet      the valid rows, typed, ready for the writers
errors.parquet    one row per problem found
"""

import hashlib
import shutil
from pathlib import Path

from django.conf import settings

ORIGINAL, ROWS, ERRORS = "original.parquet", "rows.parquet", "errors.parquet"


def batch_dir(batch_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / str(batch_id)


def upload_save(batch_id: int, source, suffix: str) -> tuple[str, str]:
    """Copy the upload (a Django UploadedFile or a binary file) into the batch's folder.
    Returns (path relative to MEDIA_ROOT, sha256)."""
    folder = batch_dir(batch_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"upload{suffix}"
    digest = hashlib.sha256()
    chunks = (
        source.chunks() if hasattr(source, "chunks") else iter(lambda: source.read(1 << 20), b"")
    )
    with open(target, "wb") as out:
        for chunk in chunks:
            digest.update(chunk)
            out.write(chunk)
    target.chmod(0o600)
    return str(target.relative_to(settings.MEDIA_ROOT)), digest.hexdigest()


def upload_path(stored_path: str) -> Path:
    return Path(settings.MEDIA_ROOT) / stored_path


def batch_files_remove(batch_id: int) -> None:
    shutil.rmtree(batch_dir(batch_id), ignore_errors=True)
