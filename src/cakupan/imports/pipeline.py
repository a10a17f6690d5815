"""The long work of a batch: validation and commit. Called by the background tasks and, inline,
by the CLI, so both paths run the same code. Progress is written as the work goes, in short
transactions of its own, so the page and the CLI can show it."""

import logging

import polars as pl
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cakupan.accounts.models import User
from cakupan.accounts.scope import permitted_region_codes
from cakupan.audit.services import audit_record
from cakupan.errors import DomainError
from cakupan.imports import readers, storage, writers
from cakupan.imports.kinds import kind_get
from cakupan.imports.mapping import header_score
from cakupan.imports.models import BatchPhase, BatchState, ImportBatch
from cakupan.imports.places import places_load
from cakupan.imports.services import move
from cakupan.imports.validation import Context, validate_table
from cakupan.regions.selectors import kecamatan_codes_undotted

log = logging.getLogger(__name__)
CHUNK_ROWS = 10_000
VALIDATE_STEPS = 4


class Cancelled(Exception):
    pass


def _progress(batch_id: int, done: int, total: int, callback=None) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(
        progress_done=done, progress_total=total, updated_at=timezone.now()
    )
    if callback is not None:  # the CLI's progress bar
        callback(done, total)


def _check_cancel(batch_id: int) -> None:
    if ImportBatch.objects.filter(pk=batch_id, cancel_requested=True).exists():
        raise Cancelled


@transaction.atomic
def _end(batch_id: int, state: str, *, actor, action: str, extra=None, **fields) -> ImportBatch:
    batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
    return move(
        batch,
        state,
        actor=actor,
        action=action,
        extra=extra,
        phase=BatchPhase.IDLE,
        cancel_requested=False,
        **fields,
    )


def _failure_text(exc: BaseException) -> str:
    if isinstance(exc, DomainError) or hasattr(exc, "message"):
        try:
            return exc.message("id")
        except Exception:  # noqa: BLE001 - fall through to the plain text
            pass
    return f"{type(exc).__name__}: {str(exc)[:300]}"


def validate_run(*, batch_id: int, actor_id: int, progress=None) -> ImportBatch:
    batch = ImportBatch.objects.get(pk=batch_id)
    actor = User.objects.get(pk=actor_id)
    kind = kind_get(batch.kind)
    folder = storage.batch_dir(batch.pk)
    try:
        _progress(batch_id, 0, VALIDATE_STEPS, progress)
        table = readers.read_table(
            storage.upload_path(batch.stored_path), header_score=header_score(kind)
        )
        table.write_parquet(folder / storage.ORIGINAL)
        _progress(batch_id, 1, VALIDATE_STEPS, progress)
        _check_cancel(batch_id)
        places = places_load(
            area_code=batch.region_code,
            permitted=permitted_region_codes(user=actor, permission=kind.permission),
        )
        ctx = Context(
            kind, batch.options, places, kecamatan_codes_undotted(), timezone.localdate(), actor
        )
        _progress(batch_id, 2, VALIDATE_STEPS, progress)
        with transaction.atomic():  # the lookups' temporary tables live in one transaction
            outcome = validate_table(ctx, table, batch.mapping)
        _progress(batch_id, 3, VALIDATE_STEPS, progress)
        _check_cancel(batch_id)
        outcome.rows.write_parquet(folder / storage.ROWS)
        outcome.errors.write_parquet(folder / storage.ERRORS)
    except Cancelled:
        return _end(batch_id, BatchState.CANCELLED, actor=actor, action="batch_cancel")
    except Exception as exc:
        if not isinstance(exc, DomainError):
            log.exception("import batch %s: validation failed", batch_id)
        return _end(
            batch_id,
            BatchState.FAILED,
            actor=actor,
            action="batch_validate_failed",
            error_message=_failure_text(exc),
            extra={"error": _failure_text(exc)},
        )
    return _end(
        batch_id,
        BatchState.VALIDATED,
        actor=actor,
        action="batch_validate",
        extra={**outcome.counts, "contribution_total": outcome.contribution_total},
        contribution_total=outcome.contribution_total,
        validated_at=timezone.now(),
        progress_done=VALIDATE_STEPS,
        committed_chunks=0,
        **outcome.counts,
    )


def commit_run(*, batch_id: int, chunk_rows: int | None = None, progress=None) -> ImportBatch:
    """Write the valid rows chunk by chunk. A chunk is one transaction holding its persons,
    spells, audit row and the batch's counts: it lands whole or not at all. The first chunk
    that fails stops the batch (failed, naming its rows); a cancel stops at a chunk boundary."""
    size = chunk_rows or CHUNK_ROWS
    batch = ImportBatch.objects.select_related("committed_by").get(pk=batch_id)
    actor = batch.committed_by
    rows = pl.read_parquet(storage.batch_dir(batch.pk) / storage.ROWS)
    chunks = (rows.height + size - 1) // size
    now = timezone.now()
    for index in range(batch.committed_chunks, chunks):
        chunk = rows.slice(index * size, size)
        first, last = chunk["_row"].min(), chunk["_row"].max()
        try:
            _check_cancel(batch_id)
            with transaction.atomic():
                persons = writers.persons_insert(chunk, now=now)
                spells = writers.spells_insert(
                    chunk, source=f"import:{batch.pk}", created_by_id=actor.pk, now=now
                )
                audit_record(
                    actor=actor,
                    action="imports.chunk_commit",
                    object_type="import_batch",
                    object_id=batch.pk,
                    region_code=batch.region_code,
                    after={
                        "chunk": index + 1,
                        "rows": [first, last],
                        "size": chunk.height,
                        "persons_new": persons,
                        "spells_new": spells,
                        "unchanged": chunk.height - spells,
                    },
                )
                ImportBatch.objects.filter(pk=batch.pk).update(
                    committed_chunks=index + 1,
                    committed_rows=F("committed_rows") + chunk.height,
                    committed_persons=F("committed_persons") + persons,
                    committed_spells=F("committed_spells") + spells,
                    progress_done=min(rows.height, (index + 1) * size),
                    updated_at=timezone.now(),
                )
            if progress is not None:
                progress(min(rows.height, (index + 1) * size), rows.height)
        except Cancelled:
            return _end(
                batch_id,
                BatchState.CANCELLED,
                actor=actor,
                action="batch_cancel",
                extra={"chunks_committed": index},
            )
        except Exception as exc:
            log.warning("import batch %s: chunk %s failed: %s", batch_id, index + 1, exc)
            text = (
                f"Potongan {index + 1} (baris {first}–{last}) tidak tersimpan; tidak satu baris "
                f"pun dari potongan itu masuk. {index} potongan sebelumnya tersimpan utuh. "
                f"Penyebab: {_failure_text(exc)}"
            )
            return _end(
                batch_id,
                BatchState.FAILED,
                actor=actor,
                action="batch_commit_failed",
                error_message=text,
                extra={"chunk": index + 1, "rows": [first, last]},
            )
    batch.refresh_from_db()
    return _end(
        batch_id,
        BatchState.COMMITTED,
        actor=actor,
        action="batch_commit",
        extra={
            "persons_new": batch.committed_persons,
            "spells_new": batch.committed_spells,
            "rows": batch.committed_rows,
        },
        committed_at=timezone.now(),
        progress_done=rows.height,
    )
