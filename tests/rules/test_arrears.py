"""Paid, grace, arrears and lapse on the incident date (rules.md §3 "Payment rules"): PU iuran
for month M is due by the 15th of M+1, BPU iuran by the 15th of M; PU JKK arrears up to 3
months BPJS pays, beyond that the employer pays first; BPU lapses after 3 unpaid months."""

import dataclasses
import datetime as dt

import pytest

from cakupan.rules import params
from cakupan.rules.arrears import arrears_situation, pu_due_date
from cakupan.rules.errors import InvalidInputError, NotInForceError

D = dt.date


def pu(day, paid, program="JKK", **kw):
    return arrears_situation(
        segment="PU", program=program, incident_date=day, paid_through=paid, **kw
    )


def bpu(day, paid, program="JKM", **kw):
    return arrears_situation(
        segment="BPU", program=program, incident_date=day, paid_through=paid, **kw
    )


def test_paid_through_the_incident_month_is_paid_and_says_so_in_both_languages():
    found = pu(D(2024, 11, 28), D(2024, 11, 1))
    assert found.situation == "paid" and found.covered and not found.employer_pays_first
    assert "November 2024" in found.explanation and "terlindungi" in found.explanation
    assert "covered" in found.explanation.en
    assert found.paid_through == D(2024, 11, 1)
    # any day of the month means that month; later months paid ahead count too
    assert pu(D(2024, 11, 28), D(2024, 11, 30)).situation == "paid"
    assert bpu(D(2024, 11, 28), D(2025, 4, 1)).situation == "paid"


def test_pu_incident_month_is_never_overdue_on_the_incident_date():
    """Iuran for November is due by 15 (→16, a Sunday) December: a death on 28 November with
    October paid is in the grace period, covered."""
    found = pu(D(2024, 11, 28), D(2024, 10, 1))
    assert found.situation == "grace" and found.covered and found.months_overdue == 0
    assert "masa tenggang" in found.explanation and "grace period" in found.explanation.en


def test_pu_previous_month_is_in_grace_up_to_and_including_its_due_day():
    """October's iuran is due by Friday 15 November 2024: on the 15th it is still on time."""
    assert pu(D(2024, 11, 15), D(2024, 9, 1)).situation == "grace"
    late = pu(D(2024, 11, 16), D(2024, 9, 1))
    assert late.situation == "arrears_bpjs_pays" and late.months_overdue == 1
    assert "Oktober 2024" in late.explanation and "October 2024" in late.explanation.en


def test_a_pu_due_date_on_a_weekend_moves_to_monday():
    assert pu_due_date(D(2024, 11, 1), 15) == D(2024, 12, 16)  # 15 Dec 2024 is a Sunday
    assert pu(D(2024, 12, 16), D(2024, 10, 1)).situation == "grace"
    assert pu(D(2024, 12, 17), D(2024, 10, 1)).situation == "arrears_bpjs_pays"


def test_pu_jkk_arrears_of_three_months_bpjs_pays_four_months_employer_first():
    """PP 44/2015 as explained by BPJS (gridstar): ≤3 months BPJS pays; >3 the employer pays
    the benefit first and BPJS reimburses after arrears plus denda are paid."""
    three = pu(D(2024, 11, 28), D(2024, 7, 1))  # Aug, Sep, Oct overdue
    assert three.situation == "arrears_bpjs_pays" and three.months_overdue == 3
    assert three.covered and "BPJS Ketenagakerjaan membayar manfaat JKK" in three.explanation
    four = pu(D(2024, 11, 28), D(2024, 6, 1))  # Jul – Oct overdue
    assert four.situation == "arrears_employer_first" and four.months_overdue == 4
    assert four.covered and four.employer_pays_first
    assert "pemberi kerja membayar manfaat JKK" in four.explanation
    assert "reimburses the employer" in four.explanation.en and "2%" in four.explanation.en
    assert "PP 44/2015" in four.reference
    used = {t.parameter for t in four.trace}
    assert {"arrears.pu_due_day", "arrears.pu_jkk_months_bpjs_pays"} <= used
    assert "arrears.pu_late_penalty" in used


def test_pu_jkm_follows_the_jkk_threshold_flagged_uncertain():
    four = pu(D(2024, 11, 28), D(2024, 6, 1), program="JKM")
    assert four.situation == "arrears_employer_first"
    note = next(t.note for t in four.trace if t.parameter == "arrears.pu_jkm_months_bpjs_pays")
    assert "[U]" in note


