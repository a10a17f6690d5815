"""A roster through the agreement's pages (django.test.Client) and through `cakupan roster
import`: upload, mapping, validation, preview with premium and budget, commit, error report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from cakupan.bootstrap import django_setup
from cakupan.imports.models import ImportBatch
from cakupan.registry.models import Spell
from tests.agreements.conftest import make_agreement
from tests.conftest import client_for, make_user
from tests.imports.conftest import csv_bytes
from tests.imports.test_roster import HEADER, officer

pytestmark = pytest.mark.django_db
django_setup()


@pytest.fixture
def agreement(operator):
    return make_agreement(operator, budget_ceiling=1_000_000)


@pytest.fixture
def partner(regions):
    return make_user("kesbangpol", "partner_operator", "62.08")


def _messy_rows():
    rows = [officer(i) for i in (1, 2, 3, 4)]
    rows[1][0] = "6.20801E+15"
    rows[2][4] = "Kartamulya"
    return rows


def test_page_flow_from_the_agreement(partner, agreement):
    client = client_for(partner)
    detail = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Impor daftar petugas" in detail
    url = reverse("agreements:roster_upload", args=[agreement.pk])
    page = client.get(url)
    assert page.status_code == 200 and "KPPS, Linmas" in page.content.decode()
    header = ["No. KTP", "Nama Lengkap", "Posisi", "No TPS", "Kelurahan/Desa", "Kec", "A", "B"]
    data = csv_bytes(_messy_rows(), header, sep=";", bom=True)
    response = client.post(url, {"file": SimpleUploadedFile("petugas.csv", data)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "imports:detail", args=[batch.pk]
    )
    assert batch.kind == "roster" and batch.options["agreement_id"] == agreement.pk
    # "Kelurahan/Desa" is not a known header: the operator maps it, and the two date columns.
    html = client.get(response.url).content.decode()
    assert f"Kembali ke PKS {agreement.number}" in html and "Cocokkan kolom" in html
    assert "1 Juni 2024 – 31 Desember 2024" in html and "01-06-2024" not in html
    fields = ["nik", "name", "role", "tps", "village", "district", "duty_start", "duty_end"]
    client.post(
        reverse("imports:mapping", args=[batch.pk]),
        {f"col_{i}": f for i, f in enumerate(fields)},
    )
    batch.refresh_from_db()
    # Checked from the batch page, whose preview shows when the check ends: in review.
    assert batch.state == "in_review" and (batch.rows_valid, batch.rows_invalid) == (2, 2)
    html = client.get(reverse("imports:detail", args=[batch.pk])).content.decode()
    assert "Premi untuk petugas baru" in html and 'id="contribution-total">Rp67.200' in html
    assert 'id="budget-left">Rp932.800' in html
    assert "dirusak Excel" in html and "Kartamulia" in html
    report = client.get(reverse("imports:report", args=[batch.pk]))
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(report.content)).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[0][:2] == ["No. KTP", "Nama Lengkap"] and len(rows) == 3
    assert [r[-2] for r in rows[1:]] == ["nik.excel_mangled", "region.village_unknown"]
    client.post(reverse("imports:commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == "committed" and batch.committed_spells == 2
    detail = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Petugas 1" in detail and "Petugas 4" in detail
    listing = client.get(url).content.decode()
    assert "petugas.csv" in listing and "Tersimpan" in listing


def test_only_importers_see_the_button_and_the_page(regions, agreement):
    bpjs = make_user("bpjs", "bpjs_officer", "62.08")
    client = client_for(bpjs)
    detail = client.get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "Impor daftar petugas" not in detail
    url = reverse("agreements:roster_upload", args=[agreement.pk])
    assert client.get(url).status_code == 403
    jelai = make_user("mitra_jelai", "partner_operator", "62.08.02")
    assert client_for(jelai).get(url).status_code == 404


def test_upload_of_an_unreadable_file_is_a_message_not_a_500(partner, agreement):
    client = client_for(partner)
    url = reverse("agreements:roster_upload", args=[agreement.pk])
    response = client.post(url, {"file": SimpleUploadedFile("petugas.pdf", b"%PDF-1.4")})
    assert response.status_code == 400 and "tidak didukung" in response.content.decode()


def test_cli_preview_then_commit(partner, agreement, tmp_path):
    from cakupan.agreements.cli import app

    path = tmp_path / "petugas.csv"
    path.write_bytes(csv_bytes(_messy_rows(), HEADER))
    report = tmp_path / "galat.xlsx"
    args = ["import", str(path), "--agreement", agreement.number, "--user", partner.username]
    result = CliRunner().invoke(app, [*args, "--report", str(report)])
    assert result.exit_code == 1, result.output
    assert "Memeriksa" in result.output and "nik.excel_mangled" in result.output
    assert "Premi untuk petugas baru: Rp67.200" in result.output
    assert "Sisa pagu setelah disimpan: Rp932.800" in result.output
    assert "Belum disimpan" in result.output and report.exists()
    assert not Spell.objects.exists()
    args = ["import", str(path), "--agreement", str(agreement.pk), "--user", partner.username]
    result = CliRunner().invoke(app, [*args, "--commit", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Committed: 2 new persons, 2 new spells; 2 rows refused." in result.output
    assert Spell.objects.filter(agreement=agreement).count() == 2


def test_cli_map_option_and_unknown_agreement(partner, agreement, tmp_path):
    from cakupan.agreements.cli import app

    header = ["NIK", "Nama", "Posisi Petugas", "Desa", "Mulai", "Selesai"]
    rows = [[*officer(1)[:3], "Kartamulia", *officer(1)[6:]]]
    path = tmp_path / "petugas.csv"
    path.write_bytes(csv_bytes(rows, header))
    args = ["import", str(path), "--agreement", agreement.number, "--user", partner.username]
    result = CliRunner().invoke(app, [*args, "--map", "Posisi Petugas=role", "--commit"])
    assert result.exit_code == 0, result.output
    assert Spell.objects.get().role == "KPPS"
    missing = ["import", str(path), "--agreement", "999/NOPE", "--user", partner.username]
    result = CliRunner().invoke(app, missing)
    assert result.exit_code == 2 and "tidak ditemukan" in result.output


def test_api_upload_status_commit(partner, operator, agreement):
    """POST /api/v1/agreements/{id}/rosters, GET its status, POST …/commit (with a token)."""
    from django.test import Client

    from cakupan.accounts.services import token_issue

    _token, raw = token_issue(actor=partner, name="kesbangpol-roster")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    base = f"/api/v1/agreements/{agreement.pk}/rosters"
    header = ["NIK", "Nama", "Posisi Petugas", "Desa", "Mulai", "Selesai"]
    rows = [[*r[:3], r[4], *r[6:]] for r in _messy_rows()]
    upload = SimpleUploadedFile("petugas.csv", csv_bytes(rows, header))
    created = api.post(base, {"file": upload, "mapping": '{"Posisi Petugas": "role"}'})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "validated" and body["mapping"]["Posisi Petugas"] == "role"
    status = api.get(f"{base}/{body['id']}").json()
    assert (status["rows_valid"], status["rows_invalid"]) == (2, 2)
    assert status["premium_new"] == 67_200 and status["budget_left"] == 932_800
    assert [e["code"] for e in status["errors"]] == ["nik.excel_mangled", "region.village_unknown"]
    done = api.post(f"{base}/{body['id']}/commit")
    assert done.status_code == 202 and done.json()["state"] == "committed"
    assert done.json()["committed_spells"] == 2 and done.json()["budget_left"] == 932_800
    again = api.post(f"{base}/{body['id']}/commit")
    assert again.status_code == 409
    other = make_agreement(operator, number="400/2/2024")
    assert api.get(f"/api/v1/agreements/{other.pk}/rosters/{body['id']}").status_code == 404
    bad = api.post(base, {"file": SimpleUploadedFile("x.csv", b"NIK,Nama\n1,A\n"), "mapping": "["})
    assert bad.status_code == 400 and bad.json()["code"] == "mapping_invalid"


def test_api_budget_left_is_null_without_a_ceiling(partner, operator):
    from cakupan.accounts.services import token_issue

    open_ended = make_agreement(operator, budget_ceiling=0, number="400/9/2024")
    _token, raw = token_issue(actor=partner, name="kesbangpol-roster")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    upload = SimpleUploadedFile("petugas.csv", csv_bytes([officer(1), officer(2)], HEADER))
    created = api.post(f"/api/v1/agreements/{open_ended.pk}/rosters", {"file": upload})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["premium_new"] > 0 and body["budget_ceiling"] == 0
    assert body["budget_left"] is None
