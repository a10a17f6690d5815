"""Findings of a fresh-eye review of the registry pages: the NIK check is no existence oracle
(it says only "already registered" and logs each hit outside the user's scope), searches say
when they stop or why they show nothing, money is typed the Indonesian way, and the person
page names rules and reasons in the user's language."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from cakupan.audit.models import AuditEvent
from cakupan.audit.presentation import action_label
from cakupan.registry.forms import BpuRegistrationForm, PreviewForm
from cakupan.registry.models import Person
from cakupan.registry.selectors import SEARCH_LIMIT
from cakupan.registry.services import employer_register, person_register, person_reveal_nik
from cakupan.rules.nik import mask_nik
from cakupan.rules.params import param
from tests.conftest import DESA_PULAU_NIBUNG, client_for
from tests.registry.conftest import nik_for
from tests.registry.test_pages import bpu_spell, registration

pytestmark = pytest.mark.django_db
D = dt.date


# ---------------------------------------------------------------- 1. NIK check privacy


def test_nik_check_outside_scope_says_only_registered_and_is_audited(budi, village_operator):
    client = client_for(village_operator)
    html = client.get(reverse("registry:register_nik_check"), {"nik": budi.nik}).content.decode()
    assert "NIK ini sudah terdaftar." in html
    assert "wilayah lain" not in html and "Budi" not in html
    assert reverse("registry:person", args=[budi.pk]) not in html
    hits = AuditEvent.objects.filter(action="registry.nik_check_outside_scope")
    assert hits.count() == 1
    hit = hits.get()
    assert hit.actor == village_operator and hit.object_id == str(budi.pk)
    assert hit.after == {"nik": mask_nik(budi.nik)}  # never the full NIK
    assert action_label(hit.action) != hit.action  # the audit page names it in words
    # Submitting the form with that NIK says the same, saves nothing, and is logged too.
    response = client.post(
        reverse("registry:register"),
        registration(nik=budi.nik, sex="L", birth_date="1985-07-17", name="Budi X"),
    )
    html = response.content.decode()
    assert "NIK ini sudah terdaftar." in html and "wilayah lain" not in html
    assert Person.objects.count() == 1
    assert hits.count() == 2


def test_nik_check_in_scope_or_unregistered_writes_no_audit(siti, village_operator):
    client = client_for(village_operator)
    url = reverse("registry:register_nik_check")
    html = client.get(url, {"nik": siti.nik}).content.decode()
    assert reverse("registry:person", args=[siti.pk]) in html
    born = D(1992, 3, 14)
    client.get(url, {"nik": nik_for("62.08.02", born, "L", 21)})
    assert not AuditEvent.objects.filter(action="registry.nik_check_outside_scope").exists()


def test_outside_scope_probe_shows_on_the_audit_page(budi, village_operator, admin_regency):
    client_for(village_operator).get(reverse("registry:register_nik_check"), {"nik": budi.nik})
    html = client_for(admin_regency).get("/audit/").content.decode()
    assert str(action_label("registry.nik_check_outside_scope")) in html
    assert mask_nik(budi.nik) in html and budi.nik not in html


# ---------------------------------------------------------------- 2. search limits and hints


def test_search_says_when_it_stops_at_the_limit(regency_operator):
    """51 people called Bambang: the page says it shows the first 50 and how to narrow."""
    for i in range(SEARCH_LIMIT + 1):
        born = D(1980, 1, 1) if i < SEARCH_LIMIT - 5 else D(1981, 6, 2)
        person_register(
            actor=regency_operator,
            nik=nik_for("62.08.02", born, "L", i + 1),
            name="Bambang Sutrisno",
            sex="L",
            birth_date=born,
            region_code=DESA_PULAU_NIBUNG,
        )
    client = client_for(regency_operator)
    html = client.post(reverse("registry:search"), {"q": "Bambang"}).content.decode()
    assert f"Menampilkan {SEARCH_LIMIT} hasil pertama" in html
    assert "persempit pencarian (tambahkan tanggal lahir atau nama lengkap)" in html
    narrowed = client.post(
        reverse("registry:search"), {"q": "Bambang", "birth_date": "1981-06-02"}
    ).content.decode()
    assert narrowed.count("Bambang Sutrisno</a>") == 6
    assert 'id="search-truncated"' not in narrowed


def test_short_employer_search_shows_the_minimum_length_hint(regency_operator):
    employer_register(
        actor=regency_operator,
        npp="12345678",
        name="PT Sawit Makmur",
        region_code=DESA_PULAU_NIBUNG,
        risk_class=3,
    )
    client = client_for(regency_operator)
    html = client.get(reverse("registry:search"), {"npp": "PT"}).content.decode()
    assert 'id="employer-error"' in html and "minimal 3 huruf nama pemberi kerja" in html
    html = client.get(reverse("registry:search"), {"npp": "Sawit"}).content.decode()
    assert "PT Sawit Makmur" in html and 'id="employer-error"' not in html


# ---------------------------------------------------------------- 3. money typed with dots


@pytest.mark.parametrize("typed", ["1.000.000", "1000000", "Rp 1.000.000", "Rp1.000.000,00"])
def test_income_accepts_indonesian_thousands_separators(typed):
    form = PreviewForm({"income": typed})
    assert form.is_valid() and form.cleaned_data["income"] == 1_000_000


def test_income_field_is_text_with_a_numeric_keypad_and_rejects_words():
    form = BpuRegistrationForm(registration(income="satu juta"))
    assert not form.is_valid() and "income" in form.errors
    html = str(form["income"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html


def test_registration_with_dotted_income_saves_the_full_amount(village_operator):
    response = client_for(village_operator).post(
        reverse("registry:register"), registration(income="Rp 1.000.000")
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.spells.get().wage == 1_000_000


def test_preview_reads_dotted_income_as_millions(village_operator):
    html = (
        client_for(village_operator)
        .get(reverse("registry:register_preview"), {"income": "1.000.000", "payer": "self"})
        .content.decode()
    )
    assert "di bawah batas minimum" not in html and "Rp1 " not in html


# ---------------------------------------------------------------- 4. person page words


def test_person_page_names_rules_in_words_and_translates_system_reasons(
    siti, regency_operator, bpjs_officer
):
    bpu_spell(regency_operator, siti)
    person_reveal_nik(actor=bpjs_officer, person_id=siti.pk, reason="")
    client = client_for(regency_operator)
    html = client.get(
        reverse("registry:person", args=[siti.pk]), {"tanggal": "2024-11-15"}
    ).content.decode()
    start = html.find('id="rules-in-force"')
    rules = html[start : html.find("</div>", start)]
    assert start > 0
    assert escape(param("jkk.wage_multiple").description["id"]) in rules
    assert ">jkk.wage_multiple<" not in rules  # the key is only a tooltip
    assert "viewed on the person page" not in html
    assert "dibuka di halaman peserta" in html
