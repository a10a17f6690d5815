"""A KPPS officer dies on election night: Disnaker's operator reports the claim, adds the heirs
and uploads the documents; a BPJS officer (a second person) records up to which month the iuran
was paid and verifies; another BPJS officer (a third person) approves and records the payment,
the form offering what is paid at the claim; the operator records the public
hand-over and prints its berita acara. A month typed wrongly only warns until it is corrected;
the same death reported again is refused, naming the claim."""

import datetime as dt

import pytest

from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCUMENTS = ["death_certificate", "family_card", "heirs_statement", "heir_id_card",
             "coverage_proof", "duty_letter"]  # fmt: skip


@pytest.fixture
def people(db, settings, tmp_path):
    from cakupan.regions.services import regions_load
    from tests.agreements.conftest import enrol, make_agreement

    settings.MEDIA_ROOT = str(tmp_path / "media")
    regions_load(prefixes=["62.08"])
    operator = make_user("op_kab", "regency_operator", "62.08")
    make_user("bpjs_a", "bpjs_officer", "62.08")
    make_user("bpjs_b", "bpjs_officer", "62.08")
    agreement = make_agreement(operator)
    officer = enrol(operator, agreement, n=1)[0]
    return officer, agreement


def login(page, url, username):
    page.goto(f"{url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button[type=submit].primary")


def logout(page):
    page.click("form[action$='/keluar/'] button")


