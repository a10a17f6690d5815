"""Writes to import batches. Every state change runs in one transaction with its audit row;
the long work (validation, commit) runs in `pipeline.py`, started here as a background task
or inline (the CLI), by the same code."""

from pathlib import Path

from django.db import transaction

from cakupan.accounts.scope import require_permission, row_for_update
from cakupan.audit.services import audit_record
from cakupan.errors import DomainError
from cakupan.imports import readers, storage
from cakupan.imports.kinds import kind_get
from cakupan.imports.mapping import header_score, mapping_check, mapping_propose
from cakupan.imports.models import BatchPhase, BatchState, ImportBatch
from cakupan.imports.selectors import batch_not_found, batch_queryset
from cakupan.regions.models import Level
from cakupan.regions.selectors import region_get
from cakupan.transitions import Transitions

S = BatchState
TRANSITIONS = Transitions(
    {
        S.UPLOADED: {S.UPLOADED, S.VALIDATED, S.FAILED, S.CANCELLED},
        S.VALIDATED: {S.UPLOADED, S.VALIDATED, S.IN_REVIEW, S.FAILED, S.CANCELLED},
        S.IN_REVIEW: {S.UPLOADED, S.VALIDATED, S.COMMITTED, S.FAILED, S.CANCELLED},
        # A failed commit may be retried (its committed chunks are whole; a re-run skips them).
        S.FAILED: {S.UPLOADED, S.COMMITTED, S.FAILED, S.CANCELLED},
        S.COMMITTED: set(),
        S.CANCELLED: set(),
    }
)


class BatchStateError(DomainError):
    status = 409


def _state_error(batch: ImportBatch) -> BatchStateError:
    return BatchStateError(
        "batch_state",
        "Batch #{id} berstatus {state}; tindakan ini tidak dapat dilakukan.",
        "Batch #{id} is {state_en}; this cannot be done now.",
        id=batch.pk,
        state=S(batch.state).label,
        state_en=batch.state,
    )


def move(batch: ImportBatch, to: str, *, actor, action: str, extra: dict | None = None, **fields):
    """Change the batch's state (and `fields`) and audit it; inside the caller's transaction."""
    before = batch.state
    TRANSITIONS.check(before, to, error=lambda: _state_error(batch))
    batch.state = to
    for key, value in fields.items():
        setattr(batch, key, value)
    batch.save()
    audit_record(
        actor=actor,
        action=f"imports.{action}",
        object_type="import_batch",
        object_id=batch.pk,
        region_code=batch.region_code,
        before={"state": before},
        after={"state": to, **(extra or {})},
    )
    return batch


def _locked(*, actor, batch_id: int) -> ImportBatch:
    """The batch in the actor's scope for its kind, checked and locked for the write."""
    kind = ImportBatch.objects.filter(pk=batch_id).values_list("kind", flat=True).first()
    permission = kind_get(kind).permission if kind else ""
    return row_for_update(
        batch_queryset(user=actor),
        user=actor,
        pk=batch_id,
        view_permission=permission,
        permission=permission,
        missing=batch_not_found(),
    )


def _not_running(batch: ImportBatch) -> None:
    if batch.phase:
        raise BatchStateError(
            "batch_busy",
            "Batch #{id} sedang diproses; tunggu sampai selesai.",
            "Batch #{id} is being processed; wait until it finishes.",
            id=batch.pk,
        )


@transaction.atomic
def batch_upload(
    *, actor, kind: str, area_code: str, source, filename: str, options: dict
) -> ImportBatch:
    """Store the file, read its header and propose a mapping. Nothing is checked row by row yet."""
    import_kind = kind_get(kind)
    area = region_get(code=area_code)
    if area.level == Level.PROVINCE:
        raise DomainError(
            "area_too_wide",
            "Pilih kabupaten, kecamatan atau desa sebagai wilayah impor.",
            "Choose a regency, kecamatan or desa as the import's area.",
        )
    require_permission(user=actor, permission=import_kind.permission, region_code=area.code)
    options = import_kind.options_clean(actor=actor, options=options, area_code=area.code)
    suffix = Path(filename or "").suffix.lower()
    if suffix not in readers.SUFFIXES:
        raise readers.ReadError(
            "file_type",
            "Jenis berkas {suffix} tidak didukung; unggah CSV, XLSX atau ODS.",
            "File type {suffix} is not supported; upload CSV, XLSX or ODS.",
            suffix=suffix or "?",
        )
    batch = ImportBatch.objects.create(
        kind=import_kind.name,
        regency_code=area.code[:5],
        region_code=area.code,
        uploaded_by=actor,
        original_name=Path(filename).name[:255],
        options=options,
    )
    try:
        batch.stored_path, batch.sha256 = storage.upload_save(batch.pk, source, suffix)
        table = readers.read_table(
            storage.upload_path(batch.stored_path), header_score=header_score(import_kind)
        )
    except Exception:
        storage.batch_files_remove(batch.pk)
        raise
    batch.columns = [c for c in table.columns if c != readers.ROW]
    batch.mapping = mapping_propose(kind=import_kind, columns=batch.columns)
    batch.rows_total = table.height
    batch.save()
    audit_record(
        actor=actor,
        action="imports.batch_upload",
        object_type="import_batch",
        object_id=batch.pk,
        region_code=batch.region_code,
        after={
            "kind": batch.kind,
            "file": batch.original_name,
            "sha256": batch.sha256,
            "rows": table.height,
            "options": options,
        },
    )
    return batch


