"""Every validation rule, reported with the spreadsheet's row number, column and a message in
Indonesian (English available)."""

import datetime as dt
import random

import polars as pl
import pytest

from cakupan.imports.checks import TITLES, name_keys, nik_columns
from cakupan.imports.messages import message
from cakupan.imports.selectors import batch_errors
from cakupan.regions.selectors import kecamatan_codes_undotted
from cakupan.registry import names as registry_names
from cakupan.registry.services import spell_add
from cakupan.rules.nik import parse_nik
from tests.imports.conftest import HEADER, committed, csv_bytes, nik, validated, worker

pytestmark = pytest.mark.django_db


def _errors(batch, lang="id"):
    return batch_errors(batch=batch, lang=lang)


def _only(batch, code):
    found = [e for e in _errors(batch) if e["code"] == code]
    assert found, f"no {code} in {_errors(batch)}"
    return found


def test_nik_structure_rules(operator):
    rows = [worker(i) for i in range(1, 8)]
    rows[0][0] = "62080211019"  # row 2: too short
    rows[1][0] = "62080211O1900001"  # row 3: a letter O
    rows[2][0] = "9908021101900001"  # row 4: no such kecamatan
    rows[3][0] = "6208023213900001"  # row 5: day 32, month 13
    rows[4][0] = rows[4][0][:12] + "0000"  # row 6: serial 0000
    rows[5][0] = "6.20802E+15"  # row 7: Excel
    batch = validated(operator, csv_bytes(rows))
    by_code = {e["code"]: e for e in _errors(batch)}
    assert by_code["nik.length"]["row"] == 2 and by_code["nik.length"]["column"] == "NIK"
    assert by_code["nik.length"]["message"] == "NIK harus 16 digit (diberikan 11)."
    assert by_code["nik.not_digits"]["row"] == 3
    assert by_code["nik.region_unknown"]["row"] == 4
    assert "99.08.02" in by_code["nik.region_unknown"]["message"]
    assert by_code["nik.birth_date"]["row"] == 5
    assert by_code["nik.serial_zero"]["row"] == 6
    assert by_code["nik.excel_mangled"]["row"] == 7
    assert by_code["nik.excel_mangled"]["value"] == "6.20802E+15"
    assert batch.rows_valid == 1 and batch.rows_invalid == 6
    english = {e["code"]: e["message"] for e in _errors(batch, "en")}
    assert english["nik.length"] == "A NIK has 16 digits (got 11)."


def test_whole_column_with_last_digit_zeroed_is_excel(operator):
    rows = [worker(i) for i in range(1, 25)]
    for row in rows:
        row[0] = row[0][:15] + "0"
    batch = validated(operator, csv_bytes(rows))
    assert {e["code"] for e in _errors(batch)} == {"nik.excel_mangled"}
    assert batch.rows_valid == 0


def test_nik_birth_date_and_sex_must_match_the_row(operator):
    rows = [worker(1), worker(2)]
    rows[0][2] = "02/02/1999"  # row 2
    rows[1][3] = "P"  # row 3: NIK says L
    batch = validated(operator, csv_bytes(rows))
    date = _only(batch, "nik.birth_date_mismatch")[0]
    assert date["row"] == 2 and date["column"] == "Tanggal Lahir"
    assert "Tanggal lahir 2 Februari 1999 tidak cocok" in date["message"]
    sex = _only(batch, "nik.sex_mismatch")[0]
    assert sex["row"] == 3 and sex["column"] == "L/P"


def test_sex_and_birth_date_come_from_the_nik_when_absent(operator):
    header = ["NIK", "Nama", "Desa"]
    born = dt.date(1990, 3, 4)
    rows = [[nik(born, "P", 7), "Siti", "Pulau Nibung"]]
    batch = committed(operator, csv_bytes(rows, header=header), income_default=1_000_000)
    from cakupan.registry.models import Person

    person = Person.objects.get()
    assert (person.sex, person.birth_date) == ("P", born)
    assert batch.state == "committed"


