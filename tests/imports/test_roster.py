"""Roster imports: the officers of a cooperation agreement (PKS), checked row by row against the
agreement (roles, validity, minimum age) and the registry, previewed with the premium and the
budget left, and enrolled as spells paid under the agreement."""

import datetime as dt
import io

import pytest

from cakupan.agreements import money
from cakupan.agreements.models import Agreement
from cakupan.agreements.officer_roles import role_match
from cakupan.agreements.roster_kind import legal_min_ages
from cakupan.imports import services
from cakupan.imports.kinds import kind_get
from cakupan.imports.selectors import batch_errors
from cakupan.registry.models import Person, Spell
from cakupan.rules.nik import build_nik
from tests.agreements.conftest import make_agreement
from tests.conftest import KEC_SUKAMARA, make_user
from tests.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ["NIK", "Nama", "Jabatan", "TPS", "Desa/Kelurahan", "Kecamatan", "Mulai", "Selesai"]
DUTY = ("07/11/2024", "08/12/2024")


def officer(serial, *, role="Anggota KPPS", born=None, desa="Kartamulia", duty=DUTY, sex="L"):
    born = born or dt.date(1975 + serial % 20, 1 + serial % 12, 1 + serial % 27)
    nik = build_nik(kecamatan=KEC_SUKAMARA, birth_date=born, sex=sex, serial=serial)
    return [nik, f"Petugas {serial}", role, f"TPS {serial:03d}", desa, "Sukamara", *duty]


@pytest.fixture
def agreement(operator):
    return make_agreement(operator, budget_ceiling=1_000_000)


@pytest.fixture
def partner(regions):
    return make_user("kesbangpol", "partner_operator", "62.08")


def roster_upload(actor, agreement, data, name="petugas.csv", **options):
    return services.batch_upload(
        actor=actor,
        kind="roster",
        area_code=agreement.region_code,
        source=io.BytesIO(data),
        filename=name,
        options={"agreement_id": agreement.pk, **options},
    )


def roster_validated(actor, agreement, data, **options):
    batch = roster_upload(actor, agreement, data, **options)
    return services.batch_validate(actor=actor, batch_id=batch.pk, inline=True)


def roster_committed(actor, agreement, data, chunk_rows=None, **options):
    batch = roster_validated(actor, agreement, data, **options)
    services.batch_review(actor=actor, batch_id=batch.pk)
    return services.batch_commit(actor=actor, batch_id=batch.pk, inline=True, chunk_rows=chunk_rows)


def codes(batch) -> list[tuple[int, str]]:
    return [(e["row"], e["code"]) for e in batch_errors(batch=batch)]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("KPPS", "KPPS"),
        ("Anggota KPPS 3", "KPPS"),
        ("ketua kpps", "KPPS"),
        ("Ketua PPS", "PPS"),
        ("Anggota PPK", "PPK"),
        ("Sekretaris PPS", "Sekretariat"),
        ("Staf Sekretariat PPK", "Sekretariat"),
        ("Pengawas TPS", "PTPS"),
        ("PTPS", "PTPS"),
        ("Petugas Ketertiban TPS", "Linmas"),
        ("Satlinmas", "Linmas"),
        ("PPDP", "Pantarlih"),
        ("Pantarlih", "Pantarlih"),
        ("Panwaslu Kecamatan", "Panwascam"),
        ("Panwaslu Kelurahan/Desa", "PKD"),
        ("PKD", "PKD"),
        ("Bupati", None),
        ("", None),
    ],
)
def test_roles_are_read_as_offices_write_them(text, role):
    assert role_match(text) == role


