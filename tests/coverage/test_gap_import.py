"""Importing a list of working residents: bad rows reported by number and reason while good
rows are kept, scope refused row by row, the same file again changes nothing, and a failure
while writing leaves the database as it was."""

import io
import json
import re

import pytest

from cakupan.audit.models import AuditEvent
from cakupan.coverage.gap.services import resident_list_import
from cakupan.coverage.models import Resident, ResidentFlag, ResidentImport, ResidentList
from cakupan.errors import DomainError, PermissionDenied
from tests.conftest import DESA_PULAU_NIBUNG, KEC_JELAI
from tests.coverage import gap_fixtures
from tests.coverage.gap_fixtures import (
    ABSENT,
    COVERED,
    GOOD_ROWS,
    LAPSED,
    NEIGHBOUR,
    csv_bytes,
    nik,
    xlsx_bytes,
)

pytestmark = [pytest.mark.django_db]
village_operator = gap_fixtures.village_operator


def upload(actor, data: bytes, *, area=KEC_JELAI, name="daftar.csv", source="DTKS Jelai 2026"):
    return resident_list_import(
        actor=actor,
        area_code=area,
        source=source,
        year=2026,
        upload=io.BytesIO(data),
        filename=name,
    )


BAD_ROWS = [
    ["620802120485", "Pendek", "Pulau Nibung", "Jelai", "", "", ""],  # row 7: 12 digits
    [nik(201)[:8] + "13" + nik(201)[10:], "Bulan 13", "Pulau Nibung", "Jelai", "", "", ""],
    [nik(202), "Desa Antah", "Antah Berantah", "Jelai", "", "", ""],  # row 9: unknown desa
    [nik(203), "Kembar A", "Pulau Nibung", "Jelai", "", "", ""],  # rows 10-11: same NIK
    [nik(203), "Kembar B", "Pulau Nibung", "Jelai", "", "", ""],
    [nik(204), "Astronot", "Pulau Nibung", "Jelai", "", "Astronot", ""],  # unknown flag
    [nik(205), "Ragu", "Pulau Nibung", "Jelai", "", "", "mungkin"],  # not yes/no
    [nik(206), "", "Pulau Nibung", "Jelai", "", "", ""],  # no name
]


def test_bad_rows_are_reported_by_number_and_good_rows_kept(operator_jelai):
    result = upload(operator_jelai, csv_bytes(GOOD_ROWS + BAD_ROWS))
    record = result.record
    assert (record.rows_total, record.rows_valid, record.rows_invalid) == (13, 5, 8)
    by_row = {}
    for e in record.errors:
        by_row.setdefault(e["row"], set()).add(e["code"])
    assert by_row == {
        7: {"nik.length"},
        8: {"nik.birth_date"},
        9: {"region.village_unknown"},
        10: {"nik.duplicate_in_file"},
        11: {"nik.duplicate_in_file"},
        12: {"flag.unknown"},
        13: {"flag.yes_no"},
        14: {"name.required"},
    }
    # NIKs in the kept report are masked
    assert all("••" in e["value"] for e in record.errors if e["field"] == "nik" and e["row"] > 7)
    stored = {r.nik: r for r in Resident.objects.all()}
    assert set(stored) == {row[0] for row in GOOD_ROWS}
    assert stored[LAPSED].birth_year == 1990 and stored[LAPSED].sex == "P"
    assert stored[NEIGHBOUR].region_code == "62.08.02.2003"
    flags = {(f.resident.nik, f.flag) for f in ResidentFlag.objects.select_related("resident")}
    assert flags == {
        (COVERED, "farmer"),
        (LAPSED, "poor_household"),
        (ABSENT, "fisher"),
        (ABSENT, "disability"),
        (NEIGHBOUR, "farmer"),
        (NEIGHBOUR, "poor_household"),
    }
    rl = ResidentList.objects.get()
    assert (rl.source, rl.year, rl.region_code, rl.synthetic) == (
        "DTKS Jelai 2026",
        2026,
        KEC_JELAI,
        False,
    )
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["coverage.resident_list_create", "coverage.residents_import"]
    assert AuditEvent.objects.get(action="coverage.residents_import").after["rows_invalid"] == 8


def test_row_report_reads_in_the_users_language(operator_jelai):
    from cakupan.coverage.gap.residents import row_message

    record = upload(operator_jelai, csv_bytes(BAD_ROWS[2:3])).record
    (error,) = record.errors
    assert "Antah Berantah" in row_message(error["code"], error["params"], "id")
    assert "was not found" in row_message(error["code"], error["params"], "en")


