"""Region scope: the one place that decides which rows a user may touch.

Every selector that returns tenant data passes its queryset through `scope_queryset`, and
every service checks `require_permission` before it writes (or loads its row with
`scoped_for_update`, which does both and locks it). All fail closed: a user with no active
assignment carrying the permission sees and changes nothing.

"Inside a region" is a prefix match on the dotted Kemendagri code (62.08 contains 62.08.01 and
62.08.01.2001, but not 62.081): a code is inside an area if it IS the area or starts with the
area's code and a dot. This module writes that test once for each place it runs: in Python
(`region_contains`), as an ORM filter (`region_filter`), in raw SQL (`region_sql`) and over a
Polars column (`region_expr`). Nothing else in the code writes it by hand.
"""

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from cakupan.accounts.roles import permissions_of
from cakupan.errors import PermissionDenied


@dataclass(frozen=True)
class SystemActor:
    """Who acts when no person does: a command at the shell, a background job, the demo set-up.

    There is no anonymous "no user": code that acts without a person names the job and the
    regions it acts on, and the audit log records it as `system: <job>`. A system actor holds
    every permission, but only inside `region_codes`, so a job for one regency cannot touch
    another. Requests never carry one: only the shell and the task worker construct it.
    """

    job: str
    region_codes: tuple[str, ...]

    is_authenticated = False
    is_active = True
    pk = None

    def __post_init__(self):
        if not self.job or not self.region_codes or not all(self.region_codes):
            raise ValueError("a system actor names its job and the regions it acts on")

    @property
    def username(self) -> str:
        return f"system: {self.job}"

    def __str__(self) -> str:
        return self.username


def _today() -> dt.date:
    return timezone.localdate()


def region_contains(area_code: str, region_code: str) -> bool:
    """True if `region_code` is `area_code` itself or lies inside it (62.08 ⊃ 62.08.01.2001)."""
    if not area_code or not region_code:
        return False
    return region_code == area_code or region_code.startswith(area_code + ".")


def permitted_region_codes(*, user, permission: str, on: dt.date | None = None) -> list[str]:
    """The region codes in which `user` holds `permission` today (or on `on`), outermost only."""
    if isinstance(user, SystemActor):
        codes = set(user.region_codes)
        return sorted(c for c in codes if not any(region_contains(o, c) for o in codes if o != c))
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


def region_filter(codes: list[str] | str, field: str) -> Q:
    """ORM form: a Q that matches rows whose `field` lies inside any of `codes` (one code may be
    given as a string); matches nothing if there is none."""
    if isinstance(codes, str):
        codes = [codes]
    if not codes:
        return Q(pk__in=[])
    q = Q()
    for code in codes:
        q |= Q(**{field: code}) | Q(**{f"{field}__startswith": code + "."})
    return q


def region_sql(column: str, code: str) -> tuple[str, list[str]]:
    """Raw-SQL form of "`column` is inside `code`": a code range both SQLite and PostgreSQL read
    as an index range, where LIKE would not ('/' is the character after '.').

    Ranges compare bytes: on PostgreSQL the code columns must sort in the C collation (the
    default `C.UTF-8` here). Returns the SQL fragment and its parameters.
    """
    sql = f"({column} = %s OR ({column} >= %s AND {column} < %s))"
    return sql, [code, code + ".", code + "/"]


def region_expr(column: str | pl.Expr, codes: list[str]) -> pl.Expr:
    """Polars form: True where the column's code lies inside any of `codes` (False if none)."""
    col = pl.col(column) if isinstance(column, str) else column
    inside = pl.lit(False)
    for code in codes:
        inside = inside | (col == code) | col.str.starts_with(code + ".")
    return inside


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


def row_for_update(
    queryset: QuerySet,
    *,
    user,
    pk,
    view_permission: str,
    permission: str,
    missing: Exception,
    field: str = "region_code",
) -> Model:
    """The guard every write starts with: load row `pk` in the user's scope, check the write
    permission where the row lies, and lock it until the caller's transaction ends (SELECT … FOR
    UPDATE; SQLite locks the whole database on write anyway).

    A row the user may not even see answers like a row that does not exist (`missing`, a
    NotFound), so nobody can probe other regions by id; a row they may see but not change is a
    PermissionDenied. Must run inside the write's transaction.
    """
    from django.db import transaction

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("row_for_update must be called inside the write's transaction")
    visible = scope_queryset(queryset, user=user, permission=view_permission, field=field)
    region_code = visible.filter(pk=pk).values_list(field, flat=True).first()
    if region_code is None:
        raise missing
    require_permission(user=user, permission=permission, region_code=region_code)
    return queryset.select_for_update().get(pk=pk)
