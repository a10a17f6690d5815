"""The parameters page and the calculator page, in Indonesian and English."""

import pytest
from django.test import Client
from django.urls import reverse

from cakupan.rules.params import parameter_names

pytestmark = pytest.mark.django_db


def english(client: Client) -> Client:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def test_pages_need_login():
    for name in ("calculators:parameters", "calculators:calculator"):
        response = Client().get(reverse(name))
        assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_pages_need_the_rules_permission(db):
    from cakupan.accounts.models import User

    nobody = User.objects.create_user(username="tanpa_peran", password="pw")
    client = Client()
    client.force_login(nobody)
    assert client.get(reverse("calculators:calculator")).status_code == 403


def test_parameter_page_lists_every_parameter_with_references(browser):
    response = browser.get(reverse("calculators:parameters"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in parameter_names():
        assert f'id="p-{name}"' in html
    assert "PP 82/2019" in html and "Santunan sekaligus JKM" in html
    assert "Rp20.000.000" in html and "Berlaku sejak" in html
    assert "Manfaat Jaminan Kematian (JKM)" in html


def test_parameter_page_in_english(browser):
    html = english(browser).get(reverse("calculators:parameters")).content.decode()
    assert "Regulation parameters" in html and "In force from" in html
    assert "JKM lump-sum death benefit" in html and "PP 82/2019" in html
    assert "2 December 2019" in html


def test_calculator_form_defaults_to_today(browser):
    response = browser.get(reverse("calculators:calculator"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="date"' in html and 'name="income"' in html and 'name="wage"' not in html
    assert "hx-get" in html and "<script>" not in html.split("</head>")[1]


def test_calculator_bpu_via_get(browser):
    query = {"kind": "bpu", "date": "2024-01-01", "income": "1.000.000"}
    response = browser.get(reverse("calculators:calculator"), query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rp16.800" in html and "Rp10.000" in html and "Rp6.800" in html
    assert "PP 44/2015" in html and "Peserta" in html
    assert "<details>" in html and "bpu.jkm_amount" in html


def test_calculator_bpu_via_post(browser):
    data = {"kind": "bpu", "date": "2024-01-01", "income": "1000000"}
    response = browser.post(reverse("calculators:calculator"), data)
    assert response.status_code == 200 and "Rp16.800" in response.content.decode()


def test_calculator_pu_shows_each_payer(browser):
    query = {"kind": "pu", "date": "2024-06-01", "wage": "5000000", "risk_class": "1"}
    html = browser.get(reverse("calculators:calculator"), query).content.decode()
    assert "Rp473.000" in html and "Pemberi kerja" in html and "Pekerja" in html


def test_calculator_jkk_death(browser):
    query = {"kind": "jkk_death", "date": "2023-07-01", "wage": "3131321", "child_1": "SMA"}
    html = browser.get(reverse("calculators:calculator"), query).content.decode()
    assert "Rp241.303.408" in html and "Beasiswa" in html


def test_bad_wage_shows_the_indonesian_message(browser):
    query = {"kind": "pu", "date": "2024-01-01", "wage": "lima juta", "risk_class": "1"}
    response = browser.get(reverse("calculators:calculator"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Upah sebulan harus bilangan bulat" in html and 'class="error"' in html
    assert "lima juta" in html


def test_bad_input_in_english(browser):
    query = {"kind": "bpu", "date": "2024-01-01", "income": "5"}
    html = english(browser).get(reverse("calculators:calculator"), query).content.decode()
    assert "below the BPU minimum" in html and "Contribution" in html


def test_calculator_in_english(browser):
    query = {"kind": "jkm_death", "date": "2024-02-20", "membership_months": "12"}
    html = english(browser).get(reverse("calculators:calculator"), query).content.decode()
    assert "Rp42.000.000" in html and "Funeral allowance" in html
    assert "Date of death" in html and "Parameters used" in html


def test_htmx_request_returns_the_page_it_swaps_from(browser):
    query = {"kind": "bpu", "date": "2024-01-01", "income": "1000000"}
    response = browser.get(reverse("calculators:calculator"), query, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="calc"' in response.content.decode()


def test_zero_days_is_refused_as_zero_not_as_negative(browser):
    query = {"kind": "bpu", "date": "2024-01-01", "income": "1.000.000", "days": "0"}
    html = browser.get(reverse("calculators:calculator"), query).content.decode()
    assert "harus lebih dari 0 (diberikan 0)" in html
    assert "negatif" not in html


def test_jkm_with_children_needs_the_masa_iur(browser):
    """Left empty it would silently count as 0 months and drop the scholarships."""
    query = {"kind": "jkm_death", "date": "2024-06-01", "child_1": "SMP", "membership_months": ""}
    html = browser.get(reverse("calculators:calculator"), query).content.decode()
    assert "Masa iur (bulan) wajib diisi." in html
    assert "Dibayar saat klaim" not in html  # no result computed on a guess
    query["membership_months"] = "40"
    html = browser.get(reverse("calculators:calculator"), query).content.decode()
    assert "Dibayar saat klaim" in html and "Beasiswa anak, paling banyak" in html
    without_children = {"kind": "jkm_death", "date": "2024-06-01"}
    assert (
        "Dibayar saat klaim"
        in browser.get(reverse("calculators:calculator"), without_children).content.decode()
    )


def test_informational_rows_say_they_are_part_of_jkk_and_sit_under_it(browser):
    query = {"kind": "pu", "date": "2024-06-01", "wage": "5.000.000", "risk_class": "1"}
    html = browser.get(reverse("calculators:calculator"), query).content.decode()
    jkk = html.index("<strong>Iuran JKK</strong>")
    info = html.index("JKP dari rekomposisi iuran JKK")
    jkm = html.index("<strong>Iuran JKM</strong>")
    assert jkk < info < jkm
    assert "(bagian dari iuran JKK, tidak menambah jumlah)" in html
