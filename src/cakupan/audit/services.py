"""Writing to the audit log. Called by every service inside its own transaction."""

from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from cakupan.audit.actions import Action
from cakupan.audit.context import current_request_id
from cakupan.audit.models import AuditEvent
from cakupan.audit.redaction import audit_redact


def snapshot(instance, *, exclude: tuple[str, ...] = ("password",)) -> dict[str, Any]:
    """A JSON-safe picture of a model instance for the before/after columns."""
    data = model_to_dict(instance)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in exclude:
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, (list, tuple)):
            value = [getattr(v, "pk", v) for v in value]
        elif not isinstance(value, (str, int, float, bool, type(None), dict)):
            value = str(value)
        out[key] = value
    return out


def audit_record(
    *,
    actor,
    action: str,
    object_type: str,
    object_id: Any,
    region_code: str = "",
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit row. Must run inside the caller's transaction, so both land or neither.

    The before/after pictures are redacted first (masked NIK, birth year, last digits of a
    phone): see `cakupan.audit.redaction` for why a birth date must not sit beside a NIK.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside the write's transaction")
    if action not in Action.values:
        raise ValueError(f"unknown audit action {action!r}: add it to cakupan.audit.actions.Action")
    label = getattr(actor, "username", None)
    if not label:
        # Fail closed: a write nobody answers for is refused, not logged as "system". Shell
        # commands and jobs act as a named `accounts.scope.SystemActor`.
        raise ValueError("audit_record needs an actor: a user or a SystemActor")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=label,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        region_code=region_code or "",
        before=audit_redact(before),
        after=audit_redact(after),
        reason=reason or "",
        request_id=current_request_id(),
    )
