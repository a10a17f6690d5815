"""Users API: the same scope and audit as the user pages."""

import datetime as dt

from ninja import Router, Schema

from cakupan.accounts import selectors, services

router = Router(tags=["users"])


class AssignmentOut(Schema):
    role: str
    region_code: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    office: str
    is_active: bool
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_assignments(obj):
        return list(obj.assignments.all())


class UserPatch(Schema):
    full_name: str | None = None
    office: str | None = None
    is_active: bool | None = None
    reason: str = ""


@router.get("", response=list[UserOut])
def list_users(request, search: str = ""):
    """Users with a role inside the caller's region scope."""
    return list(selectors.user_list(user=request.user, search=search)[:500])


@router.get("/{user_id}", response=UserOut)
def get_user(request, user_id: int):
    return selectors.user_get(user=request.user, user_id=user_id)


@router.patch("/{user_id}", response=UserOut)
def patch_user(request, user_id: int, payload: UserPatch):
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    reason = changes.pop("reason", "")
    return services.user_update(actor=request.user, user_id=user_id, reason=reason, **changes)
