"""Which desa may have changed since the facts were last refreshed, read from the audit log.

Every write to persons and spells records an audit event in the same transaction (a project
rule), so the events after a regency's watermark name every region whose facts may be stale:
no hook in the registry or the import pipeline is needed. The rule fails safe: an event of the
registry, imports or agreements apps makes its region stale unless its action is known not to
touch coverage (viewing a NIK, registering a person or employer without a spell, dismissing a
duplicate). A merge moves spells between persons who may live in different desa, so it marks
the whole regency.
"""

from __future__ import annotations

from django.db.models import Q

from cakupan.audit.models import AuditEvent

WATCHED_APPS = ("registry.", "imports.", "agreements.")
HARMLESS = {
    "registry.nik_view",
    "registry.person_register",  # a new person has no spell yet
    "registry.employer_register",
    "registry.duplicate_dismiss",
    "imports.batch_upload",
    "imports.batch_commit_start",
    "imports.batch_cancel_request",
    "agreements.export",
    "agreements.certificate_issue",
}
WHOLE_REGENCY = {"registry.person_merge", "registry.synthetic_fill"}


def _codes_of(event: dict, regency_code: str) -> set[str]:
    if event["action"] in WHOLE_REGENCY:
        return {regency_code}
    codes = {event["region_code"]}
    for picture in (event["before"], event["after"]):
        if isinstance(picture, dict) and isinstance(picture.get("region_code"), str):
            codes.add(picture["region_code"])
    inside = {c for c in codes if c == regency_code or c.startswith(regency_code + ".")}
    return inside


def changed_regions(*, regency_code: str, after_id: int) -> tuple[list[str], int]:
    """The outermost region codes touched by events after `after_id`, and the highest event id
    read.

    On PostgreSQL an id is taken at insert and becomes visible at commit, so an event of a
    transaction still open during a refresh could get an id below the new watermark and be
    skipped; the refresh therefore runs with the regency's RefreshState row locked, and a full
    refresh (nightly, say) repairs anything missed."""
    inside = Q(region_code=regency_code) | Q(region_code__startswith=regency_code + ".")
    qs = AuditEvent.objects.filter(inside, id__gt=after_id).order_by()
    codes: set[str] = set()
    top = after_id
    for event in qs.values("id", "action", "region_code", "before", "after").iterator():
        top = max(top, event["id"])
        action = event["action"]
        if not action.startswith(WATCHED_APPS) or action in HARMLESS:
            continue
        codes |= _codes_of(event, regency_code)
    outer = sorted(c for c in codes if not any(o != c and c.startswith(o + ".") for o in codes))
    return outer, top


def audit_high_water() -> int:
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return last or 0
