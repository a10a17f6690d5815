"""The pages that keep the coverage basis: /cakupan/penyebut/ and /cakupan/target/.

Staff upload a denominator table (bad rows reported by row number, good rows kept), set one
region by hand (or estimate it from population × share), set targets with their source; a
read-only user gets 403, a kecamatan user is refused outside the kecamatan, and a change shows
on the dashboard without recomputing the facts.
"""

from decimal import Decimal
from io import BytesIO

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cakupan.audit.models import AuditEvent
from cakupan.coverage.models import Denominator, DenominatorBasis, FactMonth, Target
from tests.conftest import KEC_JELAI, KEC_SUKAMARA, SUKAMARA, client_for

pytestmark = pytest.mark.django_db

LIST = "/cakupan/penyebut/"
UPLOAD = "/cakupan/penyebut/unggah/"
SET = "/cakupan/penyebut/isi/"
TEMPLATE = "/cakupan/penyebut/templat.csv"
TARGETS = "/cakupan/target/"
SAKERNAS = "BPS Kab. Sukamara, Sakernas Agustus 2024"


def csv_file(text: str, name: str = "penyebut.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(client, file, code_system="kemendagri", source=SAKERNAS, **extra):
    data = {"file": file, "code_system": code_system, "source": source} | extra
    return client.post(UPLOAD, data)


def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_upload_reports_the_bad_row_by_number_and_keeps_the_good_rows(manager):
    client = client_for(manager)
    page = upload(
        client,
        csv_file(
            "kode;tahun;penduduk_bekerja\n"
            "62.08.01;2024;15.000\n"
            "62.08.99;2024;900\n"  # no such kecamatan
            "62.08.02;2024;2.900\n"
            "62.08.03;2024;lima ribu\n"  # not a number
            "62.08.01;2024;16.000\n"  # the same kecamatan and year again
        ),
    )
    assert page.status_code == 200
    html = page.content.decode()
    refused = html[html.index('id="refused-rows"') :]
    assert "Baris 3 (62.08.99)" in refused and "tidak dikenal" in refused
    assert "Baris 5" in refused and "bukan bilangan bulat" in refused
    assert "Baris 6 (62.08.01)" in refused and "sudah ada di baris 2" in refused
    assert "Baris disimpan: 2 dari 5." in html
    stored = {d.region_code: d.working_population for d in Denominator.objects.all()}
    assert stored == {KEC_SUKAMARA: 15000, KEC_JELAI: 2900}
    event = AuditEvent.objects.get(action="coverage.denominator_import")
    assert event.after["rows"] == 2 and event.object_id == "penyebut.csv"
    # the list shows them with their source and basis
    listing = client.get(LIST + "?tahun=2024").content.decode()
    assert "15.000" in listing and SAKERNAS in listing and "Data penduduk bekerja" in listing


def test_a_bps_coded_xlsx_lands_on_the_kemendagri_region(manager):
    """BPS 6206 is Sukamara (Kemendagri 62.08); read as Kemendagri it would be 62.06 Katingan."""
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    for r, row in enumerate(
        [
            ["PENDUDUK BEKERJA KABUPATEN SUKAMARA"],
            ["Kode BPS", "Tahun", "Penduduk Bekerja"],
            ["6206", 2024, 33912],
            ["6206020", 2024, 15000],
        ]
    ):
        sheet.write_row(r, 0, row)
    book.close()
    client = client_for(manager)
    xlsx = SimpleUploadedFile("sakernas.xlsx", buffer.getvalue())
    page = upload(client, xlsx, code_system="bps")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sistem kode: BPS" in html and "6206 → 62.08" in html and "Sukamara" in html
    row = Denominator.objects.get(region_code=SUKAMARA, year=2024)
    assert row.working_population == 33912 and row.source_code == "6206"
    assert Denominator.objects.get(region_code=KEC_SUKAMARA).source_code == "6206020"
    assert not Denominator.objects.filter(region_code="62.06").exists()
    assert "kode BPS di sumber: 6206" in client.get(LIST).content.decode()


def test_wrong_code_system_is_refused_with_a_hint_and_changes_nothing(manager):
    client = client_for(manager)
    page = upload(client, csv_file("kode,tahun,penduduk_bekerja\n6206,2024,33912\n"))
    assert page.status_code == 400
    html = page.content.decode()
    assert "Baris 2 (6206): 62.06 Kabupaten Katingan di luar wilayah" in html
    assert 'id="code-system-hint"' in html and "kode BPS" in html
    assert not Denominator.objects.exists()


def test_a_failed_upload_changes_nothing(manager):
    from cakupan.coverage.basis.services import denominator_set

    denominator_set(
        actor=manager, region_code=SUKAMARA, year=2024, working_population=30000, source="A"
    )
    client = client_for(manager)
    page = upload(client, csv_file("wilayah,jumlah\n62.08,1\n"))  # no code column
    assert page.status_code == 400
    assert (
        "kolom kode" in page.content.decode() and "Tidak ada yang diubah" in page.content.decode()
    )
    page = upload(client, csv_file("kode,tahun,penduduk_bekerja\n62.08,2024,31000\n"), source=" ")
    assert page.status_code == 400 and page.context["upload_form"].errors["source"]
    page = upload(client, csv_file("x", name="penyebut.pdf"))
    assert page.status_code == 400 and "CSV, XLSX atau ODS" in page.content.decode()
    assert Denominator.objects.get().working_population == 30000
    assert not AuditEvent.objects.filter(action="coverage.denominator_import").exists()


def test_set_by_hand_and_the_estimate_path(manager):
    client = client_for(manager)
    response = client.post(
        SET,
        {"region_code": SUKAMARA, "year": 2025, "working_population": "33.912", "source": SAKERNAS},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Penyebut 62.08 Kabupaten Sukamara tahun 2025 disimpan: 33.912" in page
    assert Denominator.objects.get(region_code=SUKAMARA, year=2025).working_population == 33912

    response = client.post(
        SET,
        {
            "region_code": KEC_JELAI,
            "year": 2025,
            "population": "6.000",
            "employment_share": "0,49",
            "source": "Dukcapil 2024",
        },
    )
    assert response.status_code == 302
    row = Denominator.objects.get(region_code=KEC_JELAI, year=2025)
    assert row.basis == DenominatorBasis.ESTIMATE and row.working_population == 2940
    listing = client.get(LIST + "?tahun=2025&tingkat=district").content.decode()
    assert "Perkiraan dari jumlah penduduk" in listing and "2.940" in listing
    assert "Sukamara" not in listing.split('id="denominators"')[1].split("</table>")[0]

    # a population without a share is refused with the service's message, nothing stored
    page = client.post(
        SET, {"region_code": KEC_SUKAMARA, "year": 2025, "population": "9000", "source": "X"}
    )
    assert page.status_code == 400 and "bagian penduduk yang bekerja" in page.content.decode()
    assert not Denominator.objects.filter(region_code=KEC_SUKAMARA).exists()


def test_target_set_with_its_source(manager):
    client = client_for(manager)
    response = client.post(
        TARGETS,
        {"region_code": SUKAMARA, "year": 2026, "rate": "62,5", "source": "RPJMD 2025–2029"},
    )
    assert response.status_code == 302
    target = Target.objects.get(region_code=SUKAMARA, year=2026)
    assert target.rate == Decimal("62.50") and target.source == "RPJMD 2025–2029"
    page = client.get(response["Location"]).content.decode()
    assert "RPJMD 2025–2029" in page and "62,50%" in page
    page = client.post(
        TARGETS, {"region_code": SUKAMARA, "year": 2026, "rate": "120", "source": "X"}
    )
    assert page.status_code == 400 and "antara 0 dan 100 persen" in page.content.decode()
    assert Target.objects.get().rate == Decimal("62.50")


def test_read_only_user_gets_403(viewer_jelai):
    client = client_for(viewer_jelai)
    assert client.get(LIST).status_code == 403
    assert client.get(TARGETS).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    data = {"region_code": KEC_JELAI, "year": 2025, "working_population": "1", "source": "x"}
    assert client.post(SET, data).status_code == 403
    assert client.post(TARGETS, data | {"rate": "50"}).status_code == 403
    assert (
        upload(client, csv_file("kode,tahun,penduduk_bekerja\n62.08.02,2024,1\n")).status_code
        == 403
    )
    assert not Denominator.objects.exists() and not Target.objects.exists()


def test_a_kecamatan_user_is_refused_outside_the_kecamatan(manager, jelai_manager):
    from cakupan.coverage.basis.services import denominator_set

    denominator_set(
        actor=manager, region_code=SUKAMARA, year=2024, working_population=30000, source="A"
    )
    client = client_for(jelai_manager)
    listing = client.get(LIST).content.decode()
    assert "30.000" not in listing  # the regency's figure is outside the kecamatan
    page = client.post(
        SET, {"region_code": KEC_SUKAMARA, "year": 2024, "working_population": "1", "source": "x"}
    )
    assert page.status_code == 403 and "tidak berwenang" in page.content.decode()
    page = client.post(
        TARGETS, {"region_code": SUKAMARA, "year": 2024, "rate": "60", "source": "RPJMD"}
    )
    assert page.status_code == 403
    page = upload(
        client, csv_file("kode,tahun,penduduk_bekerja\n62.08.01,2024,1\n62.08.02,2024,2900\n")
    )
    refused = page.content.decode().split('id="refused-rows"')[1]
    assert page.status_code == 200 and "Baris 2 (62.08.01): 62.08.01 Kecamatan Sukamara" in refused
    assert set(Denominator.objects.values_list("region_code", "working_population")) == {
        (SUKAMARA, 30000),
        (KEC_JELAI, 2900),
    }
    # inside the kecamatan both work
    assert (
        client.post(
            SET,
            {"region_code": KEC_JELAI, "year": 2025, "working_population": "3000", "source": "x"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            TARGETS, {"region_code": KEC_JELAI, "year": 2025, "rate": "55", "source": "Renstra"}
        ).status_code
        == 302
    )


def test_posts_need_the_csrf_token(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    data = {"region_code": SUKAMARA, "year": 2025, "working_population": "1", "source": "x"}
    assert client.post(SET, data).status_code == 403
    assert not Denominator.objects.exists()
    assert 'name="csrfmiddlewaretoken"' in client.get(LIST).content.decode()


def test_the_template_lists_the_users_regions_and_reads_back(manager):
    client = client_for(manager)
    response = client.get(TEMPLATE)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "kode;nama_wilayah;tahun;penduduk_bekerja;penduduk"
    assert any(line.startswith(f"{KEC_JELAI};Kecamatan Jelai;") for line in lines)
    filled = [lines[0]] + [
        line.replace(";;;", ";2026;2900;") for line in lines if line.startswith(KEC_JELAI + ";")
    ]
    page = upload(client, csv_file("\n".join(filled) + "\n", name="templat-penyebut.csv"))
    assert page.status_code == 200
    assert Denominator.objects.get(region_code=KEC_JELAI, year=2026).working_population == 2900


def test_english_page_and_messages(manager):
    client = english(client_for(manager))
    page = client.get(LIST).content.decode()
    assert '<html lang="en">' in page
    assert "Denominators: working population by region and year" in page
    assert "Upload a denominator table" in page and "no recomputation" in page
    page = upload(client, csv_file("kode,tahun,penduduk_bekerja\n62.08.99,2024,5\n"))
    html = page.content.decode()
    assert "Row 2 (62.08.99)" in html and "Unknown region code" in html
    assert "Baris 2" not in html
    targets = client.get(TARGETS).content.decode()
    assert "Coverage targets by region and year" in targets


def test_a_change_shows_on_the_dashboard_without_recomputing(synthetic, manager):
    from cakupan.coverage.demo import coverage_demo_fill

    coverage_demo_fill(regency_code=SUKAMARA)
    refreshed = list(FactMonth.objects.order_by("month").values_list("month", "refreshed_at"))
    client = client_for(manager)
    assert "fakta cakupan tidak perlu dihitung ulang" in client.get(LIST).content.decode()
    client.post(
        SET,
        {"region_code": SUKAMARA, "year": 2026, "working_population": "98.765", "source": "BPS"},
    )
    client.post(TARGETS, {"region_code": SUKAMARA, "year": 2026, "rate": "71", "source": "RKPD"})
    board = client.get("/cakupan/?wilayah=62.08&bulan=2026-06").content.decode()
    assert "98.765" in board and "71,0%" in board and "RKPD" in board
    assert (
        list(FactMonth.objects.order_by("month").values_list("month", "refreshed_at")) == refreshed
    )


def test_the_whole_template_with_one_row_filled_stores_it_and_skips_the_rest(manager):
    client = client_for(manager)
    lines = client.get(TEMPLATE).content.decode("utf-8-sig").splitlines()
    filled = [
        line.replace(";;;", ";2026;2900;") if line.startswith(KEC_JELAI + ";") else line
        for line in lines
    ]
    page = upload(client, csv_file("\n".join(filled) + "\n", name="templat-penyebut.csv"))
    assert page.status_code == 200
    html = page.content.decode()
    blank = len(lines) - 2  # every region row but Jelai's
    assert f"Baris disimpan: 1 dari {len(lines) - 1}." in html
    assert f"Baris dilewati (tidak ada angka, tidak disimpan dan bukan kesalahan): {blank}" in html
    assert 'id="refused-rows"' not in html and "ditolak" not in html.split('id="list"')[0]
    assert Denominator.objects.get().region_code == KEC_JELAI
    assert "baris tanpa angka dilewati" in client.get(LIST).content.decode()


def test_upload_echoes_cells_as_typed_and_tells_a_negative_figure(manager):
    page = upload(
        client_for(manager),
        csv_file("kode;tahun;penduduk_bekerja\n62.08.01;2024;-5\n62.08.02;2024;dua ribu\n"),
    )
    refused = page.content.decode()
    refused = refused[refused.index('id="refused-rows"') :]
    assert "penduduk_bekerja &#x27;-5&#x27; tidak boleh negatif" in refused
    assert "bukan bilangan bulat" in refused and "&#x27;dua ribu&#x27;" in refused
    assert "-5&#x27; bukan bilangan bulat" not in refused and "duaribu" not in refused


def test_working_population_above_population_is_a_clear_form_error(manager):
    client = client_for(manager)
    page = client.post(
        SET,
        {
            "region_code": KEC_JELAI,
            "year": 2026,
            "working_population": "7.000",
            "population": "6.000",
            "source": "X",
        },
    )
    assert page.status_code == 400
    assert (
        "Penduduk bekerja (7.000) lebih besar daripada jumlah penduduk (6.000)."
        in page.content.decode()
    )
    assert not Denominator.objects.exists()


def test_parts_above_the_whole_are_warned_about_on_the_page_and_in_the_upload(manager):
    from cakupan.coverage.basis.services import denominator_set

    denominator_set(
        actor=manager, region_code=SUKAMARA, year=2026, working_population=33914, source="BPS"
    )
    client = client_for(manager)
    expected = (
        "Jumlah penduduk bekerja kecamatan di 62.08 (35.947) melebihi angka kabupaten (33.914) "
        "untuk 2026"
    )
    page = upload(
        client,
        csv_file("kode;tahun;penduduk_bekerja\n62.08.01;2026;20.000\n62.08.02;2026;15.947\n"),
    )
    html = page.content.decode()
    assert page.status_code == 200 and Denominator.objects.count() == 3  # stored, not refused
    warned = html[html.index('id="upload-sum-warnings"') : html.index('id="list"')]
    assert expected in warned
    listing = client.get(LIST + "?tahun=2026").content.decode()
    assert expected in listing[listing.index('id="sum-warnings"') :]
    # lowering a kecamatan figure clears it
    denominator_set(
        actor=manager, region_code=KEC_JELAI, year=2026, working_population=2900, source="BPS"
    )
    assert 'id="sum-warnings"' not in client.get(LIST + "?tahun=2026").content.decode()
    board = client.get("/cakupan/?wilayah=62.08").content.decode()
    assert "melebihi angka kabupaten" not in board
