"""`cakupan calc` against the typer app directly: option names are a contract."""

import json

import pytest
from typer.testing import CliRunner

from cakupan.calculators.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_contribution_pu_table_in_indonesian():
    result = run(
        "contribution",
        "--segment",
        "PU",
        "--date",
        "2024-06-01",
        "--wage",
        "5000000",
        "--risk-class",
        "1",
    )
    assert result.exit_code == 0, result.stderr
    assert "Iuran JKK" in result.stdout and "Pemberi kerja" in result.stdout
    assert "Rp473.000" in result.stdout and "PP 44/2015" in result.stdout


def test_contribution_pu_json():
    result = run(
        "contribution",
        "--segment",
        "PU",
        "--date",
        "2024-06-01",
        "--wage",
        "5000000",
        "--risk-class",
        "1",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["total"] == 473_000 and isinstance(data["total"], int)
    first = data["components"][0]
    assert {"program", "name", "amount", "payer", "reference"} <= set(first)
    assert first == {
        **first,
        "program": "JKK",
        "name": "jkk",
        "amount": 12_000,
        "payer": "employer",
    }
    assert data["trace"] and all("reference" in t for t in data["trace"])
    assert data["totals_by_payer"] == {"employer": 312_000, "worker": 150_000, "government": 11_000}


def test_contribution_bpu_options():
    result = run(
        "contribution",
        "--segment",
        "BPU",
        "--date",
        "2024-11-07",
        "--income",
        "1000000",
        "--with-jht",
        "--days",
        "32",
        "--json",
    )
    assert json.loads(result.stdout)["total"] == 2 * 36_800


def test_contribution_bpu_transport_en():
    result = run(
        "contribution",
        "--segment",
        "BPU",
        "--date",
        "2026-01-15",
        "--income",
        "1000000",
        "--transport-worker",
        "--lang",
        "en",
    )
    assert result.exit_code == 0 and "Rp8.400" in result.stdout and "Participant" in result.stdout


def test_contribution_jakon():
    result = run(
        "contribution",
        "--segment",
        "JAKON",
        "--date",
        "2024-01-01",
        "--project-value",
        "1000000000",
        "--json",
    )
    assert json.loads(result.stdout)["total"] == 1_750_000


def test_benefit_jkk_death_json():
    """liputan6 5320884: Rp241,303,408."""
    result = run(
        "benefit",
        "--program",
        "JKK",
        "--event",
        "death",
        "--date",
        "2023-07-01",
        "--wage",
        "3131321",
        "--children",
        "SMA",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["total"] == 241_303_408
    assert all(c["payer"] is None for c in data["components"])


def test_benefit_jkm_death_and_stmb_table():
    jkm = run(
        "benefit",
        "--program",
        "JKM",
        "--event",
        "death",
        "--date",
        "2024-02-20",
        "--membership-months",
        "12",
    )
    assert jkm.exit_code == 0 and "Rp42.000.000" in jkm.stdout and "Biaya pemakaman" in jkm.stdout
    stmb = run(
        "benefit",
        "--program",
        "JKK",
        "--event",
        "stmb",
        "--date",
        "2024-01-01",
        "--income",
        "1000000",
        "--days",
        "30",
        "--json",
    )
    assert json.loads(stmb.stdout)["total"] == 1_000_000


HEIRS = {
    "program": "JKM",
    "deceased": {"sex": "L", "death_date": "2024-02-20", "birth_date": "1980-01-01"},
    "relatives": [
        {"relation": "widow", "name": "Siti", "nik": "6208014101850003"},
        {"relation": "child", "name": "Budi", "birth_date": "2010-05-05"},
        {"relation": "parent", "name": "Ayah", "birth_date": "1950-01-01"},
    ],
}


def test_heirs_from_stdin_json():
    result = run("heirs", "--json", input=json.dumps(HEIRS))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [p["name"] for p in data["group"]] == ["Siti", "Budi"]
    assert data["group"][0]["nik"] == "620801••••••0003"  # masked
    assert [p["name"] for p in data["scholarship_children"]] == ["Budi"]


def test_heirs_from_file_table(tmp_path):
    path = tmp_path / "family.json"
    path.write_text(json.dumps(HEIRS), encoding="utf-8")
    result = run("heirs", str(path), "--program", "JHT")
    assert result.exit_code == 0 and "Siti" in result.stdout and "JHT" in result.stdout
    assert "Janda" in result.stdout


@pytest.mark.parametrize(
    ("args", "input", "fragment"),
    [
        (
            ["contribution", "--segment", "BPU", "--date", "2024-01-01", "--income", "900000"],
            None,
            "di bawah batas minimum",
        ),
        (
            [
                "contribution",
                "--segment",
                "PU",
                "--date",
                "2024-01-01",
                "--wage",
                "5000000",
                "--risk-class",
                "9",
            ],
            None,
            "Kelas risiko",
        ),
        (
            [
                "contribution",
                "--segment",
                "PU",
                "--date",
                "2024-01-01",
                "--wage",
                "-5",
                "--risk-class",
                "1",
            ],
            None,
            "negatif",
        ),
        (
            [
                "contribution",
                "--segment",
                "PU",
                "--date",
                "2024-02-30",
                "--wage",
                "1",
                "--risk-class",
                "1",
            ],
            None,
            "tidak ada di kalender",
        ),
        (
            [
                "contribution",
                "--segment",
                "PU",
                "--date",
                "2014-01-01",
                "--wage",
                "1",
                "--risk-class",
                "1",
            ],
            None,
            "belum berlaku",
        ),
        (["contribution", "--segment", "PU", "--date", "2024-01-01"], None, "--wage"),
        (["contribution", "--segment", "XYZ", "--date", "2024-01-01"], None, "PU, BPU"),
        (
            ["benefit", "--program", "JKM", "--event", "stmb", "--date", "2024-01-01"],
            None,
            "tidak tersedia",
        ),
        (["heirs"], "{not json", "JSON"),
        (["heirs"], json.dumps({**HEIRS, "relatives": [{"relation": "widower"}]}), "tidak sesuai"),
    ],
)
def test_errors_exit_2_with_message_and_no_traceback(args, input, fragment):
    result = run(*args, input=input)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_error_message_in_english():
    result = run(
        "contribution", "--segment", "BPU", "--date", "2024-01-01", "--income", "1", "--lang", "en"
    )
    assert result.exit_code == 2 and "below the BPU minimum" in result.stderr


def _money(text):
    return int(text.strip("()").removeprefix("Rp").replace(".", ""))


def test_informational_rows_are_marked_and_the_employer_total_adds_up():
    """JKP recomposed from JKK is part of the JKK contribution: it sits under it, says so,
    and the rows the employer pays (without it) add up to the employer's total."""
    result = run(
        "contribution",
        "--segment",
        "PU",
        "--date",
        "2024-06-01",
        "--wage",
        "5000000",
        "--risk-class",
        "1",
    )
    assert result.exit_code == 0, result.stderr
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in result.stdout.splitlines()
        if line.startswith("│")
    ]
    labels = [r[1] for r in rows]
    jkk = labels.index("Iuran JKK")
    assert labels[jkk + 1].startswith("↳ JKP dari rekomposisi iuran JKK")
    assert "(bagian dari iuran JKK, tidak menambah jumlah)" in labels[jkk + 1]
    assert rows[jkk + 1][3].startswith("(")  # an amount in brackets: not counted
    employer = [r for r in rows if r[2] == "Pemberi kerja" and not r[3].startswith("(")]
    total = next(r for r in rows if r[1] == "Jumlah Pemberi kerja")
    assert sum(_money(r[3]) for r in employer) == _money(total[3])


def test_informational_note_in_english_and_json():
    args = ["contribution", "--segment", "PU", "--date", "2024-06-01", "--wage", "5000000"]
    args += ["--risk-class", "1"]
    assert (
        "part of the JKK contribution, not added to the total" in run(*args, "--lang", "en").stdout
    )
    data = json.loads(run(*args, "--json").stdout)
    notes = {c["name"]: c["info_note"] for c in data["components"]}
    assert notes["jkp_from_jkk"] == "bagian dari iuran JKK, tidak menambah jumlah"
    assert notes["jkk"] is None


def test_jkk_death_label_does_not_repeat_its_detail():
    result = run(
        "benefit", "--program", "JKK", "--event", "death", "--date", "2024-06-01",
        "--wage", "1000000",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Santunan kematian (48 x upah Rp1.000.000)" in result.stdout
    assert result.stdout.count("48 x upah") == 1
