"""The audit log page: read-only, filtered, paginated. There is no edit or delete view."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cakupan.accounts.scope import require_permission
from cakupan.audit.selectors import audit_list
from cakupan.web.forms import AuditFilterForm


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
        request, "web/audit.html", {"form": form, "page": page, "query": query.urlencode()}
    )
