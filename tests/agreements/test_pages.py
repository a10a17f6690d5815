"""Agreement pages: register with budget, detail (masked NIKs), form, invoice PDF/XLSX,
certificates and the public verification page."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from cakupan.agreements import documents, money
from cakupan.agreements.models import Agreement, Certificate
from cakupan.agreements.selectors import agreement_invoice, initials
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_list_and_detail_show_the_budget_and_masked_niks(operator, agreement, officers):
    client = client_for(operator)
    page = client.get(reverse("agreements:list")).content.decode()
    assert agreement.number in page and "Rp100.800" in page and "Rp100.000" in page
    detail = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Rp100.800" in detail and "Rp33.600" in detail
    assert "BPJS Ketenagakerjaan Kantor Cabang Pangkalan Bun" in detail
    for spell in officers:
        nik = spell.person.nik
        assert nik not in detail
        assert nik[:6] + "••••••" + nik[-4:] in detail


def test_nav_links_to_the_register(operator):
    page = client_for(operator).get(reverse("web:home")).content.decode()
    assert f'href="{reverse("agreements:list")}"' in page


def test_create_through_the_form(operator):
    client = client_for(operator)
    assert client.get(reverse("agreements:create")).status_code == 200
    data = {
        "number": "PKS/01/2024",
        "title": "Petugas Pilkada Jelai",
        "region_code": "62.08.02",
        "valid_from": "2024-06-01",
        "valid_to": "2024-12-31",
        "roles": ["KPPS", "PTPS"],
        "payer": "apbd",
        "budget_source": "apbd",
        "budget_ceiling": "5000000",
        "charging": "pro_rata_days",
        "programs": ["JKK", "JKM"],
        "min_age_KPPS": "17",
        "party-TOTAL_FORMS": "4",
        "party-INITIAL_FORMS": "0",
        "party-MIN_NUM_FORMS": "4",
        "party-MAX_NUM_FORMS": "4",
        "party-0-name": "KPU Kabupaten Sukamara",
        "party-0-role": "election_body",
    }
    response = client.post(reverse("agreements:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Agreement.objects.get(number="PKS/01/2024")
    assert created.min_age == {"KPPS": 17} and created.charging == "pro_rata_days"
    assert created.parties.get().name == "KPU Kabupaten Sukamara"
    edit = client.get(reverse("agreements:edit", args=[created.pk]))
    assert edit.status_code == 200 and "KPU Kabupaten Sukamara" in edit.content.decode()


def test_invoice_pdf_html_and_xlsx(operator, agreement, officers):
    client = client_for(operator)
    url = reverse("agreements:invoice", args=[agreement.pk])
    preview = client.get(url, {"month": "2024-11"}).content.decode()
    assert "Rp50.400" in preview and "PP 44/2015" in preview
    response = client.get(url, {"format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    inv = agreement_invoice(user=operator, agreement_id=agreement.pk)
    html = documents.invoice_html(inv, lang="id", issued=dt.date(2024, 12, 10))
    for text in ("Rp100.800", "PP 44/2015", "Kantor Cabang Pangkalan Bun", "1 Juni 2024"):
        assert text in html
    text = pdf_text(response.content)
    if text is not None:
        assert "Rp100.800" in text and "PP 44/2015" in text
    xlsx = client.get(url, {"format": "xlsx", "start": "2024-11-01", "end": "2024-11-30"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).get_sheet_by_index(0)
    rows = rows.to_python()
    kpps = next(r for r in rows if str(r[0]).startswith("KPPS"))
    assert kpps[1:] == [3, 3, 72, 50_400]
    assert any(str(r[0]).startswith("PP 44/2015") for r in rows)


def test_certificate_and_public_verification(operator, agreement, officers):
    spell = officers[0]
    client = client_for(operator)
    url = reverse("agreements:certificate", args=[agreement.pk, spell.pk])
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    cert = Certificate.objects.get(spell=spell)
    assert re.fullmatch(r"[A-Z2-7]{16}", cert.code)
    assert client.get(url).status_code == 200 and Certificate.objects.count() == 1  # reissued

    public = Client()  # no login
    page = public.get(reverse("certificate_verify", args=[cert.code]))
    body = page.content.decode()
    assert page.status_code == 200
    assert spell.person.nik not in body and spell.person.name not in body
    assert spell.person.nik[:6] + "••••••" + spell.person.nik[-4:] in body
    assert initials(spell.person.name) == "S. A." and "S. A." in body
    assert agreement.number in body
    assert "7 November 2024" in body and "8 Desember 2024" in body and "JKK + JKM" in body
    assert public.get(reverse("certificate_verify", args=[cert.code.lower()])).status_code == 200

    missing = public.get(reverse("certificate_verify", args=["AAAAAAAAAAAAAAAA"]))
    assert missing.status_code == 404 and "tidak ditemukan" in missing.content.decode()
    assert public.get("/verifikasi/x/").status_code == 404


def test_certificate_html_links_to_verification(operator, agreement, officers):
    from cakupan.agreements.services import certificate_issue
    from cakupan.documents.pdf import render_html

    cert = certificate_issue(actor=operator, agreement_id=agreement.pk, spell_id=officers[0].pk)
    url = f"https://cakupan.example/verifikasi/{cert.code}/"
    ctx = documents.certificate_context(cert, verify_url=url, lang="id", issued=dt.date.today())
    html = render_html("agreements/pdf/certificate.html", ctx)
    assert url in html and 'src="data:image/svg+xml' in html
    assert officers[0].person.nik not in html


def test_region_scope(admin_jelai, operator, agreement, officers):
    """A Jelai administrator sees nothing of a Kecamatan Sukamara agreement."""
    client = client_for(admin_jelai)
    assert agreement.number not in client.get(reverse("agreements:list")).content.decode()
    for name, args in [
        ("agreements:detail", [agreement.pk]),
        ("agreements:invoice", [agreement.pk]),
        ("agreements:edit", [agreement.pk]),
        ("agreements:certificate", [agreement.pk, officers[0].pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    export = client.post(reverse("agreements:export", args=[agreement.pk, "bpjs"]))
    assert export.status_code == 404
    assert client.get(f"/api/v1/agreements/{agreement.pk}").status_code == 404
    assert client.get("/api/v1/agreements").json() == []


def test_budget_helpers():
    b = money.Budget(ceiling=0, used=10)
    assert b.percent == 0 and not b.over
    assert initials("Siti Aminah binti Umar") == "S. A. B. U."


def test_invoice_of_an_agreement_without_ceiling_says_pagu_belum_diisi(operator):
    from tests.agreements.conftest import enrol, make_agreement

    open_ended = make_agreement(operator, budget_ceiling=0)
    enrol(operator, open_ended, n=2)
    inv = agreement_invoice(user=operator, agreement_id=open_ended.pk)
    html = documents.invoice_html(inv, lang="id", issued=dt.date(2024, 12, 10))
    line = re.search(r'id="budget-line">([^<]*)<', html).group(1)
    assert "pagu belum diisi" in line and "Rp0" not in line and "dari pagu" not in line


def _verify_url(operator, agreement, spell) -> str:
    from cakupan.agreements.services import certificate_issue

    cert = certificate_issue(actor=operator, agreement_id=agreement.pk, spell_id=spell.pk)
    return reverse("certificate_verify", args=[cert.code])


def test_verification_of_an_ended_certificate_is_valid_not_alarming(operator, agreement, officers):
    body = Client().get(_verify_url(operator, agreement, officers[0])).content.decode()
    assert "Sah, masa perlindungan sudah berakhir" in body
    assert "<h1>Sertifikat sah</h1>" not in body
    assert 'class="card valid-inactive"' in body and 'class="card no"' not in body
    assert "banner-synthetic" not in body  # a real agreement carries no demo banner


def test_verification_of_a_current_certificate_says_sah(operator, agreement, officers, monkeypatch):
    from cakupan.agreements import views

    day = dt.date(2024, 11, 20)  # inside the duty period 7 November – 8 December 2024
    monkeypatch.setattr(views, "_today", lambda: day)
    body = Client().get(_verify_url(operator, agreement, officers[0])).content.decode()
    assert "<h1>Sertifikat sah</h1>" in body and 'class="card yes"' in body


def test_verification_of_synthetic_data_carries_the_banner(operator, agreement, officers):
    Agreement.objects.filter(pk=agreement.pk).update(synthetic=True)
    agreement.refresh_from_db()
    body = Client().get(_verify_url(operator, agreement, officers[0])).content.decode()
    assert "banner-synthetic" in body and "Data contoh (sintetis)" in body
