"""The web shell: login, language, formatting, security headers, CSRF, sessions, errors."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client, override_settings

from cakupan.rules import formats as formatting
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_money_and_dates_are_written_the_indonesian_way():
    assert formatting.rupiah(1234567) == "Rp1.234.567"
    assert formatting.rupiah(Decimal("16800.4")) == "Rp16.800"
    assert formatting.rupiah(Decimal("0.5")) == "Rp1"
    assert formatting.rupiah(-42000000) == "-Rp42.000.000"
    assert formatting.long_date(dt.date(2024, 11, 27)) == "27 November 2024"
    assert formatting.long_date(dt.date(2024, 2, 14), "id") == "14 Februari 2024"
    assert formatting.long_date(dt.date(2024, 2, 14), "en") == "14 February 2024"
    assert formatting.percent(Decimal("43.94"), 1, "id") == "43,9%"
    assert formatting.percent(Decimal("43.94"), 1, "en") == "43.9%"


def test_login_page_is_indonesian_by_default():
    body = Client().get("/masuk/").content.decode()
    assert 'lang="id"' in body
    assert "Masuk ke Cakupan" in body


def test_pages_need_login():
    response = Client().get("/pengguna/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_login_with_wrong_password_says_so(admin_regency):
    response = Client().post("/masuk/", {"username": "admin_kab", "password": "wrong"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_login_and_logout(admin_regency):
    client = Client()
    response = client.post("/masuk/", {"username": "admin_kab", "password": "pw-admin_kab"})
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "Selamat datang" in home and "Administrator" in home
    client.post("/keluar/")
    assert client.get("/").status_code == 302


def test_switching_to_english_translates_the_page(admin_regency):
    client = client_for(admin_regency)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert 'lang="en"' in body
    assert "Welcome" in body and "Your roles and regions" in body
    assert "Selamat datang" not in body and "Peran dan wilayah Anda" not in body
    assert "Audit log" in body


def test_home_shows_today_as_a_long_date(admin_regency):
    body = client_for(admin_regency).get("/").content.decode()
    from django.utils import timezone

    assert formatting.long_date(timezone.localdate(), "id") in body


def test_user_with_no_role_is_told_so_and_sees_nothing(regions, operator_sukamara_town):
    from cakupan.accounts.models import User

    nobody = User.objects.create_user(username="nobody", password="x")
    client = client_for(nobody)
    assert "belum memiliki peran" in client.get("/").content.decode()
    assert client.get("/pengguna/").status_code == 403


def test_security_headers_are_set(admin_regency):
    response = client_for(admin_regency).get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 8


def test_posts_without_csrf_token_are_refused(admin_regency):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/masuk/", {"username": "admin_kab", "password": "pw-admin_kab"})
    assert response.status_code == 403


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_SAVE_EVERY_REQUEST  # idle timeout, not a fixed one


def test_all_scripts_and_styles_are_served_locally(admin_regency):
    body = client_for(admin_regency).get("/").content.decode()
    assert "htmx.min" in body
    assert "http://" not in body.replace("http://testserver", "")
    assert "https://" not in body
    assert Client().get("/static/cakupan/vendor/htmx/htmx.min.js").status_code == 200


def test_domain_error_is_a_clear_page_in_the_users_language(admin_regency):
    client = client_for(admin_regency)
    response = client.get("/pengguna/999999/")
    assert response.status_code == 404
    assert "Pengguna tidak ditemukan." in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/pengguna/999999/")
    assert response.status_code == 404
    assert "User not found." in response.content.decode()


@override_settings(ROOT_URLCONF="tests.web.urls_boom")
def test_unexpected_error_shows_request_id_and_is_logged(admin_regency, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(admin_regency)
    response = client.get("/boom/", headers={"X-Request-ID": "abc12345def"})
    assert response.status_code == 500
    assert "abc12345def" in response.content.decode()
    assert any(
        "unexpected error" in r.getMessage() and getattr(r, "request_id", "") == "abc12345def"
        for r in caplog.records
    )


def test_pages_stay_indonesian_for_an_english_browser_until_the_user_switches(admin_regency):
    client = client_for(admin_regency)
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="id"' in body and "Selamat datang" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Welcome" in client.get("/").content.decode()


def test_home_names_the_users_regions(admin_regency, operator_jelai):
    home = client_for(admin_regency).get("/").content.decode()
    assert "Kabupaten Sukamara (62.08)" in home
    assert "Kecamatan Jelai (62.08.02)" in client_for(operator_jelai).get("/").content.decode()


def test_validity_dates_read_as_words(regions):
    from tests.conftest import make_user

    officer = make_user("kpps", "viewer", "62.08", valid_from=dt.date(2024, 11, 1))
    home = client_for(officer).get("/").content.decode()
    assert "mulai 1 November 2024" in home and "…" not in home


def test_every_page_links_a_favicon_that_is_served(admin_regency):
    body = client_for(admin_regency).get("/").content.decode()
    assert 'rel="icon" href="/static/cakupan/favicon.svg"' in body
    assert Client().get("/static/cakupan/favicon.svg").status_code == 200
    icon = Client().get("/static/cakupan/favicon.ico")
    assert icon.status_code == 200 and b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"
    # Browsers also ask /favicon.ico by themselves: no 404 for that either.
    asked = Client().get("/favicon.ico")
    assert asked.status_code == 301 and asked["Location"] == "/static/cakupan/favicon.ico"


def test_the_language_menu_names_each_language_in_itself(admin_regency):
    client = client_for(admin_regency)
    for lang in ("id", "en"):
        client.post("/i18n/setlang/", {"language": lang, "next": "/"})
        body = client.get("/").content.decode()
        menu = body[body.find('id="lang-select"') : body.find("</select>")]
        assert ">Bahasa Indonesia</option>" in menu and ">English</option>" in menu
        assert "Inggris" not in menu and "Indonesian" not in menu
