"""Public santunan ceremonies: record the hand-over of paid claims (date, place, officials)
and its photos, stored privately and opened only through an audited read. Re-exported by
`claims.services`."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cakupan.accounts.scope import require_permission
from cakupan.audit.services import audit_record, snapshot
from cakupan.claims import selectors
from cakupan.claims.common import ENTER, clean_text, error, today
from cakupan.claims.models import HandOver, HandOverPhoto, Status
from cakupan.documents import uploads


@transaction.atomic
def handover_create(
    *,
    actor,
    region_code: str,
    held_on: dt.date,
    place: str,
    officials: str,
    claim_ids: list[int],
    notes: str = "",
) -> HandOver:
    """Record a public santunan ceremony and the paid claims handed over there."""
    from cakupan.regions.selectors import region_get

    region_code = region_get(code=region_code).code
    require_permission(user=actor, permission=ENTER, region_code=region_code)
    claims = list(
        selectors.claim_queryset(user=actor)
        .filter(pk__in=claim_ids or [], status=Status.PAID)
        .select_related("payment")
    )
    if not claims or len(claims) != len(set(claim_ids)):
        raise error(
            "handover_claims",
            "Pilih klaim yang sudah dibayar (di wilayah Anda).",
            "Choose claims that have been paid (in your region).",
        )
    if held_on is None or any(c.payment.paid_on > held_on for c in claims):
        raise error(
            "handover_date",
            "Penyerahan tidak boleh sebelum tanggal pembayaran klaim.",
            "The hand-over cannot be before the claims' payment date.",
        )
    if held_on > today():
        raise error(
            "handover_future",
            "Tanggal penyerahan tidak boleh setelah hari ini.",
            "The hand-over date cannot be after today.",
        )
    if not any(line.strip() for line in (officials or "").splitlines()):
        raise error("field_required", "{field} wajib diisi.", "{field} is required.",
                     field="officials")  # fmt: skip
    handover = HandOver.objects.create(
        regency_code=region_code[:5],
        region_code=region_code,
        held_on=held_on,
        place=clean_text(place, "place", limit=200),
        officials="\n".join(line.strip() for line in officials.splitlines() if line.strip()),
        notes=str(notes or "").strip(),
        created_by=actor,
    )
    handover.claims.set(claims)
    audit_record(
        actor=actor,
        action="claims.handover_create",
        object_type="claim_handover",
        object_id=handover.pk,
        region_code=region_code,
        after={**snapshot(handover), "claims": [c.pk for c in claims]},
    )
    return handover


@transaction.atomic
def handover_photo_add(*, actor, handover_id: int, upload) -> HandOverPhoto:
    handover = selectors.handover_get(user=actor, handover_id=handover_id)
    require_permission(user=actor, permission=ENTER, region_code=handover.region_code)
    photo = HandOverPhoto(handover=handover, regency_code=handover.regency_code)
    with uploads.stored(photo, upload, actor=actor, photo=True):
        audit_record(
            actor=actor,
            action="claims.handover_photo",
            object_type="claim_handover_photo",
            object_id=photo.pk,
            region_code=handover.region_code,
            after={**uploads.picture(photo), "handover": handover.pk},
        )
    return photo


@transaction.atomic
def photo_open(*, actor, handover_id: int, photo_id: int):
    photo = selectors.photo_get(user=actor, handover_id=handover_id, photo_id=photo_id)
    audit_record(
        actor=actor,
        action="claims.handover_photo_open",
        object_type="claim_handover_photo",
        object_id=photo.pk,
        region_code=photo.handover.region_code,
    )
    return photo, photo.file.open("rb")
