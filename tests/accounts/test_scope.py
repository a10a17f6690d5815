"""Region scope: a user sees and changes only what lies inside the regions of their roles."""

import datetime as dt

import pytest

from cakupan.accounts.models import RoleAssignment, User
from cakupan.accounts.scope import (
    permitted_region_codes,
    region_contains,
    scope_queryset,
    user_has_permission,
)
from cakupan.accounts.selectors import user_list
from cakupan.accounts.services import user_update
from cakupan.audit.models import AuditEvent
from cakupan.errors import NotFound, PermissionDenied
from tests.conftest import KEC_JELAI, make_user

pytestmark = pytest.mark.django_db


def test_region_contains_is_a_prefix_match_on_whole_segments():
    assert region_contains("62.08", "62.08.01.2001")
    assert region_contains("62.08.01", "62.08.01")
    assert not region_contains("62.08.01", "62.08.02.2002")
    assert not region_contains("62.0", "62.08")  # not a segment boundary
    assert not region_contains("", "62.08")


def test_user_without_any_assignment_sees_nothing(regions, operator_sukamara_town):
    nobody = User.objects.create_user(username="nobody", password="x")
    assert permitted_region_codes(user=nobody, permission="accounts.view_user") == []
    assert list(user_list(user=nobody)) == []
    assert scope_queryset(User.objects.all(), user=nobody, permission="regions.view").count() == 0


def test_anonymous_user_sees_nothing(regions):
    from django.contrib.auth.models import AnonymousUser

    assert permitted_region_codes(user=AnonymousUser(), permission="regions.view") == []


def test_jelai_administrator_lists_only_jelai_users(
    admin_jelai, operator_jelai, operator_sukamara_town
):
    names = {u.username for u in user_list(user=admin_jelai)}
    assert "op_jelai" in names
    assert "op_sukamara" not in names


def test_regency_administrator_sees_both_kecamatan(
    admin_regency, operator_jelai, operator_sukamara_town
):
    names = {u.username for u in user_list(user=admin_regency)}
    assert {"op_jelai", "op_sukamara"} <= names


def test_jelai_administrator_cannot_change_a_sukamara_user(admin_jelai, operator_sukamara_town):
    with pytest.raises(NotFound):
        user_update(actor=admin_jelai, user_id=operator_sukamara_town.pk, full_name="Hacked")
    operator_sukamara_town.refresh_from_db()
    assert operator_sukamara_town.full_name == "Op_Sukamara"
    assert not AuditEvent.objects.filter(action="accounts.user_update").exists()


def test_operator_without_manage_permission_cannot_change_anyone(operator_jelai, regions):
    colleague = make_user("op_jelai_2", "village_operator", "62.08.02.2002")
    with pytest.raises(NotFound):
        user_update(actor=operator_jelai, user_id=colleague.pk, full_name="x")