def test_legal_minimum_age_is_dated_and_cited():
    """UU 7/2017 Ps 72 (17 years for KPU ad hoc bodies); Perppu 1/2022 lowered Bawaslu's from
    25 to 21 (rules/parameters/election.yaml, marked [U])."""
    assert legal_min_ages(dt.date(2019, 4, 1))["PTPS"] == 25
    assert legal_min_ages(dt.date(2024, 11, 7)) | {} == {
        "PPK": 17, "PPS": 17, "KPPS": 17, "Pantarlih": 17, "Linmas": 17,
        "Panwascam": 21, "PKD": 21, "PTPS": 21,
    }  # fmt: skip
    assert legal_min_ages(dt.date(2010, 1, 1)) == {}


def test_preview_shows_counts_premium_and_budget_left(operator, agreement):
    batch = roster_validated(
        operator, agreement, csv_bytes([officer(i) for i in (1, 2, 3)], HEADER)
    )
    assert batch.state == "validated" and (batch.rows_valid, batch.rows_invalid) == (3, 0)
    assert batch.mapping == {
        "NIK": "nik", "Nama": "name", "Jabatan": "role", "TPS": "tps",
        "Desa/Kelurahan": "village", "Kecamatan": "district", "Mulai": "duty_start",
        "Selesai": "duty_end",
    }  # fmt: skip
    terms = money.Terms.of(agreement)
    one = money.spell_charge(terms, dt.date(2024, 11, 7), dt.date(2024, 12, 8), None).amount
    assert one == 2 * 16_800  # two months started, the Rp16.800 JKK+JKM package (rules.md §6.1)
    assert batch.contribution_total == 3 * one
    facts = {i: v for _label, v, i in kind_get("roster").preview_facts(batch=batch, user=operator)}
    assert facts["budget-ceiling"] == "Rp1.000.000"
    assert facts["budget-used"] == "Rp0"
    assert facts["budget-left"] == "Rp899.200"
    assert Person.objects.count() == 0 and Spell.objects.count() == 0


def test_every_problem_is_named_on_its_row(operator, agreement):
    other = make_agreement(operator, number="400/9/BAWASLU/2024", roles=["PTPS"])
    clash = officer(9, role="PTPS")
    roster_committed(operator, other, csv_bytes([clash], HEADER))
    rows = [
        officer(1),  # row 2: fine
        ["6.20801E+15", *officer(2)[1:]],  # Excel turned the NIK into a number
        [officer(3)[0][:12] + "0000", *officer(3)[1:]],  # Excel zeroed the last digits
        officer(4, role="Ketua PPS"),  # not covered by this agreement
        officer(5, role="Bupati"),  # no role at all
        officer(6, duty=("31/02/2024", "08/12/2024")),  # no such date
        officer(7, duty=("01/11/2024", "15/01/2025")),  # beyond the agreement's end
        officer(8, born=dt.date(2008, 1, 1)),  # 16 on the first day of duty
        officer(10, desa="Kartamulya"),  # a typo: suggest the nearest desa
        officer(11),
        officer(11),  # the same NIK twice
        [clash[0], "Petugas 9", "Linmas", "TPS 009", "Kartamulia", "Sukamara", *DUTY],
    ]
    batch = roster_validated(operator, agreement, csv_bytes(rows, HEADER))
    found = codes(batch)
    assert found == [
        (3, "nik.excel_mangled"),
        (4, "nik.serial_zero"),
        (5, "roster.role_not_in_agreement"),
        (6, "roster.role_unknown"),
        (7, "date.invalid"),
        (8, "roster.duty_outside"),
        (9, "roster.under_age"),
        (10, "region.village_unknown"),
        (11, "nik.duplicate_in_file"),
        (12, "nik.duplicate_in_file"),
        (13, "spell.overlap_agreement"),
    ]
    messages = {e["row"]: e for e in batch_errors(batch=batch)}
    assert "PKS 400.5/123/KESBANGPOL/2024" in messages[5]["message"]
    assert "KPPS, Linmas" in messages[6]["message"]
    assert messages[7]["column"] == "Mulai" and messages[7]["value"] == "31/02/2024"
    assert "(1 Juni 2024 s.d. 31 Desember 2024)" in messages[8]["message"]
    assert "31-12-2024" not in messages[8]["message"]
    assert "usia minimum KPPS adalah 17 tahun" in messages[9]["message"]
    assert "Usia 16 tahun" in messages[9]["message"]
    assert "Kartamulia" in messages[10]["message"]
    assert "PTPS pada PKS 400/9/BAWASLU/2024" in messages[13]["message"]
    assert batch.rows_valid == 1
    english = batch_errors(batch=batch, lang="en")
    assert "minimum age for KPPS is 17" in english[6]["message"]
    assert "(1 June 2024 to 31 December 2024)" in english[5]["message"]