def test_other_person_fields(operator):
    rows = [worker(i) for i in range(1, 6)]
    rows[0][1] = "  "  # row 2: no name
    rows[1][3] = "X"  # row 3: sex
    rows[2][2] = "31/02/1985"  # row 4: no such date
    rows[3][7] = "satu juta"  # row 5: income text
    rows[4][7] = ""  # row 6: no income
    batch = validated(operator, csv_bytes(rows))
    assert _only(batch, "name.required")[0]["row"] == 2
    assert _only(batch, "sex.invalid")[0]["row"] == 3
    assert _only(batch, "date.invalid")[0]["row"] == 4
    assert _only(batch, "income.invalid")[0]["row"] == 5
    assert _only(batch, "income.required")[0]["row"] == 6


def test_desa_names_unknown_suggest_and_outside_area(operator):
    rows = [worker(i) for i in range(1, 5)]
    rows[0][4] = "Pulau Nibong"  # row 2: typo
    rows[1][4] = "Kartamulia"  # row 3: a desa of Kecamatan Sukamara, outside Jelai
    rows[1][5] = ""
    rows[2][5] = "Jelay"  # row 4: kecamatan typo
    rows[3][4] = "Ds. PULAU  NIBUNG"  # row 5: fine
    batch = validated(operator, csv_bytes(rows))
    unknown = _only(batch, "region.village_unknown")[0]
    assert unknown["row"] == 2 and unknown["column"] == "Desa"
    assert "Pulau Nibung" in unknown["message"]  # the suggestion
    outside = _only(batch, "region.outside_area")[0]
    assert outside["row"] == 3 and "Kartamulia" in outside["message"]
    district = _only(batch, "region.district_unknown")[0]
    assert district["row"] == 4 and district["column"] == "Kecamatan"
    assert "Jelai" in district["message"]
    assert batch.rows_valid == 1


def test_income_below_bpu_minimum_uses_the_rules(operator):
    rows = [
        worker(1, income="Rp500.000"),
        worker(2, income="1.000.000"),
        worker(3, income="25000000"),
    ]
    batch = validated(operator, csv_bytes(rows))
    low = _only(batch, "bpu.income_below_minimum")[0]
    assert low["row"] == 2 and low["column"] == "Penghasilan"
    assert "Rp500.000" in low["message"] and "Rp1.000.000" in low["message"]
    assert _only(batch, "bpu.income_above_maximum")[0]["row"] == 4
    assert batch.rows_valid == 1


def test_same_nik_twice_in_the_file(operator):
    rows = [worker(1), worker(2), worker(1, name="Orang Lain")]
    batch = validated(operator, csv_bytes(rows))
    dups = _only(batch, "nik.duplicate_in_file")
    assert [d["row"] for d in dups] == [2, 4]
    assert "baris 2, 4" in dups[0]["message"]
    assert batch.rows_valid == 1


def test_overlap_with_an_existing_spell(operator):
    first = committed(operator, csv_bytes([worker(1), worker(2)]), end_date="2025-12-31")
    assert first.committed_spells == 2
    # Same people, a spell starting mid-year: overlaps for JKK and JKM.
    batch = validated(operator, csv_bytes([worker(1), worker(3)]), start_date="2025-06-01")
    overlap = _only(batch, "spell.overlap")[0]
    assert overlap["row"] == 2
    # Long dates, in the reader's language: never ISO text in a message.
    assert "1 Januari 2025 s.d. 31 Desember 2025" in overlap["message"]
    assert "2025-01-01" not in overlap["message"]
    english = [e for e in batch_errors(batch=batch, lang="en") if e["code"] == "spell.overlap"]
    assert "1 January 2025 to 31 December 2025" in english[0]["message"]
    assert batch.rows_valid == 1 and batch.persons_new == 1


