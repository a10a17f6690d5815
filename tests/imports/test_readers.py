"""Reading files: separators, encodings, spreadsheets, header synonyms, row numbers."""

import datetime as dt

import polars as pl
import pytest

from cakupan.imports.dates import parse_date_values
from cakupan.imports.kinds import kind_get
from cakupan.imports.mapping import header_score, mapping_check, mapping_propose
from cakupan.imports.readers import ReadError, cell_text, read_table
from tests.imports.conftest import HEADER, csv_bytes, ods_bytes, worker, xlsx_bytes

WORKERS = kind_get("workers")


def _read(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return read_table(path, header_score=header_score(WORKERS))


def test_semicolon_csv_with_bom_keeps_text_and_row_numbers(tmp_path):
    rows = [worker(1), worker(2)]
    data = csv_bytes(rows, sep=";", bom=True)
    table = _read(tmp_path, "a.csv", data)
    assert table.columns == ["_row", *HEADER]
    assert table["_row"].to_list() == [2, 3]
    assert table["NIK"].to_list() == [rows[0][0], rows[1][0]]
    assert table.schema["NIK"] == pl.String


def test_cp1252_names_are_decoded(tmp_path):
    rows = [worker(1, name="Peña Sánchez"), worker(2, name="José Müller")]
    table = _read(tmp_path, "a.csv", csv_bytes(rows, encoding="cp1252"))
    assert table["Nama"].to_list() == ["Peña Sánchez", "José Müller"]


def test_blank_rows_dropped_but_numbers_kept_and_title_rows_skipped(tmp_path):
    text = (
        "DAFTAR PEKERJA DESA PULAU NIBUNG,,,,,,,\n"
        + ",".join(HEADER)
        + "\n"
        + ",".join(worker(1))
        + "\n"
        + ",,,,,,,\n"
        + ",".join(worker(2))
        + "\n"
    )
    table = _read(tmp_path, "a.csv", text.encode())
    assert table["_row"].to_list() == [3, 5]
    assert "NIK" in table.columns


def test_xlsx_numbers_become_text_and_a_nik_number_shows_mangled(tmp_path):
    rows = [worker(1), worker(2)]
    rows[0][7] = "1500000"
    data = xlsx_bytes(rows, numbers={0: True, 7: True})
    table = _read(tmp_path, "a.xlsx", data)
    assert table["_row"].to_list() == [2, 3]
    assert table["Penghasilan"].to_list() == ["1500000", "1500000"]
    assert table["NIK"][0].endswith("E+15")  # Excel kept 15 digits; the check will say so


def test_ods_written_by_hand_is_read(tmp_path):
    rows = [worker(1, name="Ñoño"), worker(2)]
    table = _read(tmp_path, "a.ods", ods_bytes(rows))
    assert table["Nama"].to_list() == ["Ñoño", "Pekerja 2"]
    assert table["_row"].to_list() == [2, 3]


def test_cell_text_of_spreadsheet_values():
    assert cell_text(45623.0) == "45623"
    assert cell_text(dt.datetime(2024, 11, 27)) == "2024-11-27"
    assert cell_text(dt.date(2024, 11, 27)) == "2024-11-27"
    assert cell_text(None) is None and cell_text("") is None
    assert cell_text(6208011101900001.0).endswith("E+15")


def test_unknown_type_and_empty_file_are_domain_errors(tmp_path):
    with pytest.raises(ReadError) as err:
        _read(tmp_path, "a.pdf", b"%PDF")
    assert err.value.code == "file_type"
    with pytest.raises(ReadError) as err:
        _read(tmp_path, "a.csv", b"   \n")
    assert err.value.code == "file_empty"
    with pytest.raises(ReadError) as err:
        _read(tmp_path, "a.xlsx", b"not a zip")
    assert err.value.code == "file_unreadable"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NIK", "nik"),
        ("No. KTP", "nik"),
        ("No KTP", "nik"),
        ("NOMOR INDUK KEPENDUDUKAN", "nik"),
        ("Nama", "name"),
        ("nama lengkap", "name"),
        ("Tanggal Lahir", "birth_date"),
        ("Tgl. Lahir", "birth_date"),
        ("Jenis Kelamin", "sex"),
        ("L/P", "sex"),
        ("Desa/Kelurahan", "village"),
        ("Desa", "village"),
        ("KELURAHAN", "village"),
        ("Kecamatan", "district"),
        ("Pekerjaan", "occupation"),
        ("Penghasilan", "income"),
        ("Upah", "income"),
        ("No HP", "phone"),
        ("No. HP", "phone"),
        ("KPJ", "kpj"),
        ("Birth date", "birth_date"),
    ],
)
def test_header_synonyms(header, field):
    assert mapping_propose(kind=WORKERS, columns=[header]) == {header: field}


def test_mapping_check_refuses_missing_required_and_twice():
    from cakupan.errors import DomainError

    with pytest.raises(DomainError) as err:
        mapping_check(kind=WORKERS, columns=["A", "B"], mapping={"A": "nik"})
    assert err.value.code == "mapping_required" and "Nama" in err.value.message("id")
    with pytest.raises(DomainError) as err:
        mapping_check(kind=WORKERS, columns=["A", "B"], mapping={"A": "nik", "B": "nik"})
    assert err.value.code == "mapping_twice"


@pytest.mark.parametrize(
    "text",
    [
        "27/11/2024",
        "27-11-2024",
        "27.11.2024",
        "2024-11-27",
        "45623",
        "45623.0",
        "27 Nopember 2024",
        "27 November 2024",
        "27 Nov 2024",
        "27-Nov-2024",
        "27 nop 2024",
        "2024-11-27 00:00:00",
    ],
)
def test_dates_all_formats(text):
    assert parse_date_values([text]) == [dt.date(2024, 11, 27)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 Agustus 2024", dt.date(2024, 8, 17)),
        ("17 Agt 2024", dt.date(2024, 8, 17)),
        ("1 Okt 2024", dt.date(2024, 10, 1)),
        ("25 Des 2023", dt.date(2023, 12, 25)),
        ("29 Pebruari 2024", dt.date(2024, 2, 29)),
        ("3 Peb 2020", dt.date(2020, 2, 3)),
        ("1 Mei 1990", dt.date(1990, 5, 1)),
        ("5 Juli 1985", dt.date(1985, 7, 5)),
    ],
)
def test_indonesian_month_names(text, expected):
    assert parse_date_values([text]) == [expected]


@pytest.mark.parametrize("text", ["31/02/2024", "01/02/03", "tanggal", "27 Foo 2024", "", None])
def test_not_dates(text):
    assert parse_date_values([text]) == [None]
