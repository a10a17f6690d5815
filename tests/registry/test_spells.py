"""Spells: no two of one person overlap for the same program, in the service and the database."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from cakupan.accounts.scope import SystemActor
from cakupan.errors import DomainError
from cakupan.registry.models import Spell
from cakupan.registry.selectors import coverage_on
from cakupan.registry.services import SpellOverlap, spell_add, spell_end
from tests.conftest import make_user

# The shell operator's question over the whole registry: the system acting in the province.
EVERYWHERE = SystemActor(job="tests", region_codes=("62",))

pytestmark = pytest.mark.django_db
D = dt.date


NOV_1, DEC_8 = D(2024, 11, 1), D(2024, 12, 8)


def add(actor, person, programs=("JKK", "JKM"), start=NOV_1, end=DEC_8, **kw):
    kw.setdefault("segment", "BPU")
    kw.setdefault("payer", "apbd")
    return spell_add(
        actor=actor,
        person_id=person.pk,
        programs=list(programs),
        start_date=start,
        end_date=end,
        **kw,
    )


def test_overlap_for_the_same_program_is_refused_naming_the_spell(siti, regency_operator):
    first = add(regency_operator, siti)
    with pytest.raises(SpellOverlap) as err:
        add(regency_operator, siti, programs=["JKM"], start=D(2024, 12, 8), end=D(2025, 1, 31))
    assert err.value.params["spell_id"] == first.pk
    assert f"#{first.pk}" in err.value.message("id") and "1 November 2024" in err.value.message(
        "id"
    )
    assert "1 November 2024" in err.value.message("en")
    assert Spell.objects.count() == 1


def test_overlap_with_an_open_ended_spell_says_until_now(siti, regency_operator):
    add(regency_operator, siti, start=D(2020, 1, 1), end=None)
    with pytest.raises(SpellOverlap) as err:
        add(regency_operator, siti, start=D(2030, 1, 1), end=D(2030, 2, 1))
    assert "1 Januari 2020 s.d. sekarang" in err.value.message("id")
    assert "1 January 2020 to now" in err.value.message("en")


def test_adjacent_spells_and_other_programs_are_fine(siti, regency_operator):
    add(regency_operator, siti)
    add(regency_operator, siti, start=D(2024, 12, 9), end=None)
    add(regency_operator, siti, programs=["JHT"], start=D(2024, 1, 1), end=None, payer="self")
    assert Spell.objects.filter(person=siti).count() == 3


def test_open_ended_spell_blocks_every_later_date(siti, regency_operator):
    add(regency_operator, siti, start=D(2020, 1, 1), end=None)
    with pytest.raises(SpellOverlap):
        add(regency_operator, siti, start=D(2030, 1, 1), end=D(2030, 2, 1))


def test_database_refuses_overlap_even_without_the_service(siti, regency_operator):
    first = add(regency_operator, siti)
    with pytest.raises(IntegrityError), transaction.atomic():
        Spell.objects.create(
            person=siti,
            regency_code="62.08",
            region_code=siti.region_code,
            jkm=True,
            start_date=D(2024, 12, 1),
            end_date=D(2024, 12, 31),
            segment="BPU",
            payer="apbd",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Spell.objects.filter(
            pk=add(regency_operator, siti, start=D(2025, 1, 1), end=D(2025, 1, 31)).pk
        ).update(start_date=D(2024, 12, 1))
    assert Spell.objects.get(pk=first.pk).end_date == D(2024, 12, 8)


def test_bad_spells_are_refused_with_reasons(siti, regency_operator):
    cases = [
        (dict(programs=[]), "programs_invalid"),
        (dict(start=D(2024, 12, 1), end=D(2024, 11, 1)), "dates_reversed"),
        (dict(programs=["JKK", "JP"]), "program_not_for_segment"),
        (dict(segment="XYZ"), "segment_invalid"),
        (dict(payer="bank"), "payer_invalid"),
    ]
    for kwargs, code in cases:
        with pytest.raises(DomainError) as err:
            add(regency_operator, siti, **kwargs)
        assert err.value.code == code
    assert not Spell.objects.exists()


def test_coverage_on_a_date(siti, regency_operator):
    spell = add(regency_operator, siti, role="KPPS")
    yes = coverage_on(nik=siti.nik, day=D(2024, 11, 27), user=EVERYWHERE)
    assert yes.covered and yes.programs == ["JKK", "JKM"]
    assert yes.segment == "BPU" and yes.payer == "apbd" and yes.spells[0].id == spell.pk
    assert {r["program"] for r in yes.rules} == {"JKK", "JKM"}
    assert any("82/2019" in r["reference"] for r in yes.rules)
    assert coverage_on(
        nik=siti.nik, day=D(2024, 12, 8), user=EVERYWHERE
    ).covered  # end date is inclusive
    assert not coverage_on(nik=siti.nik, day=D(2024, 12, 9), user=EVERYWHERE).covered
    assert not coverage_on(nik=siti.nik, day=D(2024, 10, 31), user=EVERYWHERE).covered
    assert not coverage_on(nik="6208020101900099", day=D(2024, 11, 27), user=EVERYWHERE).covered


def test_coverage_on_respects_scope(siti, budi, regency_operator, regions):
    add(regency_operator, budi)
    jelai = make_user("jelai", "regency_operator", "62.08.02")
    assert not coverage_on(nik=budi.nik, day=D(2024, 11, 27), user=jelai).covered
    assert coverage_on(nik=budi.nik, day=D(2024, 11, 27), user=regency_operator).covered


def test_ending_a_spell(siti, regency_operator, bpjs_officer):
    spell = add(regency_operator, siti, end=None)
    spell_end(actor=bpjs_officer, spell_id=spell.pk, end_date=D(2024, 11, 30), reason="lapse")
    assert not coverage_on(nik=siti.nik, day=D(2024, 12, 1), user=EVERYWHERE).covered
    with pytest.raises(DomainError):
        spell_end(actor=bpjs_officer, spell_id=spell.pk, end_date=D(2024, 10, 1), reason="x")
