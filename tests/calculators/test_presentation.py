"""What the calculators say to people: subtotals, words in the chosen language, readable errors.

A family reading a JKM result must not take the scholarships for years to come as money paid
now; an officer choosing English must not meet Indonesian fragments (or the reverse); an error
names the field the user filled in and writes dates as people write them.
"""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from cakupan.calculators.cli import app
from cakupan.calculators.parsing import cli_field
from cakupan.calculators.requests import benefit_request, contribution_request, heirs_request
from cakupan.calculators.results import benefit_as_dict, contribution_as_dict, heirs_as_dict
from cakupan.rules.errors import InvalidInputError, NotInForceError
from cakupan.rules.params import param

runner = CliRunner()
DEATH = "2024-11-27"
DAY = dt.date(2024, 11, 27)


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def jkm_paid_at_claim(day: dt.date) -> int:
    """Lump sum + 24 months of periodic benefit + funeral, straight from the parameters."""
    lump = param("jkm.lump_sum").at(day).value
    periodic = (
        param("jkm.periodic_monthly").at(day).value * param("jkm.periodic_months").at(day).value
    )
    return lump + periodic + param("jkm.funeral").at(day).value


def scholarship_most(level_codes: list[str], day: dt.date) -> int:
    """What a child at each level can receive through university (PP 82/2019 Lampiran III)."""
    table = param("scholarship.levels").at(day).value
    order = list(table)
    return sum(
        row["per_year"] * row["years"]
        for code in level_codes
        for row in (table[name] for name in order[order.index(code) :])
    )


# ---------------------------------------------------------------- subtotals


def test_jkm_death_separates_money_paid_now_from_scholarships():
    calc = benefit_request(
        program="JKM", event="death", date=DEATH, membership_months=60, children="SD,SMA"
    )
    data = benefit_as_dict(calc, "id")
    assert data["paid_at_claim"] == jkm_paid_at_claim(DAY)
    assert data["scholarships_total"] == scholarship_most(["TK_SD", "SMA"], DAY)
    amounts = [c["amount"] for c in data["components"] if not c["informational"]]
    assert data["total"] == sum(amounts) == data["paid_at_claim"] + data["scholarships_total"]
    assert "per tahun ajaran" in data["scholarships_note"]
    english = benefit_as_dict(calc, "en")
    assert "per school year" in english["scholarships_note"]


def test_no_scholarship_means_a_zero_subtotal_and_no_note():
    calc = benefit_request(program="JKM", event="death", date=DEATH, membership_months=12)
    data = benefit_as_dict(calc, "id")
    assert data["scholarships_total"] == 0 and data["scholarships_note"] is None
    assert data["paid_at_claim"] == data["total"] == jkm_paid_at_claim(DAY)


def test_stmb_is_all_paid_on_the_claim():
    calc = benefit_request(program="JKK", event="stmb", date=DEATH, wage=3_000_000, days=30)
    data = benefit_as_dict(calc, "en")
    assert data["paid_at_claim"] == data["total"] == 3_000_000  # 30 days at 100 % = one wage
    assert data["scholarships_total"] == 0


