"""A Jelai administrator cannot read, list, export or change a Kecamatan Sukamara record,
through the pages or the API, and the failed attempts change nothing."""

import pytest

from cakupan.accounts.services import token_issue
from cakupan.audit.models import AuditEvent
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_pages_list_shows_only_own_region(admin_jelai, operator_jelai, operator_sukamara_town):
    body = client_for(admin_jelai).get("/pengguna/").content.decode()
    assert "op_jelai" in body
    assert "op_sukamara" not in body


def test_pages_detail_of_other_region_is_not_found(admin_jelai, operator_sukamara_town):
    response = client_for(admin_jelai).get(f"/pengguna/{operator_sukamara_town.pk}/")
    assert response.status_code == 404
    assert "op_sukamara" not in response.content.decode()


def test_pages_export_excludes_other_region(admin_jelai, operator_jelai, operator_sukamara_town):
    response = client_for(admin_jelai).get("/pengguna/ekspor.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "op_jelai" in text
    assert "op_sukamara" not in text


def test_pages_edit_of_other_region_is_refused_and_changes_nothing(
    admin_jelai, operator_sukamara_town
):
    response = client_for(admin_jelai).post(
        f"/pengguna/{operator_sukamara_town.pk}/ubah/",
        {"full_name": "Diubah", "office": "x", "is_active": "", "reason": "coba"},
    )
    assert response.status_code == 404
    operator_sukamara_town.refresh_from_db()
    assert operator_sukamara_town.full_name == "Op_Sukamara"
    assert operator_sukamara_town.is_active
    assert not AuditEvent.objects.filter(action="accounts.user_update").exists()


def test_pages_edit_inside_own_region_is_saved_and_audited(admin_jelai, operator_jelai):
    response = client_for(admin_jelai).post(
        f"/pengguna/{operator_jelai.pk}/ubah/",
        {
            "full_name": "Siti Aminah",
            "office": "Kecamatan Jelai",
            "is_active": "on",
            "reason": "nama sesuai KTP",
        },
    )
    assert response.status_code == 302
    operator_jelai.refresh_from_db()
    assert operator_jelai.full_name == "Siti Aminah"
    event = AuditEvent.objects.get(action="accounts.user_update")
    assert event.actor == admin_jelai
    assert event.before["full_name"] == "Op_Jelai"
    assert event.after["full_name"] == "Siti Aminah"
    assert event.reason == "nama sesuai KTP"
    assert event.region_code == "62.08.02"


def _api(user):
    _token, raw = token_issue(actor=user, name="test")
    from django.test import Client

    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_api_list_and_get_stay_in_scope(admin_jelai, operator_jelai, operator_sukamara_town):
    api = _api(admin_jelai)
    names = {u["username"] for u in api.get("/api/v1/users").json()}
    assert "op_jelai" in names and "op_sukamara" not in names
    response = api.get(f"/api/v1/users/{operator_sukamara_town.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "user_not_found"


def test_api_patch_of_other_region_is_refused(admin_jelai, operator_sukamara_town):
    api = _api(admin_jelai)
    response = api.patch(
        f"/api/v1/users/{operator_sukamara_town.pk}",
        data={"full_name": "Diubah", "reason": "coba"},
        content_type="application/json",
    )
    assert response.status_code == 404
    operator_sukamara_town.refresh_from_db()
    assert operator_sukamara_town.full_name == "Op_Sukamara"


def test_api_patch_inside_scope_is_audited(admin_jelai, operator_jelai):
    api = _api(admin_jelai)
    response = api.patch(
        f"/api/v1/users/{operator_jelai.pk}",
        data={"office": "Kantor Camat Jelai", "reason": "mutasi"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["office"] == "Kantor Camat Jelai"
    assert AuditEvent.objects.filter(action="accounts.user_update", reason="mutasi").count() == 1


def test_audit_log_page_hides_other_regions_events(
    admin_jelai, admin_regency, operator_jelai, operator_sukamara_town
):
    from cakupan.accounts.services import user_update

    user_update(
        actor=admin_regency,
        user_id=operator_sukamara_town.pk,
        office="Kantor A",
        reason="rahasia-sukamara",
    )
    user_update(
        actor=admin_regency, user_id=operator_jelai.pk, office="Kantor B", reason="urusan-jelai"
    )
    body = client_for(admin_jelai).get("/audit/").content.decode()
    assert "urusan-jelai" in body
    assert "rahasia-sukamara" not in body
    both = client_for(admin_regency).get("/audit/").content.decode()
    assert "urusan-jelai" in both and "rahasia-sukamara" in both
