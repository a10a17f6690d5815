"""Reads of accounts data, always through region scope."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from cakupan.accounts.models import ApiToken, RoleAssignment, User
from cakupan.accounts.scope import (
    permitted_region_codes,
    region_filter,
    scope_queryset,
    user_has_permission,
)

__all__ = ["user_has_permission", "user_list", "user_get", "assignment_list", "token_list"]


def user_list(*, user, permission: str = "accounts.view_user", search: str = "") -> QuerySet:
    """Users who hold at least one assignment inside the viewer's scope."""
    codes = permitted_region_codes(user=user, permission=permission)
    if not codes:
        return User.objects.none()
    inside = RoleAssignment.objects.filter(region_filter(codes, "region_code"), user=OuterRef("pk"))
    qs = User.objects.filter(Exists(inside)).prefetch_related("assignments")
    if search:
        qs = qs.filter(Q(username__icontains=search) | Q(full_name__icontains=search))
    return qs.order_by("username")


def user_get(*, user, user_id: int, permission: str = "accounts.view_user") -> User:
    from cakupan.errors import NotFound

    found = user_list(user=user, permission=permission).filter(pk=user_id).first()
    if found is None:
        # Same answer whether the user exists elsewhere or not at all: no probing across regions.
        raise NotFound("user_not_found", "Pengguna tidak ditemukan.", "User not found.")
    return found


def assignment_list(*, user, permission: str = "accounts.view_user") -> QuerySet:
    return scope_queryset(RoleAssignment.objects.all(), user=user, permission=permission)


def token_list(*, user) -> QuerySet:
    """The caller's own API tokens, newest first: nobody lists another user's tokens."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")