def test_duty_dates_default_to_the_batch_then_the_agreement(operator, agreement):
    header = ["NIK", "Nama", "Jabatan", "Desa"]
    rows = [officer(1)[:3] + ["Kartamulia"]]
    whole = roster_committed(operator, agreement, csv_bytes(rows, header))
    spell = Spell.objects.get(source=f"import:{whole.pk}")
    assert (spell.start_date, spell.end_date) == (dt.date(2024, 6, 1), dt.date(2024, 12, 31))
    rows = [officer(2)[:3] + ["Kartamulia"]]
    batch = roster_committed(
        operator, agreement, csv_bytes(rows, header), duty_start="2024-11-07", duty_end="2024-12-08"
    )
    spell = Spell.objects.get(source=f"import:{batch.pk}")
    assert (spell.start_date, spell.end_date) == (dt.date(2024, 11, 7), dt.date(2024, 12, 8))


def test_single_role_agreement_needs_no_role_column(operator):
    linmas = make_agreement(operator, number="400/7/2024", roles=["Linmas"])
    header = ["NIK", "Nama", "Desa", "Mulai", "Selesai"]
    row = officer(1)
    batch = roster_committed(operator, linmas, csv_bytes([[*row[:2], row[4], *DUTY]], header))
    assert Spell.objects.get(source=f"import:{batch.pk}").role == "Linmas"


def test_commit_enrols_officers_under_the_agreement(partner, operator, agreement):
    """The Kesbangpol operator (partner_operator) imports; the spells are the agreement's."""
    rows = [officer(1), officer(2, role="Petugas Ketertiban TPS", sex="P")]
    batch = roster_committed(partner, agreement, csv_bytes(rows, HEADER))
    assert batch.state == "committed" and (batch.committed_persons, batch.committed_spells) == (
        2,
        2,
    )
    spells = {s.person.name: s for s in Spell.objects.select_related("person")}
    kpps, linmas = spells["Petugas 1"], spells["Petugas 2"]
    assert (kpps.role, linmas.role) == ("KPPS", "Linmas")
    assert kpps.agreement_id == agreement.pk and kpps.payer == agreement.payer
    assert (kpps.jkk, kpps.jkm, kpps.jht, kpps.segment) == (True, True, False, "BPU")
    assert (kpps.start_date, kpps.end_date) == (dt.date(2024, 11, 7), dt.date(2024, 12, 8))
    assert kpps.region_code == "62.08.01.2005" and kpps.created_by == partner
    assert linmas.person.sex == "P"
    # The agreement's budget now counts them.
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert money.budget(agreement).used == batch.contribution_total == 2 * 33_600


def test_reupload_changes_nothing_and_a_corrected_file_adds_only_the_new(operator, agreement):
    rows = [officer(i) for i in (1, 2, 3)]
    rows[2][4] = "Kartamulya"  # row 4 is wrong the first time
    first = roster_committed(operator, agreement, csv_bytes(rows, HEADER))
    assert (first.committed_spells, first.rows_invalid) == (2, 1)
    again = roster_committed(operator, agreement, csv_bytes(rows, HEADER))
    assert (again.spells_new, again.spells_unchanged, again.committed_spells) == (0, 2, 0)
    assert again.contribution_total == 0  # nothing more to pay
    rows[2][4] = "Kartamulia"
    fixed = roster_committed(operator, agreement, csv_bytes(rows, HEADER))
    assert (fixed.spells_new, fixed.spells_unchanged, fixed.committed_spells) == (1, 2, 1)
    assert Spell.objects.filter(agreement=agreement).count() == 3


