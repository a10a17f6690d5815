"""Reads of import batches, always inside the reader's region scope for the batch's kind."""

import json

import polars as pl
from django.db.models import Exists, OuterRef, Q

from cakupan.accounts.models import RoleAssignment
from cakupan.accounts.roles import Role, permissions_of
from cakupan.accounts.scope import permitted_region_codes, region_filter
from cakupan.errors import NotFound
from cakupan.imports import storage
from cakupan.imports.kinds import kind_get, kinds_all
from cakupan.imports.messages import message
from cakupan.imports.models import ImportBatch
from cakupan.regions.models import Level
from cakupan.regions.selectors import region_children, region_get
from cakupan.rules.nik import mask_typed_nik


def batch_queryset(*, user):
    """Batches of every kind the user may import, inside the region where they may.

    A file may hold rows about persons anywhere in its uploader's area (they come back as row
    errors), so besides the uploader only users whose scope covers the uploader's whole scope
    see a batch: the regency operator sees a kecamatan operator's batches, a desa operator
    never sees theirs, even one uploaded into the desa."""
    q = Q(pk__in=[])
    for kind in kinds_all():
        codes = permitted_region_codes(user=user, permission=kind.permission)
        if codes:
            roles = [r for r in Role.values if kind.permission in permissions_of(r)]
            wider = RoleAssignment.objects.filter(
                user=OuterRef("uploaded_by"), role__in=roles
            ).exclude(region_filter(codes, "region_code"))
            q |= (
                Q(kind=kind.name)
                & region_filter(codes, "region_code")
                & (Q(uploaded_by=user) | ~Exists(wider))
            )
    return ImportBatch.objects.filter(q)


def batch_get(*, user, batch_id: int) -> ImportBatch:
    """The batch, or NotFound (also when it lies outside the user's scope: no existence leak)."""
    batch = batch_queryset(user=user).filter(pk=batch_id).first()
    if batch is None:
        raise batch_not_found()
    return batch


def batch_not_found() -> NotFound:
    return NotFound("batch_not_found", "Batch impor tidak ditemukan.", "Import batch not found.")


def batch_list(*, user, limit: int = 100) -> list[ImportBatch]:
    return list(batch_queryset(user=user).select_related("uploaded_by")[:limit])


def roster_batches(*, user, agreement_id: int, limit: int = 20) -> list[ImportBatch]:
    """The roster batches of one agreement the user may see, newest first."""
    qs = batch_queryset(user=user).filter(kind="roster", options__agreement_id=agreement_id)
    return list(qs.select_related("uploaded_by")[:limit])


def batch_errors(
    *, batch: ImportBatch, lang: str = "id", limit: int | None = None, mask: bool = True
) -> list[dict]:
    """The problems found, in row order, each with the column header the partner sees. NIKs
    are masked unless `mask=False` (the uploader's own error report)."""
    path = storage.batch_dir(batch.pk) / storage.ERRORS
    if not path.exists():
        return []
    errors = pl.read_parquet(path)
    if limit is not None:
        errors = errors.head(limit)
    headers = {field: column for column, field in batch.mapping.items()}
    labels = {f.name: str(f.label) for f in kind_get(batch.kind).fields}
    return [
        {
            "row": row["_row"],
            "column": headers.get(row["field"]) or labels.get(row["field"], row["field"]),
            "value": _shown(row["field"], row["value"] or "", mask),
            "code": row["code"],
            "message": message(row["code"], json.loads(row["params"] or "{}"), lang),
        }
        for row in errors.iter_rows(named=True)
    ]


def nik_masked(value: str | None) -> str | None:
    return mask_typed_nik(value) if value is not None else None


def _shown(field: str, value: str, mask: bool) -> str:
    return nik_masked(value) if mask and field == "nik" else value


def areas_for_upload(*, user, kind_name: str = "workers") -> list[tuple[str, str]]:
    """(code, label) of the areas the user may import into: each granted area and the kecamatan
    and desa inside it."""
    kind = kind_get(kind_name)
    out = []
    for code in permitted_region_codes(user=user, permission=kind.permission):
        region = region_get(code=code)
        if region.level == Level.PROVINCE:
            continue
        out.append((region.code, f"{region.code} {region.name}"))
        stack = [region] if region.level != Level.VILLAGE else []
        while stack:
            for child in region_children(code=stack.pop(0).code):
                out.append((child.code, f"{child.code} — {child.name}"))
                if child.level == Level.DISTRICT:
                    stack.append(child)
    return sorted(set(out))
