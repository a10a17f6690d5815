"""Claim pages: report, the list (overdue stands out, masked NIK), the detail page's coverage
box, heirs, decision and checklist, the maker-checker buttons, the letter and berita acara."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from cakupan.claims import documents, services
from cakupan.claims.models import Claim, Status
from tests.claims.conftest import pdf_bytes, png_bytes, second_officer
from tests.claims.test_services import add_family, attach_all, report
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_report_through_the_form_then_see_coverage_and_decision(operator, officer, agreement):
    client = client_for(operator)
    assert client.get(reverse("claims:create")).status_code == 200
    response = client.post(
        reverse("claims:create"),
        {
            "nik": officer.person.nik, "program": "JKM", "event": "death",
            "incident_date": "2024-11-28", "reported_on": "2024-11-29",
            "place": "TPS 003, Desa Kartamulia",
            "circumstances": "Bertugas sebagai KPPS di TPS 003",
            "reporter_name": "Ahmad",
        },
    )  # fmt: skip
    claim = Claim.objects.get()
    assert response.status_code == 302 and response.url == reverse("claims:detail", args=[claim.pk])
    page = client.get(response.url).content.decode()
    assert "Terlindungi JKM pada 28 November 2024" in page
    assert agreement.number in page and "Rp42.000.000" in page
    assert "Surat tugas" in page  # the checklist names the ad-hoc officer's duty letter
    assert officer.person.nik not in page


def test_a_date_outside_coverage_shows_the_refusal(operator, officer):
    claim = report(operator, officer.person.nik, day=dt.date(2025, 1, 15))
    page = client_for(operator).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Tidak terlindungi JKM pada 15 Januari 2025" in page
    assert "Ditolak: tidak terlindungi" in page


def test_list_masks_niks_and_marks_overdue_claims(operator, officer, settings):
    settings.CAKUPAN_CLAIM_DUE_DAYS = 3
    report(operator, officer.person.nik)
    page = client_for(operator).get(reverse("claims:list")).content.decode()
    nik = officer.person.nik
    assert nik not in page and nik[:6] + "••••••" + nik[-4:] in page
    assert 'class="overdue"' in page and "terlambat" in page


def test_heirs_niks_are_masked_on_the_page_and_in_the_api(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    husband, _child, _mother = add_family(operator, claim)
    masked = husband.nik[:6] + "••••••" + husband.nik[-4:]
    page = client_for(bpjs).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert husband.nik not in page and masked in page
    body = client_for(bpjs).get(f"/api/v1/claims/{claim.pk}").json()
    assert husband.nik not in str(body)
    assert masked in [h["nik"] for h in body["heirs"]]


def test_page_walk_verify_approve_pay_by_two_people(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    add_family(operator, claim)
    client_op, client_bpjs = client_for(operator), client_for(bpjs)
    detail = reverse("claims:detail", args=[claim.pk])
    for kind in ("death_certificate", "family_card", "heirs_statement", "heir_id_card",
                 "coverage_proof", "duty_letter"):  # fmt: skip
        client_op.post(
            reverse("claims:document_upload", args=[claim.pk]), {"kind": kind, "file": pdf_bytes()}
        )
    assert (
        "belum ada" not in client_op.get(detail).content.decode().split('id="checklist"')[1][:2000]
    )
    # the operator cannot verify: no button, and a forged POST is refused
    assert "Verifikasi (dokumen lengkap)" not in client_op.get(detail).content.decode()
    assert (
        client_op.post(reverse("claims:transition", args=[claim.pk, "verify"])).status_code == 403
    )
    client_bpjs.post(reverse("claims:transition", args=[claim.pk, "verify"]))
    client_for(second_officer()).post(reverse("claims:transition", args=[claim.pk, "approve"]))
    client_bpjs.post(
        reverse("claims:transition", args=[claim.pk, "pay"]),
        {"paid_on": "2024-12-10", "amount": "42000000", "reference": "TRX-9", "recipient": "Ahmad"},
    )
    claim.refresh_from_db()
    assert claim.status == Status.PAID
    page = client_op.get(reverse("claims:list")).content.decode()
    assert "dibayar dalam 11 hari" in page


def test_the_entering_officer_sees_why_they_cannot_approve(bpjs, officer):
    claim = report(bpjs, officer.person.nik)
    add_family(bpjs, claim)
    attach_all(bpjs, claim)
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    client = client_for(bpjs)
    page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "persetujuan harus oleh petugas lain" in page and ">Setujui<" not in page
    client.post(reverse("claims:transition", args=[claim.pk, "approve"]))
    assert Claim.objects.get(pk=claim.pk).status == Status.VERIFIED


def test_other_kecamatan_gets_not_found(operator, bpjs_jelai, officer):
    claim = report(operator, officer.person.nik)
    client = client_for(bpjs_jelai)
    assert client.get(reverse("claims:detail", args=[claim.pk])).status_code == 404
    assert officer.person.name not in client.get(reverse("claims:list")).content.decode()


def paid_claim(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    add_family(operator, claim)
    attach_all(operator, claim)
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    services.claim_approve(actor=second_officer(), claim_id=claim.pk)
    services.claim_pay(
        actor=bpjs, claim_id=claim.pk, paid_on=dt.date(2024, 12, 10), amount=42_000_000,
        reference="TRX-1", recipient="Ahmad",
    )  # fmt: skip
    return Claim.objects.get(pk=claim.pk)


def test_decision_letter_lists_each_amount_with_its_legal_basis(operator, bpjs, officer):
    claim = paid_claim(operator, bpjs, officer)
    html = documents.letter_html(claim, issued=dt.date(2024, 12, 11))
    assert "Santunan sekaligus" in html and "Rp20.000.000" in html and "PP 82/2019" in html
    assert "Biaya pemakaman" in html and "Rp42.000.000" in html
    assert "Ahmad" in html and officer.person.nik not in html
    response = client_for(operator).get(reverse("claims:letter", args=[claim.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    if text is not None:
        assert "Rp42.000.000" in text and "82/2019" in text


def test_letter_waits_for_approval(operator, officer):
    claim = report(operator, officer.person.nik)
    response = client_for(operator).get(reverse("claims:letter", args=[claim.pk]))
    assert response.status_code == 400


def test_hand_over_with_photo_and_berita_acara(operator, bpjs, officer):
    claim = paid_claim(operator, bpjs, officer)
    client = client_for(operator)
    response = client.post(
        reverse("claims:handover_create"),
        {
            "region_code": "62.08", "held_on": "2024-12-16",
            "place": "Aula Kantor Bupati Sukamara",
            "officials": "Bupati Sukamara\nKepala BPJS Ketenagakerjaan Pangkalan Bun",
            "claims": [str(claim.pk)],
        },
    )  # fmt: skip
    assert response.status_code == 302
    handover = claim.handovers.get()
    client.post(reverse("claims:handover_photo", args=[handover.pk]), {"file": png_bytes()})
    bad = client.post(reverse("claims:handover_photo", args=[handover.pk]), {"file": pdf_bytes()})
    assert bad.status_code == 302 and handover.photos.count() == 1
    page = client.get(reverse("claims:handover_detail", args=[handover.pk])).content.decode()
    assert claim.number in page and "Rp42.000.000" in page and "foto.png" in page
    pdf = client.get(reverse("claims:handover_report", args=[handover.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    text = pdf_text(pdf.content)
    if text is not None:
        assert "Berita acara" in text and "Bupati Sukamara" in text and claim.number in text
    # the photo is only reachable through the audited view
    photo = handover.photos.get()
    assert (
        client.get(
            reverse("claims:handover_photo_download", args=[handover.pk, photo.pk])
        ).status_code
        == 200
    )


def approved_claim(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    add_family(operator, claim)
    attach_all(operator, claim)
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    services.claim_approve(actor=second_officer(), claim_id=claim.pk)
    return Claim.objects.get(pk=claim.pk)


def test_an_approved_claim_page_follows_the_english_ui(operator, bpjs, officer):
    """Labels, details and notes were stored in both languages when the decision was made."""
    claim = approved_claim(operator, bpjs, officer)
    client = client_for(operator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Lump-sum benefit" in html and "Funeral allowance" in html
    assert "Periodic benefit (paid at once)" in html and "24 months x" in html
    for indonesian in ("Santunan sekaligus", "Santunan berkala", "Biaya pemakaman", "24 bulan"):
        assert indonesian not in html
    assert "No JKM scholarship" in html  # the rules' reason, in English too


def test_no_scholarship_is_promised_and_the_reason_is_on_the_page_and_letter(
    operator, bpjs, officer
):
    """One month of contributions: the child is entitled as an heir, with no scholarship."""
    claim = approved_claim(operator, bpjs, officer)
    html = client_for(operator).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    heirs = html[html.index('id="heirs"') : html.index("</table>", html.index('id="heirs"'))]
    assert "beasiswa" not in heirs
    assert "Beasiswa JKM tidak diberikan" in html
    letter = documents.letter_html(claim, issued=dt.date(2024, 12, 11))
    assert "Beasiswa JKM tidak diberikan" in letter and "Rp42.000.000" in letter


def test_claim_page_writes_dates_in_full(operator, officer):
    claim = report(operator, officer.person.nik)
    attach_all(operator, claim, kinds=["death_certificate"])
    html = client_for(operator).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    start = dt.date.fromisoformat(claim.coverage["spells"][0]["start_date"])
    assert f"{start.day} November {start.year}" in html
    assert start.isoformat() not in html
    uploaded = claim.documents.get().uploaded_at
    assert f"{uploaded:%Y-%m-%d}" not in html


def test_the_letter_of_a_synthetic_person_carries_the_banner(operator, bpjs, officer):
    officer.person.synthetic = True
    officer.person.save(update_fields=["synthetic"])
    claim = approved_claim(operator, bpjs, officer)
    assert claim.synthetic  # carried over when the claim was recorded
    claim.synthetic = False  # a claim recorded before that: the person still decides
    claim.save(update_fields=["synthetic"])
    letter = documents.letter_html(claim, issued=dt.date(2024, 12, 11))
    assert "Data contoh (sintetis)" in letter
