"""Shared pieces of the gap-list tests: a registry of three persons in Kecamatan Jelai (one
covered, one whose spell ended, one merged into another) and resident files that name them
beside people the registry has never seen."""

import datetime as dt
import io

import pytest
import xlsxwriter

from cakupan.registry.models import Person, Spell
from cakupan.rules.nik import build_nik
from tests.conftest import DESA_PULAU_NIBUNG, KEC_JELAI, make_user

SUNGAI_BARU = "62.08.02.2003"
DAY = dt.date(2026, 3, 15)
HEADER = ["NIK", "Nama", "Desa", "Kecamatan", "Pekerjaan", "Kategori", "Miskin"]


def nik(serial: int, born=dt.date(1985, 4, 12), sex="L", kecamatan=KEC_JELAI) -> str:
    return build_nik(kecamatan=kecamatan, birth_date=born, sex=sex, serial=serial)


COVERED = nik(101)
LAPSED = nik(102, born=dt.date(1990, 7, 1), sex="P")
ABSENT = nik(103, born=dt.date(1979, 1, 5))
MERGED = nik(104)  # merged into KEPT: covered through the kept person's spell
KEPT = nik(105)
NEIGHBOUR = nik(106)  # lives in Sungai Baru


def person(number: str, name: str, desa: str = DESA_PULAU_NIBUNG, **fields) -> Person:
    return Person.objects.create(
        nik=number,
        name=name,
        name_key=name.upper(),
        sex="L",
        birth_date=dt.date(1985, 4, 12),
        regency_code=desa[:5],
        region_code=desa,
        **fields,
    )


def spell(p: Person, start: dt.date, end: dt.date | None = None) -> Spell:
    return Spell.objects.create(
        person=p,
        regency_code=p.regency_code,
        region_code=p.region_code,
        jkk=True,
        jkm=True,
        start_date=start,
        end_date=end,
        segment="BPU",
        payer="self",
    )


@pytest.fixture
def registry(regions):
    covered = person(COVERED, "Budi Santoso")
    spell(covered, dt.date(2025, 1, 1))
    lapsed = person(LAPSED, "Siti Aminah")
    spell(lapsed, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    kept = person(KEPT, "Ahmad Kept")
    spell(kept, dt.date(2026, 1, 1))
    person(MERGED, "Ahmad Dobel", merged_into=kept)
    return {"covered": covered, "lapsed": lapsed, "kept": kept}


@pytest.fixture
def village_operator(regions):
    return make_user("op_nibung", "village_operator", DESA_PULAU_NIBUNG)


@pytest.fixture
def village_operator_baru(regions):
    return make_user("op_baru", "village_operator", SUNGAI_BARU)


@pytest.fixture
def bpjs_jelai(regions):
    return make_user("bpjs_jelai", "bpjs_officer", KEC_JELAI)


def csv_bytes(rows, header=HEADER) -> bytes:
    lines = [",".join(header)] + [",".join(str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def xlsx_bytes(rows, header=HEADER) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            sheet.write_string(r, c, str(value))
    book.close()
    return out.getvalue()


GOOD_ROWS = [
    [COVERED, "Budi Santoso", "Pulau Nibung", "Jelai", "Petani", "Petani", "Tidak"],
    [LAPSED, "Siti Aminah", "Pulau Nibung", "Jelai", "Pedagang", "", "Ya"],
    [ABSENT, "Yusuf Absen", "Pulau Nibung", "Jelai", "Nelayan", "Nelayan; Disabilitas", ""],
    [MERGED, "Ahmad Dobel", "Pulau Nibung", "Jelai", "Buruh", "", ""],
    [NEIGHBOUR, "Rina Tetangga", "Sungai Baru", "Jelai", "Petani", "Petani", "Ya"],
]
