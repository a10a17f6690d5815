"""Administrators add users with a first role, inside their own region scope, audited."""

import datetime as dt

import pytest
from django.contrib.auth import authenticate

from cakupan.accounts.models import RoleAssignment, User
from cakupan.accounts.services import password_generate, user_create
from cakupan.audit.models import AuditEvent
from cakupan.errors import DomainError, PermissionDenied
from tests.conftest import DESA_PULAU_NIBUNG, KEC_JELAI, KEC_SUKAMARA, client_for, make_user

pytestmark = pytest.mark.django_db


def form(**overrides):
    data = {
        "username": "kpps.nibung",
        "full_name": "Siti Petugas",
        "email": "siti@example.org",
        "office": "PPS Pulau Nibung",
        "role": "village_operator",
        "region": DESA_PULAU_NIBUNG,
        "valid_from": "2024-11-01",
        "valid_to": "2025-01-31",
        "password1": "",
        "password2": "",
        "reason": "petugas pemilu",
    }
    data.update(overrides)
    return data


def test_service_creates_the_user_with_role_scope_dates_and_audit(admin_regency):
    user = user_create(
        actor=admin_regency,
        username="kpps.nibung",
        password="rahasia-sekali-2024",
        role="village_operator",
        region_code=DESA_PULAU_NIBUNG,
        full_name="Siti Petugas",
        valid_from=dt.date(2024, 11, 1),
        valid_to=dt.date(2025, 1, 31),
        reason="petugas pemilu",
    )
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.region_code) == ("village_operator", DESA_PULAU_NIBUNG)
    assert assignment.valid_to == dt.date(2025, 1, 31)
    assert authenticate(username="kpps.nibung", password="rahasia-sekali-2024") == user
    event = AuditEvent.objects.get(action="accounts.user_create")
    assert event.actor == admin_regency and event.reason == "petugas pemilu"
    assert event.after["assignment"]["region_code"] == DESA_PULAU_NIBUNG
    assert "password" not in str(event.after) and "rahasia" not in str(event.after)


def test_an_administrator_can_grant_only_inside_their_own_region(admin_jelai):
    with pytest.raises(PermissionDenied):
        user_create(
            actor=admin_jelai,
            username="luar",
            password=password_generate(),
            role="regency_operator",
            region_code=KEC_SUKAMARA,
        )
    with pytest.raises(PermissionDenied):  # nor the whole regency around their kecamatan
        user_create(
            actor=admin_jelai,
            username="luar",
            password=password_generate(),
            role="viewer",
            region_code="62.08",
        )
    assert not User.objects.filter(username="luar").exists()
    assert not AuditEvent.objects.filter(action="accounts.user_create").exists()


def test_non_administrators_cannot_add_users(operator_jelai):
    with pytest.raises(PermissionDenied):
        user_create(
            actor=operator_jelai,
            username="x",
            password=password_generate(),
            role="viewer",
            region_code=KEC_JELAI,
        )
    assert client_for(operator_jelai).get("/pengguna/baru/").status_code == 403


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"username": "bad name!"}, "username_invalid"),
        ({"password": "12345678"}, "password_weak"),
        ({"valid_from": dt.date(2025, 2, 1), "valid_to": dt.date(2025, 1, 1)}, "dates_reversed"),
        ({"email": "not-an-email"}, "email_invalid"),
        ({"region_code": "62.08.99"}, "region_unknown"),
    ],
)
def test_bad_input_is_a_domain_error_and_saves_nothing(admin_regency, changes, code):
    data = {
        "username": "baru",
        "password": password_generate(),
        "role": "viewer",
        "region_code": "62.08",
    }
    data.update(changes)
    with pytest.raises(DomainError) as err:
        user_create(actor=admin_regency, **data)
    assert err.value.code == code
    assert err.value.message("id") and err.value.message("en")
    assert not User.objects.filter(username=data["username"]).exists()


