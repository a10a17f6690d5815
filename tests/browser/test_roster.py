"""A Kesbangpol operator (partner_operator) enrols a messy roster from the agreement's page:
a semicolon CSV with a BOM, one NIK that Excel turned into 6.20801E+15, an impossible duty
date and a misspelt desa. They map the column the page could not guess, read the errors,
download the error report, commit the valid rows, then download the invoice and a
certificate."""

import datetime as dt

import pytest

from cakupan.rules.nik import build_nik
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "No. KTP;Nama Lengkap;Jabatan;TPS;Kelurahan/Desa;Kecamatan;Tgl Mulai;Tgl Selesai"


def _nik(serial: int) -> str:
    born = dt.date(1980 + serial, 2, 10 + serial)
    return build_nik(kecamatan="62.08.01", birth_date=born, sex="L", serial=serial)


def _roster() -> bytes:
    lines = [
        HEADER,
        f"{_nik(1)};Siti Aminah;Ketua KPPS;001;Kartamulia;Sukamara;07/11/2024;08/12/2024",
        "6.20801E+15;Budi Santoso;Anggota KPPS;001;Kartamulia;Sukamara;07/11/2024;08/12/2024",
        f"{_nik(3)};Rahmat Hidayat;Anggota KPPS;002;Kartamulia;Sukamara;31/02/2024;08/12/2024",
        f"{_nik(4)};Dewi Lestari;Linmas;002;Kartamulya;Sukamara;07/11/2024;08/12/2024",
        f"{_nik(5)};Agus Salim;Petugas Ketertiban TPS;003;Sukaraja;Sukamara;7 Nopember 2024;"
        "8 Desember 2024",
    ]
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")


@pytest.fixture
def kesbangpol(db, settings, tmp_path):
    from cakupan.agreements.services import agreement_create
    from cakupan.regions.services import regions_load

    settings.MEDIA_ROOT = tmp_path / "private"
    # The page polls a background task; here the task runs at once inside the request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    regions_load(prefixes=["62.08"])
    operator = make_user("op_kab", "regency_operator", "62.08")
    agreement = agreement_create(
        actor=operator,
        number="400.5/77/KESBANGPOL/2024",
        title="Perlindungan petugas ad hoc Pilkada 2024",
        region_code="62.08.01",
        valid_from=dt.date(2024, 6, 1),
        valid_to=dt.date(2024, 12, 31),
        roles=["KPPS", "Linmas"],
        budget_source="hibah_nphd",
        budget_ceiling=500_000,
    )
    make_user("kesbangpol", "partner_operator", "62.08")
    return agreement


def test_kesbangpol_enrols_a_messy_roster(live_server, page, kesbangpol, tmp_path):
    agreement = kesbangpol
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "kesbangpol")
    page.fill("#id_password", "pw-kesbangpol")
    page.click("button[type=submit].primary")
    page.goto(f"{live_server.url}/pks/{agreement.pk}/")
    page.click("#roster-import")
    assert page.locator("h1").inner_text() == "Impor daftar petugas"
    path = tmp_path / "petugas kpps.csv"
    path.write_bytes(_roster())
    page.set_input_files("#id_file", str(path))
    page.click("#roster-form button[type=submit]")

    # The page guessed every column but "Kelurahan/Desa"; the operator maps it.
    page.wait_for_selector("text=Cocokkan kolom")
    village = page.get_by_label("Kelurahan/Desa")
    assert village.input_value() == ""
    assert page.get_by_label("No. KTP").input_value() == "nik"
    assert page.get_by_label("Tgl Mulai").input_value() == "duty_start"
    village.select_option("village")
    page.click("text=Periksa semua baris")

    page.wait_for_selector("#preview")
    errors = page.locator("#errors").inner_text()
    assert "dirusak Excel" in errors  # the mangled NIK, on its own row
    assert "31/02/2024" in errors and "tidak dapat dibaca" in errors
    assert "Kartamulya" in errors and "Kartamulia" in errors  # the nearest desa suggested
    rows = [line.split("\t")[0] for line in errors.splitlines()[1:]]
    assert rows == ["3", "4", "5"]
    assert page.locator("#contribution-total").inner_text() == "Rp67.200"  # 2 × 2 × Rp16.800
    assert page.locator("#budget-left").inner_text() == "Rp432.800"
    with page.expect_download() as report:
        page.click("text=Unduh laporan galat lengkap (XLSX)")
    assert report.value.suggested_filename.endswith(".xlsx")

    page.click("text=Simpan 2 baris sah")
    page.wait_for_selector("#batch-state:text('Tersimpan')")
    page.click("#back-link")
    officers = page.locator("#officers").inner_text()
    assert "Siti Aminah" in officers and "Agus Salim" in officers
    assert "Budi Santoso" not in officers
    assert "••••" in officers  # NIKs masked in the list

    with page.expect_download() as invoice:
        page.click("#tagihan button[value=pdf]")
    assert invoice.value.suggested_filename.endswith(".pdf")
    assert open(invoice.value.path(), "rb").read(4) == b"%PDF"
    with page.expect_download() as certificate:
        page.locator("#officers a:text('Sertifikat')").first.click()
    assert certificate.value.suggested_filename.startswith("sertifikat-")
    assert open(certificate.value.path(), "rb").read(4) == b"%PDF"
