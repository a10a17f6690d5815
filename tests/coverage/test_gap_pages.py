"""The gap pages, the XLSX export and the API: NIKs masked in lists, full NIKs only in the
export of a reader who may open them, every export audited, the synthetic label, scope."""

import datetime as dt
import io
import re

import pytest
from django.test import Client
from python_calamine import CalamineWorkbook

from cakupan.accounts.services import token_issue
from cakupan.audit.models import AuditEvent
from cakupan.coverage.gap.services import resident_list_import
from cakupan.coverage.models import Resident, ResidentList
from tests.conftest import DESA_PULAU_NIBUNG, KEC_JELAI, client_for
from tests.coverage import gap_fixtures
from tests.coverage.gap_fixtures import (
    ABSENT,
    COVERED,
    GOOD_ROWS,
    LAPSED,
    NEIGHBOUR,
    csv_bytes,
    nik,
)

pytestmark = [pytest.mark.django_db]
registry = gap_fixtures.registry
village_operator = gap_fixtures.village_operator
bpjs_jelai = gap_fixtures.bpjs_jelai
DAY = "2026-03-15"


@pytest.fixture
def lists(registry, operator_jelai):
    return resident_list_import(
        actor=operator_jelai,
        area_code=KEC_JELAI,
        source="DTKS Jelai 2026",
        year=2026,
        upload=io.BytesIO(csv_bytes(GOOD_ROWS)),
        filename="dtks.csv",
    )