def test_cli_benefit_json_has_the_subtotals_and_total_is_the_sum():
    result = run(
        "benefit", "--program", "JKK", "--event", "death", "--date", DEATH,
        "--wage", "3000000", "--children", "SMP", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    amounts = [c["amount"] for c in data["components"] if not c["informational"]]
    assert data["total"] == sum(amounts) == data["paid_at_claim"] + data["scholarships_total"]
    assert data["scholarships_total"] == scholarship_most(["SMP"], DAY)
    for component in data["components"]:
        assert {"program", "name", "amount", "payer", "reference"} <= set(component)


def test_cli_benefit_table_shows_two_labelled_sections():
    args = ["benefit", "--program", "JKM", "--event", "death", "--date", DEATH]
    args += ["--membership-months", "60", "--children", "SD"]
    indonesian = run(*args).stdout
    paid = f"Rp{jkm_paid_at_claim(DAY):,}".replace(",", ".")
    assert "Dibayar saat klaim" in indonesian and paid in indonesian
    assert "dibayar per tahun ajaran" in indonesian and "termasuk beasiswa" in indonesian
    english = run(*args, "--lang", "en").stdout
    assert "Paid when the claim is paid" in english and paid in english
    assert "paid per school year" in english and "including future scholarships" in english


def test_contribution_json_has_no_benefit_subtotals():
    calc = contribution_request(segment="BPU", date=DEATH, income=1_000_000)
    assert "paid_at_claim" not in contribution_as_dict(calc, "id")


# ---------------------------------------------------------------- words in the chosen language


def test_cli_titles_say_the_event_in_words():
    args = ["benefit", "--program", "JKM", "--event", "death", "--date", DEATH]
    indonesian = run(*args).stdout
    assert "Manfaat JKM: kematian, 27 November 2024" in indonesian
    assert "(death)" not in indonesian
    english = run(*args, "--lang", "en").stdout
    assert "JKM benefit: death, 27 November 2024" in english
    stmb = run("benefit", "--program", "JKK", "--event", "stmb", "--date", "2024-05-02",
               "--wage", "3000000", "--days", "10").stdout  # fmt: skip
    assert "tidak mampu bekerja sementara (STMB), 2 Mei 2024" in stmb


def test_bpu_duty_period_note_and_details_in_each_language():
    args = ["contribution", "--segment", "BPU", "--date", DEATH, "--income", "1000000"]
    args += ["--days", "40"]
    indonesian = run(*args).stdout
    assert "November 2024: 4 dari 30 hari" in indonesian
    assert "Masa tugas 40 hari menyentuh 3 bulan iuran" in indonesian
    assert "month(s)" not in indonesian and "charging=" not in indonesian
    assert "2024-11" not in indonesian
    english = run(*args, "--lang", "en").stdout
    assert "November 2024: 4 of 30 days" in english
    assert "The 40-day duty period touches 3 iuran months" in english
    assert "hari" not in english and "dihitung" not in english


def test_school_levels_and_money_in_details_are_written_for_people():
    calc = benefit_request(
        program="JKM", event="death", date=DEATH, membership_months=60, children="SD,SMA:1"
    )
    # The details people read; level codes stay in the input and the trace.
    indonesian = " | ".join(c["detail"] or "" for c in benefit_as_dict(calc, "id")["components"])
    english = " | ".join(c["detail"] or "" for c in benefit_as_dict(calc, "en")["components"])
    for text in (indonesian, english):
        assert "TK_SD" not in text and "x 500000" not in text and "24 x" not in text
    assert "anak ke-1: TK/SD, 8 tahun x Rp1.500.000" in indonesian
    assert "anak ke-2: SMA/SMK, 1 tahun x Rp3.000.000" in indonesian
    assert "24 bulan x Rp500.000" in indonesian
    assert "child 1: Kindergarten/primary school (TK/SD), 8 years x Rp1.500.000" in english
    assert "child 2: Senior secondary school (SMA/SMK), 1 year x Rp3.000.000" in english
    assert "24 months x Rp500.000" in english and "anak" not in english


def test_jkm_scholarship_refused_note_in_both_languages():
    calc = benefit_request(program="JKM", event="death", date=DEATH, membership_months=12,
                           children="SMP")  # fmt: skip
    minimum = param("jkm.scholarship_min_membership").at(DAY).value
    assert benefit_as_dict(calc, "id")["notes"] == [
        f"Beasiswa JKM tidak diberikan: masa iur 12 bulan, kurang dari {minimum} bulan yang "
        "disyaratkan."
    ]
    assert benefit_as_dict(calc, "en")["notes"] == [
        f"No JKM scholarship: 12 months of contributions, fewer than the {minimum} months required."
    ]


def test_jkk_death_minimum_and_stmb_stages_in_words():
    low = benefit_request(program="JKK", event="death", date=DEATH, wage=100_000)
    floor = param("jkm.lump_sum").at(DAY).value
    detail = benefit_as_dict(low, "en")["components"][0]["detail"]
    assert detail == f"at least the JKM lump sum of Rp{floor:,}".replace(",", ".")
    stmb = benefit_request(program="JKK", event="stmb", date=DEATH, wage=3_000_000, days=400)
    details = [c["detail"] for c in benefit_as_dict(stmb, "id")["components"]]
    assert details[0].startswith("hari ke-1 s.d. ") and details[0].endswith("100% upah")
    details = [c["detail"] for c in benefit_as_dict(stmb, "en")["components"]]
    assert details[0].startswith("days 1 to ") and details[0].endswith("100% of wage")


def test_jakon_tiers_are_rupiah_and_percent_per_language():
    calc = contribution_request(segment="JAKON", date=DEATH, project_value=200_000_000)
    indonesian = contribution_as_dict(calc, "id")["components"][0]["detail"]
    english = contribution_as_dict(calc, "en")["components"][0]["detail"]
    assert indonesian.startswith("Rp100.000.000 x 0,21% + Rp100.000.000 x ")
    assert english.startswith("Rp100.000.000 x 0.21% + Rp100.000.000 x ")


def test_unknown_language_is_refused():
    result = run("benefit", "--program", "JKM", "--event", "death", "--date", DEATH,
                 "--lang", "fr")  # fmt: skip
    assert result.exit_code == 2 and "--lang" in result.stderr and "id, en" in result.stderr


# ---------------------------------------------------------------- errors


def test_impossible_date_is_named_as_such():
    with pytest.raises(InvalidInputError) as caught:
        benefit_request(program="JKM", event="death", date="2024-02-30", field=cli_field)
    err = caught.value
    assert err.code == "input.date" and err.option == "date"
    assert err.message("id") == "--date: tanggal 30 Februari 2024 tidak ada di kalender."
    assert err.message("en") == "--date: 30 February 2024 is not a date on the calendar."


def test_date_before_the_rules_names_the_rule_not_its_key():
    with pytest.raises(NotInForceError) as caught:
        benefit_request(program="JKK", event="stmb", date="2010-02-03", wage=1, days=1)
    err = caught.value
    assert err.code == "param.not_in_force" and err.option == "date"
    schedule = param("jkk.stmb_schedule")
    first = schedule.history[0].effective_from
    indonesian, english = err.message("id"), err.message("en")
    assert "jkk.stmb_schedule" not in indonesian + english
    assert schedule.description["id"] in indonesian and schedule.description["en"] in english
    assert "3 Februari 2010" in indonesian and f"{first.day} Juli {first.year}" in indonesian
    assert "3 February 2010" in english and "2010-02-03" not in indonesian + english


def test_rule_errors_name_the_field_the_caller_uses():
    with pytest.raises(InvalidInputError) as caught:
        benefit_request(program="JKK", event="stmb", date=DEATH, wage=1, days=1,
                        membership_months="-3", field=cli_field)  # fmt: skip
    assert "--membership-months" in caught.value.message("en")
    with pytest.raises(InvalidInputError) as caught:
        benefit_request(program="JKK", event="death", date=DEATH, wage=0, field=cli_field)
    assert caught.value.message("id").startswith("--wage ")
    assert "wage_or_income" not in caught.value.message("id")


def test_heirs_errors_write_dates_and_relations_in_words():
    family = {
        "program": "JKM",
        "deceased": {"sex": "L", "death_date": "2024-02-20", "birth_date": "1980-01-01"},
        "relatives": [{"relation": "child", "birth_date": "1970-02-01"}],
    }
    with pytest.raises(InvalidInputError) as caught:
        heirs_request(family)
    indonesian, english = caught.value.message("id"), caught.value.message("en")
    assert "1 Februari 1970" in indonesian and "1 Januari 1980" in indonesian
    assert "1 February 1970" in english and "Anak" in indonesian and "Child" in english
    assert "1970-02-01" not in indonesian + english


# ---------------------------------------------------------------- heirs output

FAMILY = {
    "program": "JKM",
    "deceased": {"sex": "L", "death_date": "2024-02-20", "birth_date": "1980-01-01"},
    "relatives": [
        {"relation": "widow", "name": "Siti", "nik": "6208014101850003"},
        {"relation": "child", "name": "Budi", "birth_date": "2010-05-05"},
        {"relation": "parent", "name": "Ayah", "alive": False},
    ],
}


def test_heirs_json_keeps_its_shape_with_labels_and_reasons_in_language():
    indonesian = heirs_as_dict(heirs_request(FAMILY), "id")
    english = heirs_as_dict(heirs_request(FAMILY), "en")
    assert set(indonesian) == {
        "program", "recipient", "recipient_label", "group_rank", "reference", "group",
        "scholarship_children", "excluded",
    }  # fmt: skip
    assert [p["relation_label"] for p in indonesian["group"]] == ["Janda", "Anak"]
    assert [p["relation_label"] for p in english["group"]] == ["Widow", "Child"]
    assert indonesian["excluded"][0]["reason"] == "sudah meninggal"
    assert english["excluded"][0]["reason"] == "not alive"
    assert indonesian["group"][0]["nik"] != "6208014101850003"  # masked


def test_cli_heirs_table_in_words():
    text = json.dumps(FAMILY)
    indonesian = run("heirs", input=text).stdout
    assert "5 Mei 2010" in indonesian and "golongan ke-1" in indonesian
    assert "Ayah: sudah meninggal" in indonesian and "not alive" not in indonesian
    english = run("heirs", "--lang", "en", input=text).stdout
    assert "5 May 2010" in english and "group 1" in english and "Widow" in english
    assert "Ayah: not alive" in english and "meninggal" not in english
