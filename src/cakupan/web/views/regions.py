"""Region browser: start at the user's own area, search by name or code."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from cakupan.accounts.scope import permitted_region_codes, require_permission
from cakupan.regions import selectors
from cakupan.regions.models import Region


@login_required
def region_list(request):
    require_permission(user=request.user, permission="regions.view")
    query = request.GET.get("q", "").strip()
    if query:
        region = selectors.region_resolve(text=query)
        return redirect("web:region_detail", code=region.code)
    codes = permitted_region_codes(user=request.user, permission="regions.view")
    return render(request, "regions/list.html", {"regions": Region.objects.filter(code__in=codes)})


@login_required
def region_detail(request, code: str):
    require_permission(user=request.user, permission="regions.view")
    region = selectors.region_get(code=code)
    return render(
        request,
        "regions/detail.html",
        {
            "region": region,
            "ancestors": selectors.region_ancestors(code=region.code),
            "children": selectors.region_children(code=region.code),
        },
    )