@transaction.atomic
def batch_mapping_set(*, actor, batch_id: int, mapping: dict[str, str]) -> ImportBatch:
    """Confirm (or change) which column is which field; a changed mapping needs a new check."""
    batch = _locked(actor=actor, batch_id=batch_id)
    _not_running(batch)
    mapping = mapping_check(kind=kind_get(batch.kind), columns=batch.columns, mapping=mapping)
    return move(
        batch,
        S.UPLOADED,
        actor=actor,
        action="batch_mapping",
        extra={"mapping": mapping},
        mapping=mapping,
    )


@transaction.atomic
def _validate_claim(*, actor, batch_id: int) -> ImportBatch:
    batch = _locked(actor=actor, batch_id=batch_id)
    _not_running(batch)
    if batch.state not in (S.UPLOADED, S.VALIDATED, S.IN_REVIEW):
        raise _state_error(batch)
    mapping_check(kind=kind_get(batch.kind), columns=batch.columns, mapping=batch.mapping)
    batch.phase, batch.cancel_requested = BatchPhase.VALIDATE, False
    batch.progress_done, batch.progress_total, batch.error_message = 0, 0, ""
    batch.save()
    return batch


def batch_validate(
    *, actor, batch_id: int, inline: bool = False, progress=None, review: bool = False
) -> ImportBatch:
    """Check every row in the background (or now, `inline`); the batch ends `validated`, or
    with `review` (the batch page, where the preview then shows) `in_review`."""
    from cakupan.imports import pipeline, tasks

    batch = _validate_claim(actor=actor, batch_id=batch_id)
    if inline:
        pipeline.validate_run(
            batch_id=batch.pk, actor_id=actor.pk, progress=progress, review=review
        )
    else:
        tasks.batch_validate_task.enqueue(batch.pk, actor.pk, review)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def batch_review(*, actor, batch_id: int) -> ImportBatch:
    """The operator has the preview in front of them: validated → in review."""
    batch = _locked(actor=actor, batch_id=batch_id)
    _not_running(batch)
    if batch.state == S.IN_REVIEW:
        return batch
    if batch.state != S.VALIDATED:
        raise _state_error(batch)
    return move(batch, S.IN_REVIEW, actor=actor, action="batch_review")


@transaction.atomic
def _commit_claim(*, actor, batch_id: int) -> ImportBatch:
    batch = _locked(actor=actor, batch_id=batch_id)
    _not_running(batch)
    if batch.state not in (S.IN_REVIEW, S.FAILED) or batch.validated_at is None:
        raise _state_error(batch)
    if batch.state == S.IN_REVIEW:
        batch.committed_chunks = 0  # a fresh commit; a retry after failure resumes instead
    batch.phase, batch.cancel_requested, batch.committed_by = BatchPhase.COMMIT, False, actor
    batch.progress_total, batch.error_message = batch.rows_valid, ""
    batch.save()
    audit_record(
        actor=actor,
        action="imports.batch_commit_start",
        object_type="import_batch",
        object_id=batch.pk,
        region_code=batch.region_code,
        after={"rows_valid": batch.rows_valid},
    )
    return batch


def batch_commit(
    *, actor, batch_id: int, inline: bool = False, chunk_rows: int | None = None, progress=None
):
    """Write the valid rows, one transaction per chunk (in the background, or now `inline`)."""
    from cakupan.imports import pipeline, tasks

    batch = _commit_claim(actor=actor, batch_id=batch_id)
    if inline:
        pipeline.commit_run(batch_id=batch.pk, chunk_rows=chunk_rows, progress=progress)
    else:
        tasks.batch_commit_task.enqueue(batch.pk)
    batch.refresh_from_db()
    return batch


@transaction.atomic
def batch_cancel(*, actor, batch_id: int) -> ImportBatch:
    """Cancel now, or — while a task works on it — at the next chunk boundary."""
    batch = _locked(actor=actor, batch_id=batch_id)
    if batch.phase:
        batch.cancel_requested = True
        batch.save(update_fields=["cancel_requested", "updated_at"])
        audit_record(
            actor=actor,
            action="imports.batch_cancel_request",
            object_type="import_batch",
            object_id=batch.pk,
            region_code=batch.region_code,
        )
        return batch
    return move(batch, S.CANCELLED, actor=actor, action="batch_cancel")