def test_jkp_is_paid_with_up_to_six_months_of_arrears_from_pp_6_2025():
    """PP 6/2025 Ps 39A: JKP is paid if the employer is in arrears for up to 6 months."""
    day = D(2025, 9, 20)
    six = pu(day, D(2025, 2, 1), program="JKP")  # Mar – Aug overdue (Sep due in October)
    assert six.situation == "arrears_bpjs_pays" and six.months_overdue == 6
    assert "PP 6/2025 Pasal 39A" == six.reference
    seven = pu(day, D(2025, 1, 1), program="JKP")
    assert seven.situation == "arrears_employer_first"
    assert "belum dipastikan" in seven.explanation and "not been confirmed" in seven.explanation.en
    with pytest.raises(NotInForceError):
        pu(D(2024, 9, 20), D(2024, 1, 1), program="JKP")


def test_a_bpu_death_before_the_months_due_date_is_the_payment_window_not_arrears():
    """The trial's case: July paid, death on 10 August 2026. August's iuran is due by 15
    August, so on the 10th it was not late: the payment window (grace), covered if August was
    paid by its due date, which the verifier checks. No refusal, and no text saying it was."""
    found = bpu(D(2026, 8, 10), D(2026, 7, 1))
    assert found.situation == "grace" and found.covered and found.months_overdue == 0
    text, en = str(found.explanation), found.explanation.en
    assert "masa pembayaran, bukan tunggakan" in text
    assert "dibayar paling lambat 15 Agustus 2026" in text and "bukti pembayaran" in text
    assert "tidak dijamin" not in text and "belum dibayar" not in text
    assert "payment window, not arrears" in en and "paid by 15 August 2026" in en
    setting = next(t for t in found.trace if t.parameter == "arrears.bpu_payment_window_covers")
    assert setting.value is True and "[U]" in setting.note  # the assumption stays on file
    assert bpu(D(2026, 8, 15), D(2026, 7, 1)).situation == "grace"  # the due day is on time


def test_a_bpu_death_after_the_months_due_date_is_not_covered_and_says_why():
    """BPU iuran is prepaid and coverage follows paid months; a death in a month whose iuran
    was due before the incident and unpaid is assumed not covered even if paid later."""
    late = bpu(D(2026, 8, 16), D(2026, 7, 1))
    assert late.situation == "bpu_unpaid_month" and not late.covered
    assert "bulan kejadian Agustus 2026 belum dibayar" in late.explanation
    assert "jatuh tempo paling lambat 15 Agustus 2026, sebelum tanggal kejadian" in late.explanation
    assert (
        "not covered" in late.explanation.en and "before the incident date" in late.explanation.en
    )
    name = "arrears.bpu_paid_after_incident_covers"
    setting = next(t for t in late.trace if t.parameter == name)
    assert setting.value is False and "[U]" in setting.note


def test_a_bpu_death_in_the_payment_window_with_an_earlier_month_overdue_is_not_covered():
    """September paid, death on 5 November: November was not yet due, but October was past
    its due date (15 October) and unpaid: the window does not apply, and the text names
    October, not November, as the late month."""
    found = bpu(D(2024, 11, 5), D(2024, 9, 1))
    assert found.situation == "bpu_unpaid_month" and found.months_overdue == 1
    assert "Iuran BPU Oktober 2024 sudah lewat jatuh tempo" in found.explanation
    assert "October 2024 was past its due date" in found.explanation.en


def test_bpu_lapses_after_more_than_three_unpaid_months():
    """Paid through July; on 15 November August–October are overdue (3) and November is due
    that day: not yet lapsed, the month is simply unpaid. On 16 November: 4 → non-active."""
    three = bpu(D(2024, 11, 15), D(2024, 7, 1))
    assert three.situation == "bpu_unpaid_month" and three.months_overdue == 3
    four = bpu(D(2024, 11, 16), D(2024, 7, 1))
    assert four.situation == "bpu_lapsed" and four.months_overdue == 4 and not four.covered
    assert "non-aktif" in four.explanation and "register again" in four.explanation.en
    assert any(t.parameter == "arrears.bpu_lapse_after_months" for t in four.trace)


def test_months_before_the_spell_began_are_not_unpaid():
    late_start = bpu(D(2024, 11, 28), D(2024, 1, 1), coverage_start=D(2024, 11, 7))
    assert late_start.situation == "bpu_unpaid_month" and late_start.months_overdue == 1
    assert pu(D(2024, 11, 28), D(2024, 1, 1), coverage_start=D(2024, 11, 1)).situation == "grace"


def test_no_paid_through_is_unknown_with_the_due_date_to_check():
    found = pu(D(2024, 11, 28), None)
    assert found.situation == "unknown" and found.covered
    assert "belum diperiksa" in found.explanation and "16 Desember 2024" in found.explanation
    assert "not been checked" in found.explanation.en
    assert bpu(D(2024, 11, 28), None).situation == "unknown"


def test_jht_jakon_and_pmi_have_no_monthly_arrears_rule():
    assert pu(D(2024, 11, 28), None, program="JHT").situation == "not_applicable"
    for segment in ("JAKON", "PMI"):
        found = arrears_situation(
            segment=segment, program="JKK", incident_date=D(2024, 11, 28), paid_through=None
        )
        assert found.situation == "not_applicable" and found.covered and found.trace == ()


