"""Registry pages: search (no browsing), person and employer pages, NIK reveal, BPU
registration with its contribution preview and duplicate check, the duplicate queue, and
attempts to cross regions."""

import datetime as dt

import pytest
from django.urls import reverse

from cakupan.audit.models import AuditEvent
from cakupan.registry.duplicates import duplicates_detect_for
from cakupan.registry.models import DuplicateCandidate, DuplicateStatus, Person, Spell
from cakupan.registry.services import employer_register, person_register, spell_add
from cakupan.rules.nik import mask_nik
from tests.conftest import DESA_PULAU_NIBUNG, client_for, make_user
from tests.registry.conftest import DESA_KARTAMULIA, nik_for

pytestmark = pytest.mark.django_db
D = dt.date
BANNER = "Data contoh (sintetis) — bukan data sebenarnya"


@pytest.fixture
def jelai(regions):
    """A regency operator scoped to Kecamatan Jelai: must never reach Kecamatan Sukamara."""
    return make_user("jelai", "regency_operator", "62.08.02")


NOV_1 = D(2024, 11, 1)


def bpu_spell(actor, person, start=NOV_1, end=None, wage=1_000_000, payer="apbd"):
    return spell_add(
        actor=actor,
        person_id=person.pk,
        programs=["JKK", "JKM"],
        start_date=start,
        end_date=end,
        segment="BPU",
        payer=payer,
        wage=wage,
    )


