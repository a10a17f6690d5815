"""Denominators and targets: typed in or imported from CSV/XLSX with their source and year, BPS
codes landing on the right regency, estimates labelled, scope and audit on every write."""

from decimal import Decimal

import pytest
import xlsxwriter

from cakupan.audit.models import AuditEvent
from cakupan.coverage.basis.services import denominator_import, denominator_set, target_set
from cakupan.coverage.facts.selectors import denominator_for, denominator_list
from cakupan.coverage.models import Denominator, DenominatorBasis, Target
from cakupan.errors import DomainError, PermissionDenied
from tests.conftest import KEC_JELAI, KEC_SUKAMARA, SUKAMARA

pytestmark = pytest.mark.django_db
SAKERNAS = "BPS Kab. Sukamara, Sakernas Agustus 2024"


def write_csv(tmp_path, text, name="penyebut.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bps_6206_lands_on_sukamara_and_6208_on_seruyan(manager, tmp_path):
    """BPS 6206 is Sukamara (Kemendagri 62.08); BPS 6208 is Seruyan (62.07), outside the
    manager's scope, so a file mixing them is refused whole."""
    path = write_csv(
        tmp_path, "kode;tahun;penduduk_bekerja\n6206;2024;33.912\n6206020;2024;15000\n"
    )
    rows = denominator_import(actor=manager, path=path, code_system="bps", source=SAKERNAS).figures
    assert [(d.region_code, d.year, d.working_population) for d in rows] == [
        ("62.08", 2024, 33912),
        (KEC_SUKAMARA, 2024, 15000),
    ]
    assert rows[0].source == SAKERNAS and rows[0].source_code == "6206"
    assert rows[0].basis == DenominatorBasis.COUNTED

    wrong = write_csv(tmp_path, "kode,tahun,penduduk_bekerja\n6206,2025,34000\n6208,2025,90000\n")
    with pytest.raises(DomainError) as err:
        denominator_import(actor=manager, path=wrong, code_system="bps", source=SAKERNAS)
    assert "Baris 3" in err.value.message("id") and "6208" in err.value.message("id")
    assert not Denominator.objects.filter(year=2025).exists()  # nothing written


def test_kemendagri_codes_and_xlsx(manager, tmp_path):
    path = tmp_path / "penyebut.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet()
    for r, row in enumerate(
        [["Kode Wilayah", "Penduduk Bekerja"], ["62.08.02", 2900], ["620803", 5100]]
    ):
        sheet.write_row(r, 0, row)
    book.close()
    rows = denominator_import(
        actor=manager, path=path, code_system="kemendagri", source="Bappeda 2025", year=2025
    ).figures
    assert {(d.region_code, d.working_population) for d in rows} == {
        (KEC_JELAI, 2900),
        ("62.08.03", 5100),
    }
    event = AuditEvent.objects.get(action="coverage.denominator_import")
    assert event.region_code == SUKAMARA and event.after["rows"] == 2


def test_population_only_becomes_a_labelled_estimate(manager, tmp_path):
    path = write_csv(tmp_path, "kode,tahun,penduduk\n62.08,2024,67234\n")
    with pytest.raises(DomainError) as err:
        denominator_import(actor=manager, path=path, code_system="kemendagri", source="Dukcapil")
    assert "perkiraan" in err.value.message("id")
    (row,) = denominator_import(
        actor=manager,
        path=path,
        code_system="kemendagri",
        source="Dukcapil Des 2024",
        employment_share="0.49",
    ).figures
    assert row.basis == DenominatorBasis.ESTIMATE and row.working_population == 32945  # 67234*.49
    info = denominator_for(region_code=SUKAMARA, year=2024)
    assert info.is_estimate and "Perkiraan" in info.note and "0.49" in info.note


def test_a_later_year_uses_the_latest_figure_and_says_so(manager):
    denominator_set(
        actor=manager, region_code=SUKAMARA, year=2023, working_population=33000, source="X"
    )
    info = denominator_for(region_code=SUKAMARA, year=2026)
    assert info.value == 33000 and info.year == 2023 and "2023" in info.note
    assert denominator_for(region_code=SUKAMARA, year=2022) is None


def test_replacing_a_figure_is_audited_with_before_and_after(manager):
    denominator_set(
        actor=manager, region_code=KEC_JELAI, year=2024, working_population=2800, source="A"
    )
    denominator_set(
        actor=manager, region_code=KEC_JELAI, year=2024, working_population=2950, source="B"
    )
    assert Denominator.objects.get(region_code=KEC_JELAI, year=2024).working_population == 2950
    last = AuditEvent.objects.filter(action="coverage.denominator_set").order_by("-id").first()
    assert last.before["working_population"] == 2800 and last.after["working_population"] == 2950


def test_scope_a_kecamatan_manager_cannot_set_another_kecamatan(jelai_manager, viewer_jelai):
    with pytest.raises(PermissionDenied):
        denominator_set(
            actor=jelai_manager,
            region_code=KEC_SUKAMARA,
            year=2024,
            working_population=1,
            source="x",
        )
    with pytest.raises(PermissionDenied):
        target_set(actor=jelai_manager, region_code=SUKAMARA, year=2025, rate=60, source="x")
    with pytest.raises(PermissionDenied):  # a viewer reads, never writes
        target_set(actor=viewer_jelai, region_code=KEC_JELAI, year=2025, rate=60, source="x")
    target_set(actor=jelai_manager, region_code=KEC_JELAI, year=2025, rate=55, source="Renstra")
    with pytest.raises(PermissionDenied):
        denominator_list(user=viewer_jelai, region_code=SUKAMARA)
    assert denominator_list(user=viewer_jelai, region_code=KEC_JELAI) == []


def test_targets_are_percentages_with_a_source(manager):
    with pytest.raises(DomainError):
        target_set(actor=manager, region_code=SUKAMARA, year=2025, rate=120, source="RKPD")
    with pytest.raises(DomainError):
        target_set(actor=manager, region_code=SUKAMARA, year=2025, rate=60, source=" ")
    target = target_set(
        actor=manager, region_code=SUKAMARA, year=2025, rate="62.5", source="RKPD 2025"
    )
    assert Target.objects.get().rate == Decimal("62.50") == target.rate
    assert AuditEvent.objects.filter(action="coverage.target_set", region_code=SUKAMARA).exists()


def test_unknown_bps_code_and_desa_level_bps_code_are_refused(manager, tmp_path):
    path = write_csv(tmp_path, "kode,tahun,penduduk_bekerja\n6206020001,2024,100\n")
    with pytest.raises(DomainError) as err:
        denominator_import(actor=manager, path=path, code_system="bps", source="x")
    assert err.value.code == "denominator_row" and "BPS" in err.value.message("en")


def test_a_negative_figure_is_told_as_negative_and_a_word_echoed_as_typed(manager, tmp_path):
    path = write_csv(
        tmp_path,
        "kode;tahun;penduduk_bekerja;penduduk\n"
        "62.08.01;2024;-5;\n"
        "62.08.02;2024;dua ribu;\n"
        "62.08.03;2024;−1.200;\n",  # a typographic minus, as word processors write it
    )
    report = denominator_import(
        actor=manager, path=path, code_system="kemendagri", source=SAKERNAS, keep_good_rows=True
    )
    reasons = {r.row: r.error.message("id") for r in report.refused}
    assert reasons[2] == "Baris 2: penduduk_bekerja '-5' tidak boleh negatif."
    assert reasons[3] == "Baris 3: penduduk_bekerja 'dua ribu' bukan bilangan bulat."
    assert "tidak boleh negatif" in reasons[4]
    assert "must not be negative" in report.refused[0].error.message("en")
    assert not report.stored and not Denominator.objects.exists()


def test_template_rows_without_a_figure_are_skipped_not_refused(manager, tmp_path):
    path = write_csv(
        tmp_path,
        "kode;nama_wilayah;tahun;penduduk_bekerja;penduduk\n"
        "62.08;Kabupaten Sukamara;;;\n"
        "62.08.01;Kecamatan Sukamara;2026;;\n"  # a year but no figure: still nothing to store
        "62.08.02;Kecamatan Jelai;2026;2.900;\n",
    )
    # also where the first bad row refuses the whole file (API, CLI): blank rows are no error
    report = denominator_import(actor=manager, path=path, code_system="kemendagri", source="X")
    assert report.skipped == [2, 3] and not report.refused
    assert [(d.region_code, d.working_population) for d in report.figures] == [(KEC_JELAI, 2900)]
    blank = write_csv(tmp_path, "kode;tahun;penduduk_bekerja\n62.08;2026;\n", name="kosong.csv")
    with pytest.raises(DomainError) as err:
        denominator_import(actor=manager, path=blank, code_system="kemendagri", source="X")
    assert err.value.code == "denominator_no_figures"


def test_working_population_above_population_is_refused(manager, tmp_path):
    with pytest.raises(DomainError) as err:
        denominator_set(
            actor=manager,
            region_code=SUKAMARA,
            year=2026,
            working_population=40000,
            population=35000,
            source="X",
        )
    assert err.value.message("id") == (
        "Penduduk bekerja (40.000) lebih besar daripada jumlah penduduk (35.000)."
    )
    path = write_csv(
        tmp_path,
        "kode;tahun;penduduk_bekerja;penduduk\n62.08.01;2026;9000;8000\n62.08.02;2026;2900;6000\n",
    )
    report = denominator_import(
        actor=manager, path=path, code_system="kemendagri", source="X", keep_good_rows=True
    )
    (refused,) = report.refused
    assert refused.error.message("id").startswith("Baris 2 (62.08.01): Penduduk bekerja (9.000)")
    assert [d.region_code for d in report.figures] == [KEC_JELAI]
    assert not Denominator.objects.filter(region_code__in=[SUKAMARA, KEC_SUKAMARA]).exists()


def test_parts_adding_up_to_more_than_the_whole_are_warned_about(manager, jelai_manager):
    from cakupan.coverage.basis.selectors import denominator_sum_warnings

    def put(code, working, year=2026, population=None):
        denominator_set(
            actor=manager,
            region_code=code,
            year=year,
            working_population=working,
            population=population,
            source="X",
        )

    put(SUKAMARA, 33914, population=70000)
    put(KEC_SUKAMARA, 20000, population=30000)
    put(KEC_JELAI, 15947, population=30000)  # kecamatan: 35.947 > 33.914, population fine
    put(KEC_JELAI, 2000, year=2025)  # another year, with no regency figure: nothing to compare
    put("62.08.02.2002", 1500)
    put("62.08.02.2003", 900)  # desa of Jelai: 2.400, under Jelai's 15.947
    (warning,) = denominator_sum_warnings(user=manager)
    assert warning.message == (
        "Jumlah penduduk bekerja kecamatan di 62.08 (35.947) melebihi angka kabupaten (33.914) "
        "untuk 2026"
    )
    put("62.08.02.2003", 15000)  # now the desa of Jelai exceed it too
    messages = [w.message for w in denominator_sum_warnings(user=manager, years=[2026])]
    assert (
        "Jumlah penduduk bekerja desa di 62.08.02 (16.500) melebihi angka kecamatan "
        in (messages[1])
    )
    assert denominator_sum_warnings(user=manager, years=[2025]) == []
    # what an upload wrote: only the warnings it touches
    only_desa = denominator_sum_warnings(user=manager, codes={"62.08.02.2003"})
    assert [w.parent_code for w in only_desa] == [KEC_JELAI]
    # a kecamatan manager sees no regency figure, so no regency warning
    assert [w.parent_code for w in denominator_sum_warnings(user=jelai_manager)] == [KEC_JELAI]