def test_agreement_payers_follow_their_segment_and_say_so():
    found = bpu(D(2024, 11, 28), D(2024, 11, 1), payer="apbd")
    assert found.situation == "paid"
    assert "APBD berdasarkan perjanjian kerja sama (PKS)" in found.explanation
    assert "the BPU rule applies" in found.explanation.en
    assert "PKS" not in bpu(D(2024, 11, 28), D(2024, 11, 1), payer="self").explanation


def test_impossible_inputs_are_refused():
    with pytest.raises(InvalidInputError):
        arrears_situation(
            segment="XX", program="JKK", incident_date=D(2024, 1, 1), paid_through=None
        )
    with pytest.raises(InvalidInputError):  # JKP is for PU only
        bpu(D(2025, 9, 1), None, program="JKP")
    with pytest.raises(InvalidInputError):
        pu(D(2024, 1, 1), "2024-01")


def test_as_dict_is_json_ready_in_the_chosen_language():
    data = pu(D(2024, 11, 28), D(2024, 6, 1)).as_dict("en")
    assert data["situation"] == "arrears_employer_first" and data["employer_pays_first"]
    assert data["paid_through"] == "2024-06" and data["months_overdue"] == 4
    assert "employer pays the JKK benefit" in data["explanation"]
    assert all(isinstance(t["effective_from"], str) for t in data["trace"])


def _flip(monkeypatch, setting: str, value: bool) -> None:
    real = params.param

    def flipped(name):
        found = real(name)
        if name != setting:
            return found
        history = tuple(dataclasses.replace(v, value=value) for v in found.history)
        return dataclasses.replace(found, history=history)

    monkeypatch.setattr("cakupan.rules.calculation.param", flipped)


def test_if_late_payment_were_to_cover_bpu_incidents_the_setting_changes_the_answer(
    monkeypatch,
):
    """The [U] assumption is a dated setting, not code: flipping it gives grace (not yet due)
    and recoverable arrears (≤ 3 months) instead of a refusal; a lapse stays a lapse."""
    _flip(monkeypatch, "arrears.bpu_paid_after_incident_covers", True)
    assert bpu(D(2024, 11, 5), D(2024, 10, 1)).situation == "grace"
    recoverable = bpu(D(2024, 11, 20), D(2024, 9, 1))
    assert recoverable.situation == "arrears_bpjs_pays" and recoverable.covered
    assert bpu(D(2024, 11, 16), D(2024, 7, 1)).situation == "bpu_lapsed"


def test_without_the_payment_window_a_bpu_death_before_the_due_date_is_refused_consistently(
    monkeypatch,
):
    """The window is an assumption [U] kept as a setting: switched off, an incident before
    the due date in an unpaid month is not covered, and the text does not call it late."""
    _flip(monkeypatch, "arrears.bpu_payment_window_covers", False)
    found = bpu(D(2026, 8, 10), D(2026, 7, 1))
    assert found.situation == "bpu_unpaid_month" and not found.covered
    assert "belum dibayar sebelum kejadian" in found.explanation
    assert "sebelum tanggal kejadian" not in found.explanation  # not "due before the incident"
    assert "was not paid before the incident" in found.explanation.en


@pytest.mark.parametrize(
    ("segment", "program", "day", "paid"),
    [
        ("PU", "JKK", D(2024, 11, 28), D(2024, 11, 1)),
        ("PU", "JKK", D(2024, 11, 28), D(2024, 10, 1)),
        ("PU", "JKM", D(2024, 11, 28), D(2024, 7, 1)),
        ("PU", "JKM", D(2024, 11, 28), D(2024, 6, 1)),
        ("PU", "JKP", D(2025, 9, 20), D(2025, 1, 1)),
        ("BPU", "JKM", D(2026, 8, 10), D(2026, 7, 1)),
        ("BPU", "JKM", D(2026, 8, 16), D(2026, 7, 1)),
        ("BPU", "JKM", D(2024, 11, 16), D(2024, 7, 1)),
        ("BPU", "JKK", D(2024, 11, 28), None),
    ],
)
def test_what_people_read_carries_no_internal_markers(segment, program, day, paid):
    """Explanations and legal references are shown on the claim page, the decision and the
    letter: the [U] flags and "not verified" remarks stay in the parameters' notes."""
    found = arrears_situation(
        segment=segment, program=program, incident_date=day, paid_through=paid, payer="apbd"
    )
    for text in (str(found.explanation), found.explanation.en, found.reference):
        assert "[U]" not in text and "tidak diverifikasi" not in text
    assert found.reference.startswith(("PP ", "BPJS Ketenagakerjaan "))