def test_village_operator_rows_outside_their_desa_are_refused(village_operator):
    result = upload(village_operator, csv_bytes(GOOD_ROWS), area=DESA_PULAU_NIBUNG)
    record = result.record
    assert record.rows_valid == 4 and record.rows_invalid == 1
    (error,) = record.errors
    assert error["row"] == 6 and error["code"] == "region.outside_scope"
    assert not Resident.objects.filter(nik=NEIGHBOUR).exists()
    # and they cannot import into the whole kecamatan at all
    with pytest.raises(PermissionDenied):
        upload(village_operator, csv_bytes(GOOD_ROWS), area=KEC_JELAI)


def test_a_desa_outside_the_uploaders_scope_is_a_row_error(village_operator):
    """Uploading into their desa, a row naming another desa of the regency is refused."""
    rows = [[nik(301), "Orang Lain", "Kartamulia", "Sukamara", "", "", ""]]
    record = upload(
        village_operator, csv_bytes(GOOD_ROWS[:1] + rows), area=DESA_PULAU_NIBUNG
    ).record
    assert [(e["row"], e["code"]) for e in record.errors] == [(3, "region.outside_scope")]


def test_same_file_again_changes_nothing(operator_jelai):
    data = csv_bytes(GOOD_ROWS + BAD_ROWS[:1])
    first = upload(operator_jelai, data)
    before = (
        list(Resident.objects.order_by("id").values()),
        list(ResidentFlag.objects.order_by("id").values()),
        ResidentImport.objects.count(),
        AuditEvent.objects.count(),
    )
    again = upload(operator_jelai, data, name="daftar (1).csv")
    assert again.repeated and again.record.pk == first.record.pk
    after = (
        list(Resident.objects.order_by("id").values()),
        list(ResidentFlag.objects.order_by("id").values()),
        ResidentImport.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before
    # the same rows as XLSX: a different file, nothing to change, no new resident
    third = upload(operator_jelai, xlsx_bytes(GOOD_ROWS), name="daftar.xlsx")
    assert not third.repeated
    assert (third.record.residents_new, third.record.residents_changed) == (0, 0)
    assert third.record.residents_unchanged == 5 and Resident.objects.count() == 5


def test_corrected_file_updates_in_place(operator_jelai):
    upload(operator_jelai, csv_bytes(GOOD_ROWS))
    fixed = [row[:] for row in GOOD_ROWS]
    fixed[0][1] = "Budi Santoso Putra"
    fixed[2][5] = "Nelayan"  # no longer flagged disability
    record = upload(operator_jelai, csv_bytes(fixed)).record
    assert (record.residents_new, record.residents_changed, record.residents_unchanged) == (0, 2, 3)
    assert Resident.objects.get(nik=COVERED).name == "Budi Santoso Putra"
    assert set(
        ResidentFlag.objects.filter(resident__nik=ABSENT).values_list("flag", flat=True)
    ) == {"fisher"}
    assert Resident.objects.count() == 5


def test_a_failure_while_writing_leaves_the_database_as_it_was(operator_jelai, monkeypatch):
    upload(operator_jelai, csv_bytes(GOOD_ROWS[:2]))
    before = (
        Resident.objects.count(),
        ResidentFlag.objects.count(),
        ResidentImport.objects.count(),
        AuditEvent.objects.count(),
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ResidentFlag.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        upload(operator_jelai, csv_bytes(GOOD_ROWS), source="Pendataan desa 2026")
    after = (
        Resident.objects.count(),
        ResidentFlag.objects.count(),
        ResidentImport.objects.count(),
        AuditEvent.objects.count(),
    )
    assert after == before
    assert not ResidentList.objects.filter(source="Pendataan desa 2026").exists()


def test_unusable_files_are_refused_with_a_reason(operator_jelai):
    with pytest.raises(DomainError) as missing:
        upload(operator_jelai, csv_bytes([["x", "y"]], header=["Alamat", "Telepon"]))
    assert missing.value.code == "mapping_required" and "NIK" in missing.value.message("id")
    with pytest.raises(DomainError) as kind:
        upload(operator_jelai, b"%PDF-1.4", name="daftar.pdf")
    assert kind.value.code == "file_type"
    with pytest.raises(DomainError) as source:
        resident_list_import(
            actor=operator_jelai,
            area_code=KEC_JELAI,
            source="  ",
            year=2026,
            upload=io.BytesIO(csv_bytes(GOOD_ROWS)),
            filename="d.csv",
        )
    assert source.value.code == "source_required"
    assert not ResidentList.objects.exists() and not AuditEvent.objects.exists()


def _bad_birth(serial: int, ddmm: str) -> str:
    """A NIK of Jelai whose birth day and month (digits 7-10) are `ddmm`."""
    good = nik(serial)
    return good[:6] + ddmm + good[10:]


def test_row_report_page_names_the_wrong_part_of_the_birth_date_without_its_digits(
    operator_jelai,
):
    from django.test import Client

    month = _bad_birth(401, "1213")  # month 13
    day = _bad_birth(402, "3204")  # day 32 (a man's NIK)
    feb = _bad_birth(403, "3102")  # 31 February
    typed = _bad_birth(404, "0115")  # month 15, typed with dots between the parts
    dotted = f"{typed[:2]}.{typed[2:4]}.{typed[4:6]}.{typed[6:12]}.{typed[12:]}"
    rows = [
        ["", "Tanpa NIK", "Pulau Nibung", "Jelai", "", "", ""],
        [month, "Bulan Salah", "Pulau Nibung", "Jelai", "", "", ""],
        [day, "Hari Salah", "Pulau Nibung", "Jelai", "", "", ""],
        [feb, "Februari", "Pulau Nibung", "Jelai", "", "", ""],
        [dotted, "Bertitik", "Pulau Nibung", "Jelai", "", "", ""],
    ]
    record = upload(operator_jelai, csv_bytes(GOOD_ROWS[:1] + rows)).record
    client = Client()
    client.force_login(operator_jelai)
    html = client.get(f"/cakupan/celah/impor/{record.pk}/").content.decode()
    table = html[html.index('id="row-errors"') :]
    cells = dict(re.findall(r'<td class="num">(\d+)</td><td>NIK</td><td>(.*?)</td>', table))
    # an empty NIK is an empty cell, not "None"
    assert cells["3"] == "" and "None" not in table and "NIK kosong" in table
    # the birth date (digits 7-12) shows nowhere: not in the value, not in the message
    for full in (month, day, feb, typed):
        assert full[6:12] not in table
    assert cells["4"] == month[:6] + "••••••" + month[-4:]
    assert cells["7"] == typed[:6] + "••••••" + typed[-4:]  # masked though typed with dots
    assert "Bulan lahir pada NIK (digit ke-9–10) tidak mungkin" in table
    assert "Hari lahir pada NIK (digit ke-7–8) tidak mungkin" in table
    assert "tidak ada di kalender" in table
    # the kept report holds no birth digits either
    stored = json.dumps(record.errors)
    assert all(full[6:12] not in stored for full in (month, day, feb, typed))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/cakupan/celah/impor/{record.pk}/").content.decode()
    assert "The month of birth in the NIK (digits 9–10) is impossible" in english
    assert month[6:12] not in english


def test_upload_page_lists_the_lists_the_user_can_see_with_the_demo_list_labelled(synthetic):
    from django.test import Client

    from cakupan.coverage.gap.demo import DEMO_SOURCE, gap_demo_fill
    from tests.conftest import SUKAMARA, make_user

    gap_demo_fill(regency_code=SUKAMARA)
    demo = ResidentList.objects.get()
    desa = Resident.objects.order_by("region_code").first().region_code
    in_desa = Resident.objects.filter(region_code=desa).count()
    operator = make_user("op_demo", "village_operator", desa)
    client = Client()
    client.force_login(operator)
    html = client.get("/cakupan/celah/impor/").content.decode()
    lists = html[html.index('id="resident-lists"') :]
    assert DEMO_SOURCE in lists and "sintetis (contoh, bukan data penduduk)" in lists
    assert "Dibuat oleh data demo, bukan dari berkas" in lists
    # the count is the residents of the operator's own desa, not the whole regency's list
    assert f'<td class="num">{in_desa}</td>' in lists
    link = f"/cakupan/celah/?wilayah={desa}&amp;daftar={demo.pk}"
    assert link in lists
    gap = client.get(link.replace("&amp;", "&"))
    assert gap.status_code == 200 and DEMO_SOURCE in gap.content.decode()
    assert "Belum ada daftar" not in html
