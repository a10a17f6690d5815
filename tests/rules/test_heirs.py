"""Heirs in legal order (Permenaker 5/2021 as amended by 1/2025) and refused inconsistencies."""

import datetime as dt

import pytest

from cakupan.rules.errors import HeirsError, InvalidInputError
from cakupan.rules.heirs import Deceased, Relative, heirs_entitled

D = dt.date
MAN = Deceased(sex="L", death_date=D(2024, 2, 20), birth_date=D(1980, 1, 1), nik="6208010101800001")
WOMAN = Deceased(sex="P", death_date=D(2024, 2, 20), birth_date=D(1985, 1, 1))


def rel(relation, **kw):
    return Relative(relation=relation, **kw)


def test_spouse_and_children_first_group():
    family = [
        rel("widow", name="Siti"),
        rel("child", name="Budi", birth_date=D(2010, 5, 5)),
        rel("child", name="Ani", birth_date=D(1999, 1, 1), marital_status="married"),
        rel("parent", name="Ayah", birth_date=D(1950, 1, 1)),
    ]
    result = heirs_entitled(deceased=MAN, relatives=family, program="JKM")
    assert result.recipient == "heirs" and result.group_rank == 1
    assert [r.name for r in result.group] == ["Siti", "Budi", "Ani"]
    assert [r.name for r in result.scholarship_children] == ["Budi"]  # Ani: married, over 23
    assert "Permenaker 5/2021" in result.reference


def test_next_groups_in_order():
    family = [
        rel("sibling", name="Adik"),
        rel("parent_in_law", name="Mertua"),
        rel("grandparent", name="Kakek", birth_date=D(1930, 1, 1)),
        rel("widow", name="Siti", alive=False),
    ]
    result = heirs_entitled(deceased=MAN, relatives=family, program="JKK")
    assert [r.name for r in result.group] == ["Kakek"] and result.group_rank == 2
    assert result.excluded[0][1].en == "not alive" and result.excluded[0][1] == "sudah meninggal"
    only_siblings = heirs_entitled(deceased=MAN, relatives=family[:2], program="JHT")
    assert [r.name for r in only_siblings.group] == ["Adik"]


def test_will_needs_notarial_deed():
    without = heirs_entitled(
        deceased=MAN, relatives=[rel("will_beneficiary", name="W")], program="JHT"
    )
    assert without.recipient == "bhp" and not without.group
    with_deed = heirs_entitled(
        deceased=MAN,
        relatives=[rel("will_beneficiary", name="W", notarial_deed=True)],
        program="JHT",
    )
    assert with_deed.group_rank == 5


@pytest.mark.parametrize(
    ("program", "recipient"),
    [("JHT", "bhp"), ("JKM", "funeral_arranger"), ("JKK", "funeral_arranger"), ("JP", "none")],
)
def test_nobody_left(program, recipient):
    result = heirs_entitled(deceased=MAN, relatives=[], program=program)
    assert result.recipient == recipient and result.group == ()


def test_jp_survivors_children_must_be_under_23():
    family = [
        rel("child", name="Tua", birth_date=D(2000, 1, 1)),
        rel("child", name="Muda", birth_date=D(2010, 1, 1), working=True),
        rel("parent", name="Ibu", birth_date=D(1955, 1, 1)),
    ]
    result = heirs_entitled(deceased=MAN, relatives=family, program="JP")
    assert [r.name for r in result.group] == ["Ibu"]


def test_divorced_spouse_is_not_a_widow():
    family = [rel("widow", name="Ex", marital_status="divorced"), rel("sibling", name="Adik")]
    assert [
        r.name for r in heirs_entitled(deceased=MAN, relatives=family, program="JKM").group
    ] == ["Adik"]


def test_posthumous_child_is_accepted():
    child = rel("child", name="Bayi", birth_date=D(2024, 8, 1))
    assert heirs_entitled(deceased=MAN, relatives=[child], program="JKM").group == (child,)


@pytest.mark.parametrize(
    ("deceased", "family", "code"),
    [
        (WOMAN, [rel("widower"), rel("spouse")], "heirs.too_many_spouses"),
        (MAN, [rel("widow")] * 5, "heirs.too_many_spouses"),
        (MAN, [rel("widower")], "heirs.spouse_relation"),
        (WOMAN, [rel("widow")], "heirs.spouse_relation"),
        (MAN, [rel("child", nik="1"), rel("sibling", nik="1")], "heirs.duplicate_nik"),
        (MAN, [rel("child", nik="6208010101800001")], "heirs.duplicate_nik"),
        (MAN, [rel("child", birth_date=D(1979, 1, 1))], "heirs.child_older_than_parent"),
        (MAN, [rel("parent", birth_date=D(1990, 1, 1))], "heirs.parent_younger_than_child"),
        (MAN, [rel("sibling", birth_date=D(2024, 3, 1))], "heirs.born_after_death"),
        (MAN, [rel("child", birth_date=D(2025, 6, 1))], "heirs.born_after_death"),
        (MAN, [rel("cousin")], "heirs.relation_unknown"),
    ],
)
def test_inconsistent_family_is_refused(deceased, family, code):
    with pytest.raises(HeirsError) as info:
        heirs_entitled(deceased=deceased, relatives=family, program="JKM")
    assert info.value.code == code
    assert info.value.message("id") and info.value.message("en")


def test_a_widower_with_one_wife_only_for_women():
    result = heirs_entitled(deceased=WOMAN, relatives=[rel("widower", name="Suami")], program="JKM")
    assert result.group_rank == 1


def test_bad_program_and_sex():
    with pytest.raises(HeirsError):
        heirs_entitled(deceased=MAN, relatives=[], program="JKN")
    with pytest.raises(InvalidInputError):
        heirs_entitled(
            deceased=Deceased(sex="X", death_date=D(2024, 1, 1)), relatives=[], program="JKM"
        )