def registration(**overrides):
    born = D(1992, 3, 14)
    data = {
        "nik": nik_for("62.08.02", born, "L", 21),
        "name": "Ahmad Yani",
        "sex": "L",
        "birth_date": born.isoformat(),
        "region_code": DESA_PULAU_NIBUNG,
        "phone": "",
        "occupation": "Nelayan",
        "sector": "A",
        "flags": ["fisher"],
        "income": "1000000",
        "payer": "apbdes",
        "start_date": "2024-11-01",
        "end_date": "",
        "nik_exception_reason": "",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- search


def test_search_page_needs_login_and_permission(regions):
    from django.test import Client

    response = Client().get(reverse("registry:search"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]
    viewer = make_user("pembaca", "viewer", "62.08")
    assert client_for(viewer).get(reverse("registry:search")).status_code == 403


def results(response) -> str:
    """The results table of the search page (the search box echoes what was typed)."""
    html = response.content.decode()
    start = html.find('id="results"')
    return html[start : html.find("</table>", start)] if start >= 0 else ""


def test_search_finds_by_name_and_masks_nik(siti, budi, regency_operator):
    client = client_for(regency_operator)
    found = results(client.post(reverse("registry:search"), {"q": "aminah"}))
    assert "Siti Aminah" in found and "Budi" not in found
    assert mask_nik(siti.nik) in found and siti.nik not in found
    assert "Pulau Nibung" in found
    by_nik = results(client.post(reverse("registry:search"), {"q": budi.nik}))
    assert "Budi Santoso" in by_nik and budi.nik not in by_nik


def test_search_without_enough_letters_lists_nobody(siti, regency_operator):
    client = client_for(regency_operator)
    empty = client.get(reverse("registry:search")).content.decode()
    assert "Siti" not in empty and 'id="results"' not in empty
    short = client.post(reverse("registry:search"), {"q": "si"}).content.decode()
    assert "minimal 3 huruf" in short and "Siti" not in short
    blank = client.post(reverse("registry:search"), {"q": ""}).content.decode()
    assert "minimal 3 huruf" in blank


def test_search_by_name_and_birth_date_and_by_kpj(siti, regency_operator):
    bpu = bpu_spell(regency_operator, siti)
    Spell.objects.filter(pk=bpu.pk).update(kpj="24000123456")
    client = client_for(regency_operator)
    hit = client.post(reverse("registry:search"), {"q": "siti", "birth_date": "1990-01-05"})
    miss = client.post(reverse("registry:search"), {"q": "siti", "birth_date": "1991-01-05"})
    assert "Siti Aminah" in results(hit)
    assert "Siti Aminah" not in results(miss)
    assert "Siti Aminah" in results(client.post(reverse("registry:search"), {"q": "24000123456"}))


# ---------------------------------------------------------------- person page


def test_person_page_shows_identity_timeline_dues_and_history(siti, regency_operator):
    bpu_spell(regency_operator, siti, start=D(2024, 11, 1), end=D(2024, 12, 8))
    bpu_spell(regency_operator, siti, start=D(2025, 1, 1), end=None)
    response = client_for(regency_operator).get(reverse("registry:person", args=[siti.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert mask_nik(siti.nik) in html and siti.nik not in html
    assert "Pulau Nibung" in html and "Petani" in html
    assert 'id="timeline"' in html and html.count('class="timeline-bar') == 2
    assert "1 November 2024" in html and "8 Desember 2024" in html
    # Dues now (2026): BPU JKK 1 % of Rp1.000.000 + JKM Rp6.800, paid by APBD.
    assert "Rp16.800" in html and "Iuran JKM" in html
    assert "Didaftarkan" in html and "Masa kepesertaan ditambahkan" in html
    assert BANNER not in html


def test_person_page_answers_coverage_as_of_a_date(siti, regency_operator):
    bpu_spell(regency_operator, siti, start=D(2024, 11, 1), end=D(2024, 12, 8))
    client = client_for(regency_operator)
    url = reverse("registry:person", args=[siti.pk])
    yes = client.get(url, {"tanggal": "2024-11-27"}).content.decode()
    assert "Terlindungi pada 27 November 2024" in yes and "answer-yes" in yes
    assert "PP 82/2019" in yes
    no = client.get(url, {"tanggal": "2024-12-09"}).content.decode()
    assert "Tidak terlindungi pada 9 Desember 2024" in no


def test_person_history_is_visible_without_audit_permission(siti, village_operator):
    html = client_for(village_operator).get(reverse("registry:person", args=[siti.pk])).content
    assert "Didaftarkan" in html.decode()
    assert siti.nik not in html.decode()  # the audit snapshots hold the NIK; never shown


def test_synthetic_person_shows_the_banner(regency_operator):
    born = D(1980, 2, 2)
    person = person_register(
        actor=regency_operator,
        nik=nik_for("62.08.02", born, "L", 31),
        name="Contoh Sintetis",
        sex="L",
        birth_date=born,
        region_code=DESA_PULAU_NIBUNG,
        synthetic=True,
    )
    client = client_for(regency_operator)
    assert BANNER in client.get(reverse("registry:person", args=[person.pk])).content.decode()
    assert BANNER in client.post(reverse("registry:search"), {"q": "contoh"}).content.decode()


# ---------------------------------------------------------------- NIK reveal


def test_reveal_button_only_for_view_nik_and_reveal_is_audited(
    siti, village_operator, bpjs_officer
):
    url = reverse("registry:person", args=[siti.pk])
    assert 'id="reveal-nik"' not in client_for(village_operator).get(url).content.decode()
    officer = client_for(bpjs_officer)
    assert 'id="reveal-nik"' in officer.get(url).content.decode()
    response = officer.post(reverse("registry:reveal_nik", args=[siti.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert siti.nik in response.content.decode()
    assert "<html" not in response.content.decode()  # an htmx fragment
    event = AuditEvent.objects.get(action="registry.nik_view")
    assert event.actor == bpjs_officer and event.object_id == str(siti.pk)


def test_reveal_without_permission_shows_nothing_and_audits_nothing(siti, village_operator):
    response = client_for(village_operator).post(reverse("registry:reveal_nik", args=[siti.pk]))
    assert response.status_code == 404
    assert siti.nik not in response.content.decode()
    assert not AuditEvent.objects.filter(action="registry.nik_view").exists()


def test_reveal_needs_post(siti, bpjs_officer):
    response = client_for(bpjs_officer).get(reverse("registry:reveal_nik", args=[siti.pk]))
    assert response.status_code == 405


# ---------------------------------------------------------------- employer page


def test_employer_page_lists_masked_workers_and_pu_dues(siti, budi, regency_operator):
    employer = employer_register(
        actor=regency_operator,
        npp="12345678",
        name="CV Sawit Jelai",
        risk_class=3,
        region_code=DESA_PULAU_NIBUNG,
    )
    spell_add(
        actor=regency_operator,
        person_id=siti.pk,
        programs=["JKK", "JKM", "JHT", "JP"],
        start_date=D(2025, 1, 1),
        end_date=None,
        segment="PU",
        payer="employer",
        employer_id=employer.pk,
        wage=3_000_000,
    )
    html = client_for(regency_operator).get(reverse("registry:employer", args=[employer.pk]))
    html = html.content.decode()
    assert "12345678" in html and "CV Sawit Jelai" in html and "Pulau Nibung" in html
    assert mask_nik(siti.nik) in html and siti.nik not in html
    # JKK class 3 (0.89 %) 26.700 + JKM 0.3 % 9.000 + JHT 3.7 %+2 % 171.000 + JP 2 %+1 % 90.000
    assert "Rp296.700" in html


# ---------------------------------------------------------------- registration


def test_registration_form_offers_only_desa_in_scope(village_operator):
    html = client_for(village_operator).get(reverse("registry:register")).content.decode()
    assert f'value="{DESA_PULAU_NIBUNG}"' in html
    assert DESA_KARTAMULIA not in html


def test_contribution_preview_shows_bpu_amount_with_legal_basis(village_operator):
    response = client_for(village_operator).get(
        reverse("registry:register_preview"),
        {"income": "1000000", "payer": "self", "start_date": "2024-11-01"},
    )
    html = response.content.decode()
    assert "Rp16.800" in html
    assert "Rp10.000" in html and "Rp6.800" in html
    assert "PP 44/2015" in html  # the legal basis of the BPU rates


def test_contribution_preview_explains_income_out_of_range(village_operator):
    html = client_for(village_operator).get(
        reverse("registry:register_preview"), {"income": "10", "start_date": "2024-11-01"}
    )
    assert "di bawah batas minimum BPU" in html.content.decode()


def test_registration_creates_person_and_spell_with_one_audit_trail(village_operator):
    response = client_for(village_operator).post(reverse("registry:register"), registration())
    person = Person.objects.get(name="Ahmad Yani")
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:person", args=[person.pk])
    spell = person.spells.get()
    assert spell.programs == ["JKK", "JKM"] and spell.segment == "BPU"
    assert spell.payer == "apbdes" and spell.wage == 1_000_000 and spell.end_date is None
    actions = set(AuditEvent.objects.values_list("action", "request_id"))
    assert {a for a, _ in actions} == {"registry.person_register", "registry.spell_add"}
    assert len({rid for _, rid in actions}) == 1


def test_registration_refused_by_the_rules_saves_nothing(village_operator):
    response = client_for(village_operator).post(
        reverse("registry:register"), registration(income="10")
    )
    assert response.status_code == 200
    assert "di bawah batas minimum BPU" in response.content.decode()
    assert not Person.objects.exists() and not AuditEvent.objects.exists()


def test_registration_with_end_before_start_saves_nothing(village_operator):
    response = client_for(village_operator).post(
        reverse("registry:register"), registration(end_date="2024-10-01")
    )
    assert "Tanggal akhir sebelum tanggal mulai" in response.content.decode()
    assert not Person.objects.exists() and not Spell.objects.exists()


def test_every_nik_problem_is_shown_at_once_in_indonesian(village_operator):
    response = client_for(village_operator).post(
        reverse("registry:register"), registration(nik="9999993213990000")
    )
    html = response.content.decode()
    assert "Kode kecamatan 99.99.99 pada NIK tidak dikenal" in html
    assert "Tanggal lahir pada NIK (321399) tidak mungkin" in html
    assert "Nomor urut NIK tidak boleh 0000" in html
    assert not Person.objects.exists()


def test_nik_check_fragment_lists_problems_and_mismatch(village_operator):
    client = client_for(village_operator)
    url = reverse("registry:register_nik_check")
    bad = client.get(url, {"nik": "12345"}).content.decode()
    assert "NIK harus 16 digit" in bad
    born = D(1992, 3, 14)
    nik = nik_for("62.08.02", born, "L", 21)
    mismatch = client.get(url, {"nik": nik, "birth_date": "1992-03-15", "sex": "L"})
    assert "tanggal lahir" in mismatch.content.decode()
    ok = client.get(url, {"nik": nik, "birth_date": "1992-03-14", "sex": "L"}).content.decode()
    assert "sah dan belum terdaftar" in ok


def test_duplicate_nik_is_caught_before_saving_with_a_link(siti, village_operator):
    client = client_for(village_operator)
    html = client.get(reverse("registry:register_nik_check"), {"nik": siti.nik}).content.decode()
    assert "sudah terdaftar" in html
    assert reverse("registry:person", args=[siti.pk]) in html
    response = client.post(
        reverse("registry:register"),
        registration(nik=siti.nik, sex="P", birth_date="1990-01-05", name="Siti A"),
    )
    html = response.content.decode()
    assert response.status_code == 200 and "NIK ini sudah terdaftar" in html
    assert reverse("registry:person", args=[siti.pk]) in html
    assert Person.objects.count() == 1


def test_duplicate_nik_outside_scope_has_no_link(budi, village_operator):
    html = client_for(village_operator).get(
        reverse("registry:register_nik_check"), {"nik": budi.nik}
    )
    html = html.content.decode()
    assert "NIK ini sudah terdaftar." in html and "wilayah lain" not in html
    assert reverse("registry:person", args=[budi.pk]) not in html
    assert "Budi" not in html


# ---------------------------------------------------------------- duplicate queue


@pytest.fixture
def twin(siti, regency_operator):
    return person_register(
        actor=regency_operator,
        nik=nik_for("62.08.02", siti.birth_date, "P", 9),
        name="Hj. Siti Aminah",
        sex="P",
        birth_date=siti.birth_date,
        region_code=DESA_PULAU_NIBUNG,
    )


def test_duplicate_queue_shows_pairs_side_by_side(siti, twin, regency_operator):
    html = client_for(regency_operator).get(reverse("registry:duplicates")).content.decode()
    assert mask_nik(siti.nik) in html and mask_nik(twin.nik) in html
    assert siti.nik not in html and "Hj. Siti Aminah" in html and "Pulau Nibung" in html


def test_merge_and_dismiss_from_the_queue(siti, twin, regency_operator):
    client = client_for(regency_operator)
    candidate = DuplicateCandidate.objects.get()
    response = client.post(
        reverse("registry:duplicate_merge", args=[candidate.pk]),
        {"keep_person_id": siti.pk, "reason": "sama KK"},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.MERGED
    twin.refresh_from_db()
    assert twin.merged_into_id == siti.pk
    # The merged record forwards to the person kept.
    assert client.get(reverse("registry:person", args=[twin.pk])).status_code == 302


def test_dismiss_needs_a_reason(siti, twin, regency_operator):
    client = client_for(regency_operator)
    candidate = DuplicateCandidate.objects.get()
    url = reverse("registry:duplicate_dismiss", args=[candidate.pk])
    client.post(url, {"reason": ""})
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.OPEN
    client.post(url, {"reason": "kembar"})
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.DISMISSED


def test_village_operator_has_no_queue(village_operator):
    assert client_for(village_operator).get(reverse("registry:duplicates")).status_code == 403


# ---------------------------------------------------------------- crossing regions


@pytest.fixture
def budi_twin(budi, regency_operator):
    other = person_register(
        actor=regency_operator,
        nik=nik_for("62.08.01", budi.birth_date, "L", 13),
        name="Budi Santoso",
        sex="L",
        birth_date=budi.birth_date,
        region_code=DESA_KARTAMULIA,
    )
    duplicates_detect_for(person=other)
    return other


def test_jelai_operator_cannot_find_open_reveal_or_change_a_sukamara_person(
    budi, budi_twin, jelai, regency_operator
):
    bpu_spell(regency_operator, budi)
    client = client_for(jelai)
    assert "Budi" not in results(client.post(reverse("registry:search"), {"q": "santoso"}))
    assert "Budi" not in results(client.post(reverse("registry:search"), {"q": budi.nik}))
    assert client.get(reverse("registry:person", args=[budi.pk])).status_code == 404
    reveal = client.post(reverse("registry:reveal_nik", args=[budi.pk]))
    assert reveal.status_code == 404 and budi.nik not in reveal.content.decode()
    assert not AuditEvent.objects.filter(action="registry.nik_view").exists()
    # Registering someone in a Sukamara desa is refused and saves nothing.
    before = Person.objects.count()
    response = client.post(
        reverse("registry:register"),
        registration(nik=nik_for("62.08.01", D(1992, 3, 14), "L", 40), region_code=DESA_KARTAMULIA),
    )
    assert response.status_code == 200 and Person.objects.count() == before
    assert DESA_KARTAMULIA not in client.get(reverse("registry:register")).content.decode()
    # The duplicate queue neither lists nor decides Sukamara pairs.
    candidate = DuplicateCandidate.objects.get()
    assert "Budi" not in client.get(reverse("registry:duplicates")).content.decode()
    merge = client.post(
        reverse("registry:duplicate_merge", args=[candidate.pk]),
        {"keep_person_id": budi.pk, "reason": "x"},
    )
    dismiss = client.post(
        reverse("registry:duplicate_dismiss", args=[candidate.pk]), {"reason": "x"}
    )
    assert merge.status_code == 404 and dismiss.status_code == 404
    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.OPEN


def test_jelai_operator_cannot_open_a_sukamara_employer(jelai, regency_operator):
    employer = employer_register(
        actor=regency_operator,
        npp="87654321",
        name="UD Sukamara",
        risk_class=2,
        region_code=DESA_KARTAMULIA,
    )
    client = client_for(jelai)
    assert client.get(reverse("registry:employer", args=[employer.pk])).status_code == 404
    html = client.get(reverse("registry:search"), {"npp": "87654321"}).content.decode()
    assert "UD Sukamara" not in html


def test_english_pages(siti, regency_operator):
    client = client_for(regency_operator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("registry:person", args=[siti.pk])).content.decode()
    assert "Identity" in html and "Coverage spells" in html and "5 January 1990" in html
    form = client.get(reverse("registry:register")).content.decode()
    assert "Register a BPU worker" in form