def sheets(content: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_gap_page_lists_not_covered_with_masked_nik(lists, village_operator):
    page = client_for(village_operator).get(f"/cakupan/celah/?tanggal={DAY}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Celah kepesertaan" in html and "DTKS Jelai 2026" in html
    assert "Siti Aminah" in html and "Yusuf Absen" in html
    assert "Budi Santoso" not in html  # covered that day
    assert "Rina Tetangga" not in html  # another desa
    for full in (LAPSED, ABSENT, COVERED):
        assert full not in html
    assert LAPSED[:6] + "••••••" + LAPSED[-4:] in html
    assert "1990" in html and "12/07/1990" not in html and "1990-07" not in html
    assert "Terdaftar, tidak aktif pada tanggal itu" in html
    assert 'id="synthetic"' not in html
    counts = re.search(r'id="gap-desa".*?</table>', html, re.S).group(0)
    assert re.search(
        r"Pulau Nibung</a></td>\s*<td[^>]*>4</td><td[^>]*>2</td><td[^>]*>2</td>", counts
    )


def test_gap_page_scope_and_english(lists, village_operator):
    client = client_for(village_operator)
    assert client.get(f"/cakupan/celah/?wilayah={KEC_JELAI}").status_code == 403
    assert client.get("/cakupan/celah/?wilayah=62.08.02.2003").status_code == 403
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/cakupan/celah/?tanggal={DAY}&penanda=poor_household")
    assert page.status_code == 200 and '<html lang="en">' in page.content.decode()
    assert "Siti Aminah" in page.content.decode()
    assert "Yusuf Absen" not in page.content.decode()  # not flagged poor


def test_viewer_may_not_open_the_gap_page(lists):
    from tests.conftest import make_user

    viewer = make_user("lihat", "viewer", KEC_JELAI)
    assert client_for(viewer).get("/cakupan/celah/").status_code == 403
    assert client_for(viewer).get("/cakupan/celah/impor/").status_code == 403


def test_upload_page_shows_the_row_report(registry, village_operator):
    client = client_for(village_operator)
    assert client.get("/cakupan/celah/impor/").status_code == 200
    rows = GOOD_ROWS[:2] + [["123", "Salah", "Pulau Nibung", "Jelai", "", "", ""]]
    data = csv_bytes(rows)
    upload = io.BytesIO(data)
    upload.name = "desa.csv"
    response = client.post(
        "/cakupan/celah/impor/",
        {
            "file": upload,
            "area": DESA_PULAU_NIBUNG,
            "source": "Pendataan Desa Pulau Nibung 2026",
            "year": 2026,
        },
    )
    assert response.status_code == 302
    report = client.get(response["Location"]).content.decode()
    assert "Pendataan Desa Pulau Nibung 2026" in report
    assert re.search(r'<td class="num">4</td><td>NIK</td><td>123</td>', report)
    assert "16 digit" in report or "digit" in report
    assert Resident.objects.count() == 2
    # the same file again: told so, nothing new
    upload = io.BytesIO(data)
    upload.name = "desa.csv"
    again = client.post(
        "/cakupan/celah/impor/",
        {
            "file": upload,
            "area": DESA_PULAU_NIBUNG,
            "source": "Pendataan Desa Pulau Nibung 2026",
            "year": 2026,
        },
        follow=True,
    )
    assert "tidak ada yang berubah" in again.content.decode()
    assert Resident.objects.count() == 2


def test_upload_refusal_is_shown_not_a_500(registry, village_operator):
    upload = io.BytesIO(b"Alamat,Telepon\r\nx,y\r\n")
    upload.name = "salah.csv"
    page = client_for(village_operator).post(
        "/cakupan/celah/impor/",
        {"file": upload, "area": DESA_PULAU_NIBUNG, "source": "Desa", "year": 2026},
    )
    assert page.status_code == 400 and "Kolom wajib belum dipetakan" in page.content.decode()
    assert not ResidentList.objects.exists()


def test_export_for_village_operator_is_masked_and_audited(lists, village_operator):
    response = client_for(village_operator).post(
        "/cakupan/celah/unduh/", {"wilayah": DESA_PULAU_NIBUNG, "tanggal": DAY}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = sheets(response.content)
    summary, people = book["Ringkasan"], book["Belum terlindungi"]
    flat = [str(c) for row in summary for c in row]
    assert "15 Maret 2026" in flat and any("DTKS Jelai 2026" in c for c in flat)
    assert "disamarkan" in flat and not any("SINTETIS" in c for c in flat)
    assert [DESA_PULAU_NIBUNG, "Desa Pulau Nibung", 4.0, 2.0, 2.0] in [r[:5] for r in summary]
    header = people[1]
    assert header[:4] == ["Kode desa", "Desa", "NIK", "Nama"]
    body = {r[3]: r for r in people[2:]}
    assert set(body) == {"Siti Aminah", "Yusuf Absen"}
    assert body["Siti Aminah"][2] == LAPSED[:6] + "••••••" + LAPSED[-4:]
    assert body["Siti Aminah"][4] == 1990 and body["Yusuf Absen"][7] == (
        "Penyandang disabilitas, Nelayan"
    )
    event = AuditEvent.objects.get(action="coverage.gap_export")
    assert event.actor == village_operator and event.after["rows"] == 2
    assert event.after["full_nik"] is False and event.region_code == DESA_PULAU_NIBUNG


def test_export_for_bpjs_officer_has_full_nik(lists, bpjs_jelai):
    response = client_for(bpjs_jelai).post(
        "/cakupan/celah/unduh/", {"wilayah": KEC_JELAI, "tanggal": DAY, "penanda": "farmer"}
    )
    book = sheets(response.content)
    niks = {r[2] for r in book["Belum terlindungi"][2:]}
    assert niks == {NEIGHBOUR}
    event = AuditEvent.objects.get(action="coverage.gap_export")
    assert event.after["full_nik"] is True and event.reason == "full NIKs exported"
    assert event.after["flag"] == "farmer"


def test_synthetic_list_is_labelled_on_page_and_in_export(registry, operator_jelai):
    resident_list_import(
        actor=operator_jelai,
        area_code=KEC_JELAI,
        source="Contoh pelatihan",
        year=2026,
        upload=io.BytesIO(csv_bytes(GOOD_ROWS)),
        filename="contoh.csv",
        synthetic=True,
    )
    client = client_for(operator_jelai)
    html = client.get(f"/cakupan/celah/?tanggal={DAY}").content.decode()
    assert 'id="synthetic"' in html and "DATA SINTETIS" in html
    book = sheets(client.post("/cakupan/celah/unduh/", {"tanggal": DAY}).content)
    assert any("DATA SINTETIS" in str(c) for row in book["Ringkasan"] for c in row)
    assert any("DATA SINTETIS" in str(c) for c in book["Belum terlindungi"][0])


def test_api_gap_counts_and_masked_persons(lists, village_operator):
    _token, raw = token_issue(actor=village_operator, name="desa")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    response = api.get(f"/api/v1/coverage/gap?region={DESA_PULAU_NIBUNG}&date={DAY}")
    assert response.status_code == 200
    body = response.json()
    assert (body["listed"], body["covered"], body["not_covered"]) == (4, 2, 2)
    assert body["desas"] == [
        {
            "region_code": DESA_PULAU_NIBUNG,
            "name": "Desa Pulau Nibung",
            "listed": 4,
            "covered": 2,
            "not_covered": 2,
        }
    ]
    persons = {p["name"]: p for p in body["not_covered_persons"]}
    assert persons["Siti Aminah"]["nik_masked"] == LAPSED[:6] + "••••••" + LAPSED[-4:]
    assert persons["Siti Aminah"]["status"] == "lapsed"
    assert LAPSED not in response.content.decode() and ABSENT not in response.content.decode()
    assert "birth_date" not in persons["Siti Aminah"]
    paged = api.get(f"/api/v1/coverage/gap?region={DESA_PULAU_NIBUNG}&date={DAY}&page_size=1")
    assert paged.json()["pages"] == 2 and len(paged.json()["not_covered_persons"]) == 1
    outside = api.get(f"/api/v1/coverage/gap?region={KEC_JELAI}")
    assert outside.status_code == 403 and outside.json()["code"] == "permission_denied"
    bad_flag = api.get(f"/api/v1/coverage/gap?region={DESA_PULAU_NIBUNG}&flag=astronaut")
    assert bad_flag.status_code == 400


def test_api_upload_reports_rows(registry, village_operator):
    _token, raw = token_issue(actor=village_operator, name="desa")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    upload = io.BytesIO(
        csv_bytes(GOOD_ROWS[:1] + [[nik(999)[:10], "Pendek", "Pulau Nibung", "Jelai", "", "", ""]])
    )
    upload.name = "api.csv"
    response = api.post(
        "/api/v1/coverage/gap/residents",
        {"file": upload, "area": DESA_PULAU_NIBUNG, "source": "API Desa", "year": 2026},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["rows_valid"], body["rows_invalid"], body["repeated"]) == (1, 1, False)
    assert body["errors"][0]["row"] == 3 and body["errors"][0]["code"] == "nik.length"
    assert AuditEvent.objects.filter(action="coverage.residents_import").count() == 1


def test_demo_list_is_synthetic_and_has_every_case(synthetic):
    from cakupan.coverage.gap.demo import gap_demo_fill
    from cakupan.coverage.gap.selectors import gap_report
    from tests.conftest import SUKAMARA, make_user

    first = gap_demo_fill(regency_code=SUKAMARA)
    assert first["new"] == first["residents"] > 0
    assert gap_demo_fill(regency_code=SUKAMARA)["new"] == 0
    rl = ResidentList.objects.get()
    assert rl.synthetic and "bukan DTKS" in rl.source
    user = make_user("kab", "regency_operator", SUKAMARA)
    report = gap_report(user=user, region_code=SUKAMARA, day=dt.date(2026, 10, 31))
    assert report.synthetic and report.covered > 0 and report.not_covered > 0
    assert report.listed == first["residents"]
    assert AuditEvent.objects.filter(action="coverage.gap_demo_fill").count() == 1


def test_a_filter_matching_nobody_says_so_once(lists, operator_jelai):
    client = client_for(operator_jelai)
    html = client.get(
        f"/cakupan/celah/?wilayah={KEC_JELAI}&tanggal={DAY}&daftar={lists.record.resident_list_id}"
        "&penanda=transport_worker"
    ).content.decode()
    assert html.count("Tidak ada penduduk dalam daftar yang cocok dengan pilihan ini.") == 1
    assert "terlindungi pada tanggal ini" not in html  # not "everyone is covered"
    assert 'id="not-covered"' not in html and 'id="gap-download"' not in html
    # a filter matching only covered residents says that, of the residents it matches
    covered_only = client.get(
        f"/cakupan/celah/?wilayah={KEC_JELAI}&tanggal={DAY}&desa={DESA_PULAU_NIBUNG}&penanda=farmer"
    ).content.decode()
    assert "Semua penduduk yang cocok dengan pilihan ini terlindungi pada tanggal ini." in (
        covered_only
    )
    assert "Tidak ada penduduk dalam daftar yang cocok" not in covered_only
