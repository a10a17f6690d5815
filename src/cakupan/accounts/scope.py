"""Region scope: the one place that decides which rows a user may touch.

Every selector that returns tenant data passes its queryset through `scope_queryset`, and
every service checks `require_permission` before it writes. Both fail closed: a user with no
active assignment carrying the permission sees and changes nothing.
"""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from cakupan.accounts.roles import permissions_of
from cakupan.errors import PermissionDenied


def _today() -> dt.date:
    return timezone.localdate()


def region_contains(area_code: str, region_code: str) -> bool:
    """True if `region_code` is `area_code` itself or lies inside it (62.08 ⊃ 62.08.01.2001)."""
    if not area_code or not region_code:
        return False
    return region_code == area_code or region_code.startswith(area_code + ".")


def permitted_region_codes(*, user, permission: str, on: dt.date | None = None) -> list[str]:
    """The region codes in which `user` holds `permission` today (or on `on`), outermost only."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    day = on or _today()
    codes = {
        a.region_code
        for a in user.assignments.all()
        if a.active_on(day) and permission in permissions_of(a.role)
    }
    # Drop codes inside another granted code: the filter stays short and equivalent.
    return sorted(c for c in codes if not any(region_contains(o, c) for o in codes if o != c))


def region_filter(codes: list[str], field: str) -> Q:
    """A Q that matches rows whose `field` lies inside any of `codes`; matches nothing if empty."""
    if not codes:
        return Q(pk__in=[])
    q = Q()
    for code in codes:
        q |= Q(**{field: code}) | Q(**{f"{field}__startswith": code + "."})
    return q


def scope_queryset(
    queryset: QuerySet, *, user, permission: str, field: str = "region_code"
) -> QuerySet:
    """Restrict `queryset` to the rows of the user's region scope for `permission`."""
    codes = permitted_region_codes(user=user, permission=permission)
    if not codes:
        return queryset.none()
    return queryset.filter(region_filter(codes, field))


def user_has_permission(*, user, permission: str, region_code: str | None = None) -> bool:
    """Whether `user` holds `permission` somewhere (or inside `region_code` when given)."""
    codes = permitted_region_codes(user=user, permission=permission)
    if region_code is None:
        return bool(codes)
    return any(region_contains(c, region_code) for c in codes)


def require_permission(*, user, permission: str, region_code: str | None = None) -> None:
    """Raise PermissionDenied unless `user` holds `permission` (inside `region_code`)."""
    if not user_has_permission(user=user, permission=permission, region_code=region_code):
        raise PermissionDenied(
            "permission_denied",
            "Anda tidak berwenang untuk tindakan ini di wilayah tersebut.",
            "You are not allowed to do this in that region.",
        )
