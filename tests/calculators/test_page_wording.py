"""The calculator and parameter pages as a family or an officer reads them.

Death benefits show what is paid on the claim apart from the scholarships paid school year by
school year; details, notes and errors come in the page's language with money as Rp1.234.567
and dates as 27 November 2024; a bad date is flagged at its field; the heirs section works
with a plain GET form (no JavaScript needed).
"""

import html as htmllib
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from cakupan.calculators.cli import app
from cakupan.calculators.forms import KINDS, CalculatorForm
from cakupan.calculators.requests import benefit_request
from cakupan.calculators.results import benefit_as_dict
from cakupan.rules.contributions.bpu import BPU_PAYERS
from cakupan.rules.params import param

pytestmark = pytest.mark.django_db
URL = reverse("calculators:calculator")


def english(client: Client) -> Client:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def text_of(response) -> str:
    """The page as a reader sees it: tags and scripts removed, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", htmllib.unescape(page))


def rp(amount: int) -> str:
    return f"Rp{amount:,}".replace(",", ".")


JKM = {
    "kind": "jkm_death",
    "date": "2024-11-27",
    "membership_months": "60",
    "child_1": "TK_SD",
    "child_2": "SMA",
}


def expected_jkm() -> dict:
    calc = benefit_request(
        program="JKM", event="death", date="2024-11-27", membership_months=60, children="SD,SMA"
    )
    return benefit_as_dict(calc, "id")


def test_jkm_death_page_separates_paid_now_from_scholarships(browser):
    response = browser.get(URL, JKM)
    assert response.status_code == 200
    page = text_of(response)
    want = expected_jkm()
    assert f"Dibayar saat klaim: {rp(want['paid_at_claim'])}" in page
    assert f"Beasiswa anak, paling banyak: {rp(want['scholarships_total'])}" in page
    assert "dibayar per tahun ajaran selama anak masih bersekolah" in page
    assert f"termasuk beasiswa yang akan datang: {rp(want['total'])}" in page
    # The scholarship total is not presented as the result.
    assert f"Hasil: {rp(want['total'])}" not in page
    assert "anak ke-1: TK/SD, 8 tahun x Rp1.500.000" in page and "24 bulan x Rp500.000" in page


def test_jkm_death_page_has_no_codes_or_raw_numbers(browser):
    page = text_of(browser.get(URL, JKM))
    before_trace = page.split("jejak perhitungan")[0]
    for raw in ("TK_SD", "x 500000", "(death)", "per_year", "[C2]"):
        assert raw not in page.replace("TK/SD", ""), raw if raw != "TK_SD" else before_trace
    assert "Keyakinan sumber: dikonfirmasi dua sumber atau lebih" in page


def test_jkm_death_page_in_english_has_no_indonesian_from_the_rules(browser):
    page = text_of(english(browser).get(URL, JKM))
    assert "child 1: Kindergarten/primary school (TK/SD), 8 years x Rp1.500.000" in page
    assert "24 months x Rp500.000" in page
    assert "Scholarships are not paid now: they are paid per school year" in page
    for indonesian in ("anak ke-", "bulan x", "tahun x", "Beasiswa tidak dibayar"):
        assert indonesian not in page, indonesian


def test_bpu_duty_period_in_both_languages(browser):
    query = {"kind": "bpu", "date": "2024-11-27", "income": "1000000", "days": "40"}
    page = text_of(browser.get(URL, query))
    assert "Iuran JKK (November 2024: 4 dari 30 hari)" in page
    assert "Masa tugas 40 hari menyentuh 3 bulan iuran" in page
    assert "month(s)" not in page and "charging=" not in page and "2024-11:" not in page
    page = text_of(english(browser).get(URL, query))
    assert "JKK contribution (November 2024: 4 of 30 days)" in page
    assert "The 40-day duty period touches 3 iuran months" in page
    assert "dari 30 hari" not in page and "Masa tugas" not in page


# ---------------------------------------------------------------- bad dates


def field_error(html: str, name: str) -> str:
    """The error paragraph right after the input called `name` ('' if there is none)."""
    found = re.search(
        rf'<input[^>]*name="{name}"[^>]*>\s*(?:<p class="error">(.*?)</p>)?', html, re.S
    )
    assert found, f"no input {name}"
    return htmllib.unescape(found.group(1) or "")


def test_impossible_date_is_a_field_error_not_a_500(browser):
    query = {"kind": "stmb", "date": "2024-02-30", "wage": "3000000", "days": "10"}
    response = browser.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    message = field_error(html, "date")
    assert message == "Tanggal kecelakaan kerja: tanggal 30 Februari 2024 tidak ada di kalender."
    assert 'role="alert"' not in html.split('id="calc"')[1]  # nothing generic above the form
    english_html = english(browser).get(URL, query).content.decode()
    assert "30 February 2024 is not a date on the calendar." in field_error(english_html, "date")


def test_date_before_the_rules_is_a_field_error_without_internal_names(browser):
    query = {"kind": "stmb", "date": "2010-02-03", "wage": "3000000", "days": "10"}
    html = browser.get(URL, query).content.decode()
    message = field_error(html, "date")
    first = param("jkk.stmb_schedule").history[0].effective_from
    assert "belum berlaku pada 3 Februari 2010" in message
    assert f"sejak {first.day} Juli {first.year}" in message
    assert "jkk.stmb_schedule" not in html and "2010-02-03;" not in html


def test_a_rule_error_about_another_field_is_shown_at_that_field(browser):
    query = {"kind": "bpu", "date": "2024-01-01", "income": "900.000"}
    html = browser.get(URL, query).content.decode()
    assert "di bawah batas minimum" not in field_error(html, "date")
    assert "di bawah batas minimum BPU Rp1.000.000" in html


# ---------------------------------------------------------------- payers


def test_payer_options_are_exactly_the_payers_the_rules_accept():
    form = CalculatorForm(kind=KINDS["bpu"])
    offered = [code for code, _label in form.fields["payer"].choices]
    assert offered == list(BPU_PAYERS)


@pytest.mark.parametrize("payer", BPU_PAYERS)
def test_every_offered_payer_computes(browser, payer):
    query = {"kind": "bpu", "date": "2026-02-01", "income": "1000000", "payer": payer}
    query["transport_worker"] = "on"
    html = browser.get(URL, query).content.decode()
    assert "Tidak dapat dihitung" not in html and "Hasil:" in html


# ---------------------------------------------------------------- heirs

FAMILY = {
    "kind": "heirs",
    "program": "JKM",
    "sex": "L",
    "death_date": "2024-02-20",
    "birth_date": "1980-01-01",
    "r1-relation": "widow",
    "r1-name": "Siti",
    "r1-alive": "yes",
    "r1-marital_status": "married",
    "r2-relation": "child",
    "r2-name": "Budi",
    "r2-birth_date": "2010-05-05",
    "r3-relation": "parent",
    "r3-name": "Ayah",
    "r3-alive": "no",
}


def test_heirs_section_is_linked_and_works_as_a_plain_get_form(browser):
    html = browser.get(URL).content.decode()
    assert 'href="?kind=heirs"' in html
    empty = browser.get(URL, {"kind": "heirs"}).content.decode()
    assert 'method="get"' in empty and 'name="death_date"' in empty
    assert 'name="r1-relation"' in empty and 'name="r1-marital_status"' in empty
    assert 'name="r1-alive"' in empty and 'name="r1-birth_date"' in empty
    assert "hx-get" in empty  # htmx swaps the result in when scripts run


def test_heirs_result_names_the_group_in_legal_order_with_reference(browser):
    page = text_of(browser.get(URL, FAMILY))
    reference = str(
        param("heirs.order").at(param("heirs.order").history[-1].effective_from).reference
    )
    assert "JKM: Ahli waris (golongan ke-1)" in page
    assert f"Dasar hukum: {reference}" in page
    assert "Janda Siti" in page and "Anak Budi 5 Mei 2010" in page
    assert "Orang tua Ayah: sudah meninggal" in page
    assert "Budi (lahir 5 Mei 2010)" in page


def test_heirs_result_agrees_with_the_cli(browser):
    payload = {
        "program": "JKM",
        "deceased": {"sex": "L", "death_date": "2024-02-20", "birth_date": "1980-01-01"},
        "relatives": [
            {"relation": "widow", "name": "Siti", "marital_status": "married"},
            {"relation": "child", "name": "Budi", "birth_date": "2010-05-05"},
            {"relation": "parent", "name": "Ayah", "alive": False},
        ],
    }
    cli = json.loads(CliRunner().invoke(app, ["heirs", "--json"], input=json.dumps(payload)).stdout)
    page = text_of(browser.get(URL, FAMILY))
    assert [p["name"] for p in cli["group"]] == ["Siti", "Budi"]
    assert all(p["relation_label"] + " " + p["name"] in page for p in cli["group"])


def test_heirs_in_english_uses_english_relations_and_reasons(browser):
    page = text_of(english(browser).get(URL, FAMILY))
    assert "Widow Siti" in page and "Child Budi 5 May 2010" in page
    assert "Parent Ayah: not alive" in page and "sudah meninggal" not in page


def test_heirs_bad_birth_date_is_shown_at_its_row(browser):
    html = browser.get(URL, {**FAMILY, "r2-birth_date": "2024-02-31"}).content.decode()
    assert "Tanggal lahir: tanggal 31 Februari 2024 tidak ada di kalender." in field_error(
        html, "r2-birth_date"
    )
    assert "golongan ke-1" not in html


def test_heirs_inconsistent_family_gets_a_clear_message(browser):
    html = browser.get(URL, {**FAMILY, "r2-birth_date": "1970-02-01"}).content.decode()
    page = text_of(browser.get(URL, {**FAMILY, "r2-birth_date": "1970-02-01"}))
    assert "Tidak dapat ditetapkan" in page
    assert "Budi lahir 1 Februari 1970 tidak mungkin lebih tua dari peserta" in page
    assert "1 Januari 1980" in page and "1970-02-01" not in page.replace('value="', "")
    assert html.count('role="alert"') == 1


def test_more_rows_on_request(browser):
    html = browser.get(URL, {"kind": "heirs", "rows": "4", "more": "1"}).content.decode()
    assert 'name="r6-relation"' in html and 'name="r7-relation"' not in html


# ---------------------------------------------------------------- parameters page


def test_parameter_page_values_in_words_not_codes(browser):
    page = text_of(browser.get(reverse("calculators:parameters")))
    for code in ("TK_SD:", "per_year", "up_to", "per_level", "[C2]", "[C1]", "spouse"):
        assert code not in page, code
    assert "TK/SD: per tahun: Rp1.500.000, lama: 8 tahun" in page
    assert "sekaligus untuk satu anak" in page  # the scholarship scheme code, in words
    assert "1. Suami/istri, Anak" in page
    assert "Keyakinan sumber: dikonfirmasi dua sumber atau lebih" in page


def test_parameter_page_marks_english_research_notes(browser):
    html = browser.get(reverse("calculators:parameters")).content.decode()
    assert '<span lang="en">' in html
    english_html = english(browser).get(reverse("calculators:parameters")).content.decode()
    assert '<span lang="en">' not in english_html
    assert "TK/SD" in english_html and "Spouse, Child" in english_html