def test_the_username_is_unique_whatever_its_case(admin_regency, operator_jelai):
    with pytest.raises(DomainError) as err:
        user_create(
            actor=admin_regency,
            username="OP_JELAI",
            password=password_generate(),
            role="viewer",
            region_code="62.08",
        )
    assert err.value.code == "username_taken"


def test_generated_passwords_pass_the_rules_and_differ():
    first, second = password_generate(), password_generate()
    assert first != second and len(first) == 19
    from django.contrib.auth.password_validation import validate_password

    validate_password(first)


# ---------------------------------------------------------------- the page


def test_the_users_page_offers_add_only_to_those_who_manage_users(admin_regency, regions):
    assert 'id="add-user"' in client_for(admin_regency).get("/pengguna/").content.decode()
    operator = make_user("op_kab", "regency_operator", "62.08")
    assert 'id="add-user"' not in client_for(operator).get("/pengguna/").content.decode()


def test_the_form_offers_regions_inside_the_administrators_scope(admin_jelai):
    html = client_for(admin_jelai).get("/pengguna/baru/").content.decode()
    assert f'<option value="{KEC_JELAI}">' in html
    assert f'<option value="{DESA_PULAU_NIBUNG}">' in html
    assert f'<option value="{KEC_SUKAMARA}">' not in html and '<option value="62.08">' not in html


def test_add_a_user_with_a_generated_password_shown_once(admin_regency):
    client = client_for(admin_regency)
    response = client.post("/pengguna/baru/", form())
    user = User.objects.get(username="kpps.nibung")
    assert response.status_code == 302 and response["Location"] == f"/pengguna/{user.pk}/"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    import re

    password = re.search(r'<code id="new-password">([^<]+)</code>', html).group(1)
    assert authenticate(username="kpps.nibung", password=password) == user
    assert "Desa Pulau Nibung (62.08.02.2002)" in html
    assert "1 November 2024 – 31 Januari 2025" in html
    assert password not in client.get(response["Location"]).content.decode()  # once only
    assert AuditEvent.objects.filter(action="accounts.user_create", object_id=user.pk).exists()


def test_add_a_user_with_a_typed_password_and_a_region_by_name(admin_regency):
    client = client_for(admin_regency)
    data = form(region="Kec. Jelai", password1="Sungai-Jelai-77", password2="Sungai-Jelai-77")
    response = client.post("/pengguna/baru/", data)
    assert response.status_code == 302
    user = User.objects.get(username="kpps.nibung")
    assert user.assignments.get().region_code == KEC_JELAI
    assert authenticate(username="kpps.nibung", password="Sungai-Jelai-77") == user
    assert 'id="new-password"' not in client.get(response["Location"]).content.decode()


def test_the_page_refuses_a_region_outside_the_administrators_scope(admin_jelai):
    response = client_for(admin_jelai).post("/pengguna/baru/", form(region=KEC_SUKAMARA))
    assert response.status_code == 200
    html = response.content.decode()
    assert "hanya dapat memberi peran di dalam wilayah Anda" in html and KEC_JELAI in html
    assert not User.objects.filter(username="kpps.nibung").exists()


def test_the_page_shows_each_mistake_next_to_its_field(admin_regency):
    client = client_for(admin_regency)
    html = client.post(
        "/pengguna/baru/",
        form(password1="Sungai-Jelai-77", password2="lain", valid_to="2024-10-01"),
    ).content.decode()
    assert "Kedua kata sandi tidak sama" in html
    assert "Tanggal akhir sebelum tanggal mulai" in html
    weak = client.post("/pengguna/baru/", form(password1="12345678", password2="12345678"))
    assert "Kata sandi belum memenuhi syarat" in weak.content.decode()
    unknown = client.post("/pengguna/baru/", form(region="Atlantis"))
    assert "tidak ditemukan" in unknown.content.decode()
    assert not User.objects.filter(username="kpps.nibung").exists()
