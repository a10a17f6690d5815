"""Reads of the resident lists and their imports, as the reader may see them: an import's row
report, the recent imports and lists, and the areas a list may be imported into."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from cakupan.accounts.scope import (
    permitted_region_codes,
    region_contains,
    region_filter,
    scope_queryset,
)
from cakupan.coverage.gap.selectors import (
    GAP,
    GAP_IMPORT,
)
from cakupan.coverage.models import Resident, ResidentImport, ResidentList
from cakupan.errors import NotFound
from cakupan.regions.models import Region


def resident_import_get(*, user, import_id: int) -> ResidentImport:
    """An import's row report, for its uploader or anyone who may import over its whole area."""
    found = ResidentImport.objects.select_related("resident_list", "uploaded_by").filter(
        pk=import_id
    )
    found = found.first()
    if found is None or not (
        found.uploaded_by_id == getattr(user, "pk", None)
        or any(
            region_contains(c, found.region_code)
            for c in permitted_region_codes(user=user, permission=GAP_IMPORT)
        )
    ):
        raise NotFound("resident_import_not_found", "Impor tidak ditemukan.", "Import not found.")
    return found


def resident_imports_recent(*, user, limit: int = 20) -> list[ResidentImport]:
    codes = permitted_region_codes(user=user, permission=GAP_IMPORT)
    qs = ResidentImport.objects.filter(
        region_filter(codes, "region_code") | Q(uploaded_by=user)
    ).select_related("resident_list", "uploaded_by")
    return list(qs[:limit])


@dataclass
class ListSeen:
    """A resident list as the import page shows it: how many of its residents the reader may
    see, where its gap page opens for them, and its last file (none for the demo's list, which
    is written by the demo rather than uploaded)."""

    resident_list: ResidentList
    residents: int
    region_code: str
    last_import: ResidentImport | None


def resident_lists_seen(*, user, limit: int = 50) -> list[ListSeen]:
    """The lists with residents inside the reader's gap scope, newest first."""
    codes = permitted_region_codes(user=user, permission=GAP)
    counts = dict(
        scope_queryset(Resident.objects.all(), user=user, permission=GAP)
        .values("resident_list_id")
        .annotate(n=Count("id"))
        .values_list("resident_list_id", "n")
    )
    lists = ResidentList.objects.filter(id__in=counts).order_by("-year", "source", "-id")[:limit]
    last: dict[int, ResidentImport] = {}
    for record in ResidentImport.objects.filter(resident_list__in=lists).order_by("-created_at"):
        last.setdefault(record.resident_list_id, record)
    out = []
    for rl in lists:
        # A list wider than the reader's scope (the demo's is regency-wide) opens on the
        # reader's own area inside it.
        if any(region_contains(c, rl.region_code) for c in codes):
            region_code = rl.region_code
        else:
            region_code = next((c for c in codes if region_contains(rl.region_code, c)), "")
        out.append(ListSeen(rl, counts[rl.pk], region_code, last.get(rl.pk)))
    return out


def areas_for_import(*, user) -> list[tuple[str, str]]:
    """(code, label) of the regions the user may import a list into, with those inside."""
    from cakupan.regions.models import Level

    out = []
    for code in permitted_region_codes(user=user, permission=GAP_IMPORT):
        inside = Region.objects.filter(region_filter(code, "code"))
        for region in inside.exclude(level=Level.PROVINCE).order_by("code")[:2000]:
            out.append((region.code, f"{region.code} {region.name}"))
    return sorted(set(out))


def gap_import_allowed(*, user) -> bool:
    return bool(permitted_region_codes(user=user, permission=GAP_IMPORT))