def test_expired_assignment_grants_nothing(regions, operator_sukamara_town):
    temp = User.objects.create_user(username="ppk_staff", password="x")
    RoleAssignment.objects.create(
        user=temp,
        role="administrator",
        region_code="62.08",
        valid_from=dt.date(2024, 5, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    assert permitted_region_codes(user=temp, permission="accounts.view_user") == []
    assert list(user_list(user=temp)) == []


def test_future_assignment_grants_nothing_yet(regions):
    temp = User.objects.create_user(username="future", password="x")
    RoleAssignment.objects.create(
        user=temp, role="administrator", region_code="62.08", valid_from=dt.date(2999, 1, 1)
    )
    assert permitted_region_codes(user=temp, permission="accounts.view_user") == []


def test_permission_is_granted_only_in_the_region_of_the_role_that_carries_it(regions):
    """A viewer of the regency who manages users in one kecamatan manages only there."""
    mixed = make_user("mixed", "viewer", "62.08")
    RoleAssignment.objects.create(user=mixed, role="administrator", region_code=KEC_JELAI)
    assert permitted_region_codes(user=mixed, permission="accounts.manage_user") == [KEC_JELAI]
    assert permitted_region_codes(user=mixed, permission="regions.view") == ["62.08"]


def test_inactive_user_has_no_scope(admin_jelai):
    admin_jelai.is_active = False
    admin_jelai.save()
    assert permitted_region_codes(user=admin_jelai, permission="accounts.view_user") == []


def test_user_update_requires_a_permission_somewhere(regions):
    viewer = make_user("viewer", "viewer", "62.08")
    target = make_user("target", "viewer", "62.08")
    with pytest.raises((NotFound, PermissionDenied)):
        user_update(actor=viewer, user_id=target.pk, full_name="x")


# The four forms of "inside a region" agree with each other on the cases that matter: the area
# itself, a code below it, a neighbour that shares the first digits (62.081 is not in 62.08).
REGION_CASES = [
    ("62.08", "62.08", True),
    ("62.08", "62.08.02.2002", True),
    ("62.08.02", "62.08.02.2002", True),
    ("62.08.02", "62.08.01.2001", False),
    ("62.08", "62.081", False),
    ("62.08.0", "62.08.02", False),
]


def test_orm_sql_and_polars_forms_agree_with_region_contains(regions):
    import polars as pl
    from django.db import connection

    from cakupan.accounts.scope import region_expr, region_filter, region_sql
    from cakupan.regions.models import Region

    for area, code, expected in REGION_CASES:
        assert region_contains(area, code) is expected, (area, code)
        frame = pl.DataFrame({"code": [code]})
        inside = frame.select(region_expr("code", [area]).alias("inside"))["inside"][0]
        assert inside is expected, (area, code)
        if Region.objects.filter(code=code).exists():
            assert Region.objects.filter(region_filter(area, "code"), code=code).exists() is (
                expected
            )
            sql, params = region_sql("code", area)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT COUNT(*) FROM regions_region WHERE code = %s AND {sql}",
                    [code, *params],
                )
                assert bool(cursor.fetchone()[0]) is expected, (area, code)
    assert region_filter([], "code") is not None
    assert not Region.objects.filter(region_filter([], "code")).exists()


def test_row_for_update_hides_other_regions_and_refuses_without_the_write_permission(
    admin_jelai, operator_sukamara_town, regions
):
    from django.db import transaction

    from cakupan.accounts.scope import row_for_update

    other = RoleAssignment.objects.get(user=operator_sukamara_town)
    missing = NotFound("x_not_found", "Tidak ditemukan.", "Not found.")
    with transaction.atomic():
        with pytest.raises(NotFound):
            row_for_update(
                RoleAssignment.objects.all(),
                user=admin_jelai,
                pk=other.pk,
                view_permission="accounts.view_user",
                permission="accounts.manage_user",
                missing=missing,
            )
    viewer = make_user("pimpinan_kab", "viewer", "62.08")
    RoleAssignment.objects.create(user=viewer, role="regency_operator", region_code="62.08")
    with transaction.atomic(), pytest.raises(PermissionDenied):
        row_for_update(
            RoleAssignment.objects.all(),
            user=viewer,
            pk=other.pk,
            view_permission="accounts.view_user",
            permission="accounts.manage_user",
            missing=missing,
        )


def test_a_system_actor_acts_only_inside_the_regions_it_names(regions, operator_sukamara_town):
    from cakupan.accounts.scope import SystemActor

    job = SystemActor(job="nightly refresh", region_codes=(KEC_JELAI,))
    assert user_has_permission(user=job, permission="accounts.manage_user", region_code=KEC_JELAI)
    assert not user_has_permission(user=job, permission="registry.view_person", region_code="62.08")
    seen = scope_queryset(RoleAssignment.objects.all(), user=job, permission="accounts.view_user")
    assert not seen.filter(user=operator_sukamara_town).exists()
    with pytest.raises(ValueError):
        SystemActor(job="everything", region_codes=())


def test_the_shell_creating_a_user_is_audited_as_the_system_job(regions):
    from cakupan.accounts.services import user_bootstrap

    user = user_bootstrap(
        username="pertama",
        password="a-long-enough-pass-phrase",
        role="administrator",
        region_code="62.08",
    )
    event = AuditEvent.objects.get(action="accounts.user_bootstrap", object_id=str(user.pk))
    assert event.actor_id is None and event.actor_label == "system: cakupan users add"
