"""The long work of a batch: validation and commit. Called by the background tasks and, inline,
by the CLI, so both paths run the same code. Progress is written as the work goes, in short
transactions of its own, so the page and the CLI can show it."""

import logging

import polars as pl
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cakupan.accounts.models import User
from cakupan.accounts.scope import permitted_region_codes
from cakupan.coverage.facts.freshness import facts_refresh_request
from cakupan.errors import DomainError
from cakupan.imports import readers, services, storage
from cakupan.imports.kinds import kind_get
from cakupan.imports.mapping import header_score
from cakupan.imports.models import BatchPhase, BatchState, ImportBatch
from cakupan.imports.places import places_load
from cakupan.imports.services import move
from cakupan.imports.validation import Context, overlaps, validate_table
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


def validate_run(
    *, batch_id: int, actor_id: int, progress=None, review: bool = False
) -> ImportBatch:
    """Check every row. With `review` (a check started from the batch page, which shows the
    preview as soon as it ends) a validated batch goes straight on to "in review", here rather
    than when the page is next read: a GET changes nothing."""
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
    done = _end(
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
    if review:
        done = services.batch_review(actor=actor, batch_id=batch_id)
    return done


def commit_run(*, batch_id: int, chunk_rows: int | None = None, progress=None) -> ImportBatch:
    """Write the valid rows chunk by chunk. A chunk is one transaction holding its persons,
    spells, audit row and the batch's counts: it lands whole or not at all. The first chunk
    that fails stops the batch (failed, naming its rows); a cancel stops at a chunk boundary."""
    size = chunk_rows or CHUNK_ROWS
    batch = ImportBatch.objects.select_related("committed_by").get(pk=batch_id)
    actor = batch.committed_by
    kind = kind_get(batch.kind)
    rows = pl.read_parquet(storage.batch_dir(batch.pk) / storage.ROWS)
    chunks = (rows.height + size - 1) // size
    now = timezone.now()
    for index in range(batch.committed_chunks, chunks):
        chunk = rows.slice(index * size, size)
        first, last = chunk["_row"].min(), chunk["_row"].max()
        attempts = 0
        while True:
            try:
                _check_cancel(batch_id)
                _chunk_write(
                    kind, batch, actor, chunk, index, now, done=min(rows.height, (index + 1) * size)
                )
                break
            except IntegrityError as exc:
                # Another import enrolled some of these NIKs after this batch was checked: the
                # database refused the overlap and rolled the chunk back. Name those rows as
                # errors and write the rest of the chunk again.
                attempts += 1
                overlap = kind.write_refused(exc) and attempts <= 3
                refused = _refuse_overlaps(batch, chunk) if overlap else 0
                if not refused:
                    return _chunk_failed(batch_id, actor, index, first, last, exc)
                chunk = chunk.filter(~pl.col("_row").is_in(refused))
            except Cancelled:
                return _end(
                    batch_id,
                    BatchState.CANCELLED,
                    actor=actor,
                    action="batch_cancel",
                    extra={"chunks_committed": index},
                )
            except Exception as exc:
                return _chunk_failed(batch_id, actor, index, first, last, exc)
        if progress is not None:
            progress(min(rows.height, (index + 1) * size), rows.height)
    batch.refresh_from_db()
    done = _end(
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
    facts_refresh_request(batch.region_code, force=True)  # the dashboard shows the batch soon
    return done


def _chunk_write(kind, batch, actor, chunk: pl.DataFrame, index: int, now, *, done: int) -> None:
    """One chunk in one transaction: the kind's writer (persons, spells and the chunk's audit
    row) and the batch's counts."""
    with transaction.atomic():
        persons, spells = kind.rows_write(
            actor=actor,
            batch=batch,
            rows=chunk,
            now=now,
            audit={
                "action": "imports.chunk_commit",
                "object_type": "import_batch",
                "object_id": batch.pk,
                "after": {"chunk": index + 1, "rows": [chunk["_row"].min(), chunk["_row"].max()]},
            },
        )
        ImportBatch.objects.filter(pk=batch.pk).update(
            committed_chunks=index + 1,
            committed_rows=F("committed_rows") + chunk.height,
            committed_persons=F("committed_persons") + persons,
            committed_spells=F("committed_spells") + spells,
            progress_done=done,
            updated_at=timezone.now(),
        )


def _chunk_failed(batch_id, actor, index, first, last, exc) -> ImportBatch:
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


def _refuse_overlaps(batch, chunk: pl.DataFrame) -> list[int]:
    """The chunk's rows that now clash with a stored spell, recorded as row errors of the batch
    (error report included) and taken out of its valid count. Returns their row numbers."""
    _persons, spells = kind_get(batch.kind).existing(chunk["nik"].unique())
    _same, clashes = overlaps(chunk, spells)
    if clashes.is_empty():
        return []
    found = clashes.select(
        pl.col("_row").cast(pl.Int64),
        pl.lit("nik").alias("field"),
        pl.col("nik").alias("value"),
        pl.lit("spell.overlap_concurrent").alias("code"),
        pl.lit("{}").alias("params"),
    )
    path = storage.batch_dir(batch.pk) / storage.ERRORS
    errors = pl.read_parquet(path) if path.exists() else found.clear()
    pl.concat([errors, found]).sort("_row").write_parquet(path)
    ImportBatch.objects.filter(pk=batch.pk).update(
        rows_valid=F("rows_valid") - found.height, rows_invalid=F("rows_invalid") + found.height
    )
    return found["_row"].to_list()
