"""The audit log page: read-only, filtered, paginated. There is no edit or delete view."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cakupan.accounts.scope import require_permission
from cakupan.audit.forms import AuditFilterForm
from cakupan.audit.presentation import action_label, audit_changes, object_label, reason_label
from cakupan.audit.selectors import audit_list
from cakupan.regions.selectors import region_labels

# Pages an audited object can be opened on (the page applies its own scope).
OBJECT_PAGES = {
    "person": "registry:person",
    "employer": "registry:employer",
    "user": "accounts:user_detail",
    "agreement": "agreements:detail",
    "import_batch": "imports:detail",
}


def _object_url(object_type: str, object_id: str) -> str | None:
    name = OBJECT_PAGES.get(object_type)
    if name is None or not object_id.isdigit():
        return None
    try:
        return reverse(name, args=[int(object_id)])
    except NoReverseMatch:
        return None


def _actor(event) -> str:
    """The user's name, or "sistem: <job>" for the shell and background jobs."""
    label = event.actor_label
    if event.actor_id or not label.startswith("system"):
        return label
    return _("sistem") + label.removeprefix("system")


def _rows(events) -> list[dict]:
    regions = region_labels(codes={e.region_code for e in events if e.region_code})
    return [
        {
            "event": e,
            "actor": _actor(e),
            "action": action_label(e.action),
            "object": object_label(e.object_type),
            "object_url": _object_url(e.object_type, e.object_id),
            "region": regions.get(e.region_code, e.region_code),
            "reason": reason_label(e.reason),
            "changes": audit_changes(object_type=e.object_type, before=e.before, after=e.after),
        }
        for e in events
    ]


@require_safe
@login_required
def audit_log(request):
    require_permission(user=request.user, permission="audit.view")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_list(user=request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "rows": _rows(list(page)), "query": query.urlencode()},
    )