def test_two_overlapping_imports_at_once_cannot_overlap(operator, agreement):
    """Two operators validate overlapping rosters (KPPS under this PKS, Linmas under
    another) before either commits. The first commit wins; the database refuses the second's
    overlaps, which come back as row errors naming the cause, and the rest is stored."""
    other = make_agreement(operator, number="400/8/2024", roles=["Linmas"])
    kpps = [officer(i) for i in (1, 2, 3)]
    linmas = [[*officer(i)[:2], "Linmas", *officer(i)[3:]] for i in (2, 3, 4)]
    a = roster_validated(operator, agreement, csv_bytes(kpps, HEADER))
    b = roster_validated(operator, other, csv_bytes(linmas, HEADER))
    assert a.rows_valid == 3 and b.rows_valid == 3  # neither knew of the other
    for batch in (a, b):
        services.batch_review(actor=operator, batch_id=batch.pk)
    done_a = services.batch_commit(actor=operator, batch_id=a.pk, inline=True)
    done_b = services.batch_commit(actor=operator, batch_id=b.pk, inline=True, chunk_rows=2)
    assert done_a.state == done_b.state == "committed"
    assert done_b.committed_spells == 1 and (done_b.rows_valid, done_b.rows_invalid) == (1, 2)
    assert codes(done_b) == [(2, "spell.overlap_concurrent"), (3, "spell.overlap_concurrent")]
    for person in Person.objects.all():
        assert person.spells.count() == 1  # nobody holds two overlapping spells


def test_failure_mid_commit_leaves_the_chunk_out_whole(operator, agreement, monkeypatch):
    from cakupan.registry.services import bulk

    rows = [officer(i) for i in range(1, 6)]
    batch = roster_validated(operator, agreement, csv_bytes(rows, HEADER))
    services.batch_review(actor=operator, batch_id=batch.pk)
    real, calls = bulk.audit_record, []  # the chunk's audit row, from the registry's writer

    def power_cut(**kw):
        calls.append(kw)
        if len(calls) == 2:  # inside chunk 2, after its persons and spells were inserted
            raise RuntimeError("power cut")
        return real(**kw)

    monkeypatch.setattr(bulk, "audit_record", power_cut)
    failed = services.batch_commit(actor=operator, batch_id=batch.pk, inline=True, chunk_rows=2)
    assert failed.state == "failed" and failed.committed_chunks == 1
    assert Spell.objects.count() == 2 and Person.objects.count() == 2
    monkeypatch.setattr(bulk, "audit_record", real)
    done = services.batch_commit(actor=operator, batch_id=batch.pk, inline=True, chunk_rows=2)
    assert done.state == "committed" and Spell.objects.filter(agreement=agreement).count() == 5


def test_roster_for_an_agreement_out_of_sight_is_refused(regions, agreement):
    jelai = make_user("op_jelai_roster", "partner_operator", "62.08.02")
    with pytest.raises(Exception) as caught:
        roster_upload(jelai, agreement, csv_bytes([officer(1)], HEADER))
    assert getattr(caught.value, "status", None) in (403, 404)
    viewer = make_user("pembaca", "viewer", "62.08")
    with pytest.raises(Exception) as caught:
        roster_upload(viewer, agreement, csv_bytes([officer(1)], HEADER))
    assert getattr(caught.value, "status", None) == 403