def test_death_of_an_election_officer_from_report_to_hand_over(live_server, page, people, tmp_path):
    officer, agreement = people
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n% scanned document\n")
    photo = tmp_path / "penyerahan.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)

    # 1. Disnaker's operator reports the death
    login(page, live_server.url, "op_kab")
    page.goto(f"{live_server.url}/klaim/baru/")
    page.fill("#id_nik", officer.person.nik)
    page.select_option("#id_program", "JKM")
    page.select_option("#id_event", "death")
    page.fill("#id_incident_date", "2024-11-28")
    page.fill("#id_reported_on", "2024-11-29")
    page.fill("#id_place", "TPS 003, Desa Kartamulia")
    page.fill("#id_circumstances", "Bertugas sebagai KPPS di TPS 003; pingsan saat penghitungan.")
    page.fill("#id_reporter_name", "Ahmad")
    page.click("form button[type=submit].primary")
    page.wait_for_selector("#kepesertaan")
    coverage = page.locator("#kepesertaan").inner_text()
    assert "Terlindungi JKM pada 28 November 2024" in coverage and agreement.number in coverage
    assert page.locator("#decision-total").inner_text() == "Rp42.000.000"
    # nobody has checked the iuran yet: the page warns, verification will wait for it
    assert "Pembayaran iuran belum diperiksa" in page.locator("#payment-situation").inner_text()

    # heirs: the husband; the page answers with the rules' verdict and reference
    page.select_option("#heir_relation", "widower")
    page.fill("#heir_name", "Ahmad")
    page.fill("#heir_birth_date", "1978-01-05")
    page.select_option("#heir_marital_status", "married")
    page.click("#heir-form button[type=submit]")
    page.wait_for_selector("#heirs >> text=Ahmad")
    assert "Ya" in page.locator("#heirs tbody tr").first.inner_text()

    for kind in DOCUMENTS:
        page.select_option("#doc_kind", kind)
        page.set_input_files("#doc_file", str(scan))
        page.click("#document-form button[type=submit]")
        page.wait_for_selector("#dokumen")
    assert "belum ada" not in page.locator("#checklist").inner_text()
    # the operator cannot verify their own report
    assert page.locator("text=Verifikasi (dokumen lengkap)").count() == 0
    claim_url = page.url.split("#")[0]
    logout(page)

    # 2. A BPJS officer verifies; another approves and records the payment
    login(page, live_server.url, "bpjs_a")
    page.goto(claim_url)
    # a slip of the finger: October instead of November. The page warns; nothing is refused
    page.fill("#pt_paid_through", "2024-10")
    page.click("#paid-through-form button[type=submit]")
    page.wait_for_selector("#will-refuse")
    assert "Klaim akan ditolak saat verifikasi" in page.locator("#will-refuse").inner_text()
    assert "Dicatat" in page.locator("#status").inner_text()
    assert page.locator("#verify-refuse").count() == 1
    page.fill("#pt_paid_through", "2024-11")  # as BPJS's system shows the PKS invoice paid
    page.fill("#pt_reason", "dicek di sistem BPJS")
    page.click("#paid-through-form button[type=submit]")
    page.wait_for_selector("#payment-situation >> text=Iuran bulan kejadian sudah dibayar")
    assert "dibayar sampai November 2024" in page.locator("#payment-situation").inner_text()
    assert page.locator("#will-refuse").count() == 0
    page.click("text=Verifikasi (dokumen lengkap)")
    page.wait_for_selector("#status >> text=Diverifikasi")
    # the verifier does not approve too: the page says why
    assert "bukan yang memverifikasi" in page.locator("#tindakan").inner_text()
    assert page.locator("#tindakan button:text('Setujui')").count() == 0
    logout(page)
    login(page, live_server.url, "bpjs_b")
    page.goto(claim_url)
    page.click("#tindakan button:text('Setujui')")
    page.wait_for_selector("#status >> text=Disetujui")
    page.fill("#pay_paid_on", "2024-12-10")
    assert page.input_value("#pay_amount") == "42000000"  # what is paid at the claim
    page.fill("#pay_reference", "TRX-2024-12-10-001")
    page.fill("#pay_recipient", "Ahmad")
    page.click("#payment-form button[type=submit]")
    page.wait_for_selector("#status >> text=Dibayar")
    assert "11 hari" in page.locator("#status").inner_text()
    with page.expect_download() as letter:
        page.click("text=Surat keputusan (PDF)")
    assert letter.value.path().read_bytes().startswith(b"%PDF-")
    logout(page)

    # 3. The operator records the public hand-over and prints the berita acara
    login(page, live_server.url, "op_kab")
    page.goto(f"{live_server.url}/klaim/penyerahan/baru/")
    page.fill("#id_region_code", "62.08")
    page.fill("#id_held_on", "2024-12-16")
    page.fill("#id_place", "Aula Kantor Bupati Sukamara")
    page.fill("#id_officials", "Bupati Sukamara\nKepala BPJS Ketenagakerjaan Pangkalan Bun")
    page.check("input[name=claims]")
    page.click("form button[type=submit].primary")
    page.wait_for_selector("#handover-claims")
    assert "Rp42.000.000" in page.locator("#handover-claims").inner_text()
    page.set_input_files("#id_file", str(photo))
    page.click("#foto button[type=submit]")
    page.wait_for_selector("#foto >> text=penyerahan.png")
    with page.expect_download() as report:
        page.click("text=Berita acara (PDF)")
    assert report.value.path().read_bytes().startswith(b"%PDF-")

    from cakupan.claims.models import Claim

    claim = Claim.objects.get()
    assert claim.entered_by.username == "op_kab" and claim.verified_by.username == "bpjs_a"
    assert claim.approved_by.username == "bpjs_b"
    assert claim.handovers.get().held_on == dt.date(2024, 12, 16)

    # 4. The same death reported again (another desa's report reaching the operator) is
    # refused at entry, naming the claim already paid
    page.goto(f"{live_server.url}/klaim/baru/")
    page.fill("#id_nik", officer.person.nik)
    page.select_option("#id_program", "JKM")
    page.select_option("#id_event", "death")
    page.fill("#id_incident_date", "2024-11-28")
    page.fill("#id_reported_on", "2024-12-17")
    page.fill("#id_place", "Desa Kartamulia")
    page.fill("#id_circumstances", "Laporan dari desa.")
    page.fill("#id_reporter_name", "Kepala desa")
    page.click("form button[type=submit].primary")
    page.wait_for_selector(f"text={claim.number}")
    assert "sudah diklaim" in page.content() and Claim.objects.count() == 1