def test_existing_spell_added_by_hand_is_seen(operator):
    batch = committed(operator, csv_bytes([worker(1)]), end_date="2025-03-31")
    from cakupan.registry.models import Person

    person = Person.objects.get()
    spell_add(
        actor=operator,
        person_id=person.pk,
        programs=["JKM"],
        start_date=dt.date(2025, 4, 1),
        end_date=None,
        segment="BPU",
        payer="self",
    )
    again = validated(operator, csv_bytes([worker(1)]), start_date="2025-05-01")
    assert _only(again, "spell.overlap")[0]["row"] == 2
    assert batch.state == "committed"


def test_phone_and_kpj(operator):
    header = [*HEADER, "No HP", "KPJ"]
    rows = [worker(1) + ["0812-3456-7890", "24000123456"], worker(2) + ["12", "KPJ-1"]]
    batch = validated(operator, csv_bytes(rows, header=header))
    assert _only(batch, "phone.invalid")[0]["row"] == 3
    assert _only(batch, "kpj.invalid")[0]["row"] == 3
    assert batch.rows_valid == 1


def test_every_message_renders_in_both_languages():
    from cakupan.imports.messages import MESSAGES

    params = {
        "rows": "2, 3",
        "row_date": "x",
        "nik_date": "y",
        "row_sex": "L",
        "nik_sex": "P",
        "limit": 5,
        "value": "v",
        "name": "n",
        "area": "a",
        "hint": "h",
        "candidates": "c",
        "spell_id": 1,
        "programs": "JKK",
        "start": "s",
        "end": "e",
        "role": "KPPS",
        "roles": "KPPS, Linmas",
        "agreement": "400/1",
        "number": "400/1",
        "valid_from": "01-06-2024",
        "valid_to": "31-12-2024",
        "district": "d",
        "given": "g",
        "age": 16,
        "minimum": 17,
    }
    for code in MESSAGES:
        assert message(code, params, "id") != message(code, params, "en")


def test_vectorised_nik_checks_agree_with_parse_nik():
    """The column-wise NIK checks give the same verdict as rules.nik.parse_nik, value by value."""
    rng = random.Random(7)
    codes = kecamatan_codes_undotted() or frozenset({"620802", "620801"})
    samples = [
        "6208024101900003",
        "6208020000000000",
        "62080211019",
        "6.20801E+15",
        "6208021101900001.0",
        "",
        "62 0802 1101 900001",
        "'6208021101900001",
        "9908021101900001",
        "6208023213900001",
        "6208022902230001",
        "620802290224000A",
    ]
    for _ in range(400):
        samples.append(
            rng.choice(["6208", "6201", "9999"])
            + rng.choice(["01", "02", "77"])
            + f"{rng.randint(1, 75):02d}{rng.randint(0, 14):02d}{rng.randint(0, 99):02d}"
            + f"{rng.randint(0, 3):04d}"
        )
    today = dt.date(2026, 11, 24)
    frame = pl.DataFrame({"_row": range(len(samples)), "nik": samples})
    work, errors = nik_columns(frame, kecamatan_codes=codes, today=today)
    errors = pl.concat(errors)
    for i, value in enumerate(samples):
        expected = parse_nik(value, kecamatan_codes=codes, today=today)
        got = sorted(errors.filter(pl.col("_row") == i)["code"].to_list())
        assert got == sorted(p.code for p in expected.errors), value
        if expected.ok:
            assert work["_nik_birth"][i] == expected.birth_date, value
            assert work["_nik_sex"][i] == expected.sex, value


def test_name_keys_agree_with_the_registry():
    assert TITLES == sorted(registry_names._TITLES, key=TITLES.index)
    assert set(TITLES) == registry_names._TITLES
    names = ["H. Ahmad, S.Pd", "siti  aminah", "José Müller", "Dr. Peña", "IBU  SRI", "", "O'Neil"]
    assert name_keys(pl.Series(names)).to_list() == [registry_names.name_key(n) for n in names]