def test_minimum_age_counts_birthdays_and_the_agreements_own_minimum(operator):
    """17 on the first day of duty is old enough for KPPS, the day before the birthday is not;
    an agreement may ask more than the law (here Linmas from 20)."""
    pks = make_agreement(operator, number="400/6/2024", min_age={"Linmas": 20})
    rows = [
        officer(1, born=dt.date(2007, 11, 7)),  # 17 on 7 Nov 2024
        officer(2, born=dt.date(2007, 11, 8)),  # 17 the day after duty starts
        officer(3, role="Linmas", born=dt.date(2004, 11, 7)),  # 20
        officer(4, role="Linmas", born=dt.date(2005, 1, 1)),  # 19
    ]
    batch = roster_validated(operator, pks, csv_bytes(rows, HEADER))
    assert codes(batch) == [(3, "roster.under_age"), (5, "roster.under_age")]
    messages = batch_errors(batch=batch)
    assert "usia minimum KPPS adalah 17" in messages[0]["message"]
    assert "usia minimum Linmas adalah 20" in messages[1]["message"]


def test_kecamatan_must_be_the_agreements_and_a_typo_gets_the_nearest_name(operator, agreement):
    rows = [officer(1), officer(2), officer(3)]
    rows[1][4:6] = ["Pulau Nibung", "Jelai"]  # a real desa, in another kecamatan
    rows[2][5] = "Sukamra"  # a typo in the kecamatan
    batch = roster_validated(operator, agreement, csv_bytes(rows, HEADER))
    found = {e["row"]: e for e in batch_errors(batch=batch)}
    assert found[3]["code"] == "region.outside_area" and "Sukamara" in found[3]["message"]
    assert found[4]["code"] == "region.district_unknown"
    assert "Mungkin maksud Anda: Sukamara" in found[4]["message"]
    assert batch.rows_valid == 1


def test_desa_in_another_kecamatan_is_named_not_suggested(operator, agreement):
    rows = [officer(1), officer(2)]
    rows[1][4:6] = ["Natai Kondang", "Pantai Lunci"]  # the desa lies in Permata Kecubung
    batch = roster_validated(operator, agreement, csv_bytes(rows, HEADER))
    found = {e["row"]: e for e in batch_errors(batch=batch)}
    assert found[3]["code"] == "region.village_in_other_district"
    assert found[3]["column"] == "Kecamatan"
    assert found[3]["message"] == (
        "Desa Natai Kondang ada di Kecamatan Permata Kecubung, bukan Pantai Lunci."
    )
    assert "Mungkin maksud Anda" not in found[3]["message"]
    english = {e["row"]: e for e in batch_errors(batch=batch, lang="en")}
    assert "is in Kecamatan Permata Kecubung, not Pantai Lunci" in english[3]["message"]


def test_unknown_desa_without_a_near_name_gets_no_empty_suggestion(operator, agreement):
    rows = [officer(1), officer(2)]
    rows[1][4:6] = ["Antah Berantah", ""]
    batch = roster_validated(operator, agreement, csv_bytes(rows, HEADER))
    found = {e["row"]: e for e in batch_errors(batch=batch)}
    assert found[3]["code"] == "region.village_unknown"
    assert "Antah Berantah" in found[3]["message"]
    assert "Mungkin maksud Anda" not in found[3]["message"] and ": -" not in found[3]["message"]


def test_preview_without_a_ceiling_says_so_and_shows_no_negative_left(operator):

    open_ended = make_agreement(operator, budget_ceiling=0, number="400.5/9/TANPA-PAGU/2024")
    batch = roster_validated(operator, open_ended, csv_bytes([officer(1), officer(2)], HEADER))
    assert batch.contribution_total > 0
    facts = {i: v for _l, v, i in kind_get("roster").preview_facts(batch=batch, user=operator)}
    assert facts["budget-ceiling"] == "pagu belum diisi"
    assert "budget-left" not in facts and "budget-over" not in facts
    assert not any(v.startswith("-") or v == "Rp0" for k, v in facts.items() if k != "budget-used")
