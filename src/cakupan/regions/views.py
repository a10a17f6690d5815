"""Region browser: start at the user's own area, search by name or code.

A code, or a name only one region has, goes straight to its page. Any other name lists every
region that matches (name, level, parent), since many names are shared ("Sukamara" is a
regency, a kecamatan and desa elsewhere); no match lists the nearest names instead.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from cakupan.accounts.scope import permitted_region_codes, require_permission
from cakupan.regions import selectors
from cakupan.regions.models import Region
from cakupan.regions.names import region_normalise_code
from cakupan.regions.selectors import MIN_PARTIAL, region_display_name, region_search


def _suggestions(query: str, inside: list[str]) -> list[Region]:
    """The nearest names in the user's own areas first, then in their province(s)."""
    found: dict[str, Region] = {}
    areas = list(inside) + sorted({code.split(".")[0] for code in inside})
    for area in areas:
        for region in selectors.region_suggestions(name=query, within=area, n=5):
            found.setdefault(region.code, region)
        if len(found) >= 5:
            break
    return list(found.values())[:5]


@login_required
def region_list(request):
    require_permission(user=request.user, permission="regions.view")
    query = request.GET.get("q", "").strip()[:100]
    codes = permitted_region_codes(user=request.user, permission="regions.view")
    context = {"query": query, "regions": Region.objects.filter(code__in=codes)}
    if query:
        code = region_normalise_code(query)
        if code and Region.objects.filter(code=code).exists():
            return redirect("regions:detail", code=code)
        matches, total = ([], 0) if code else region_search(text=query, inside=codes)
        if total == 1:  # one answer: no list to read, go there ("Kec. Jelai")
            return redirect("regions:detail", code=matches[0].code)
        too_short = not code and len(query) < MIN_PARTIAL
        context.update(
            searched=True,
            matches=[
                {
                    "region": r,
                    "name": region_display_name(r),
                    "parent": region_display_name(r.parent) if r.parent else "",
                    "grandparent": (
                        region_display_name(r.parent.parent) if r.parent and r.parent.parent else ""
                    ),
                }
                for r in matches
            ],
            total=total,
            suggestions=[
                {"region": r, "name": region_display_name(r)}
                for r in ([] if matches or code or too_short else _suggestions(query, codes))
            ],
            too_short=too_short,
            unknown_code=bool(code),
        )
    return render(request, "regions/list.html", context)


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
