"""Reading the audit log: administrators only, inside their region scope."""

import datetime as dt

from django.db.models import QuerySet

from cakupan.accounts.scope import scope_queryset
from cakupan.audit.models import AuditEvent


def audit_list(
    *,
    user,
    actor: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet:
    qs = scope_queryset(AuditEvent.objects.all(), user=user, permission="audit.view")
    if actor:
        qs = qs.filter(actor_label__iexact=actor.strip())
    if object_type:
        qs = qs.filter(object_type=object_type.strip())
    if object_id:
        qs = qs.filter(object_id=object_id.strip())
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-at", "-id")
