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

from cakupan.accounts.scope import region_contains, region_filter
from cakupan.audit.actions import Action
from cakupan.audit.models import AuditEvent

WATCHED_APPS = ("registry", "imports", "agreements")
HARMLESS = frozenset(
    {
        Action.REGISTRY_NIK_VIEW,
        Action.REGISTRY_PERSON_REGISTER,  # a new person has no spell yet
        Action.REGISTRY_EMPLOYER_REGISTER,
        Action.REGISTRY_DUPLICATE_DISMISS,
        Action.IMPORTS_BATCH_UPLOAD,
        Action.IMPORTS_BATCH_COMMIT_START,
        Action.IMPORTS_BATCH_CANCEL_REQUEST,
        Action.AGREEMENTS_EXPORT,
        Action.AGREEMENTS_CERTIFICATE_ISSUE,
    }
)
# The actions that may change coverage: every action of the watched apps but the harmless ones
# (the audit log holds no action outside `Action`, so a new one is watched as soon as it exists).
WATCHED = frozenset(a for a in Action if a.value.split(".")[0] in WATCHED_APPS) - HARMLESS
WHOLE_REGENCY = frozenset({Action.REGISTRY_PERSON_MERGE, Action.REGISTRY_SYNTHETIC_FILL})


def _codes_of(event: dict, regency_code: str) -> set[str]:
    if event["action"] in WHOLE_REGENCY:
        return {regency_code}
    codes = {event["region_code"]}
    for picture in (event["before"], event["after"]):
        if isinstance(picture, dict) and isinstance(picture.get("region_code"), str):
            codes.add(picture["region_code"])
    return {c for c in codes if region_contains(regency_code, c)}


def changed_regions(*, regency_code: str, after_id: int) -> tuple[list[str], int]:
    """The outermost region codes touched by events after `after_id`, and the highest event id
    read.

    On PostgreSQL an id is taken at insert and becomes visible at commit, so an event of a
    transaction still open during a refresh could get an id below the new watermark and be
    skipped; the refresh therefore runs with the regency's RefreshState row locked, and a full
    refresh (nightly, say) repairs anything missed."""
    qs = AuditEvent.objects.filter(region_filter(regency_code, "region_code"), id__gt=after_id)
    qs = qs.order_by()
    codes: set[str] = set()
    top = after_id
    for event in qs.values("id", "action", "region_code", "before", "after").iterator():
        top = max(top, event["id"])
        if event["action"] not in WATCHED:
            continue
        codes |= _codes_of(event, regency_code)
    outer = sorted(c for c in codes if not any(o != c and region_contains(o, c) for o in codes))
    return outer, top


def audit_high_water() -> int:
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    return last or 0
