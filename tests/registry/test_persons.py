"""Persons: keyed by NIK, validated against it, searched (never browsed), NIK masked."""

import datetime as dt

import pytest

from cakupan.audit.models import AuditEvent
from cakupan.errors import DomainError, NotFound, PermissionDenied
from cakupan.registry.models import Person
from cakupan.registry.selectors import person_get, person_search
from cakupan.registry.services import DuplicateNik, person_register, person_reveal_nik
from cakupan.registry.validation import NikInvalid
from tests.conftest import DESA_PULAU_NIBUNG, make_user
from tests.registry.conftest import DESA_KARTAMULIA, nik_for

pytestmark = pytest.mark.django_db


def test_registration_decodes_and_audits(siti, regency_operator):
    assert siti.regency_code == "62.08"
    assert siti.name_key == "SITI AMINAH"
    assert list(siti.flags.values_list("flag", flat=True)) == ["farmer"]
    event = AuditEvent.objects.get(action="registry.person_register")
    assert event.actor == regency_operator and event.region_code == DESA_PULAU_NIBUNG
    assert event.after["flags"] == ["farmer"]


def test_same_nik_is_refused_with_a_link_to_the_person(siti, regency_operator):
    with pytest.raises(DuplicateNik) as err:
        person_register(
            actor=regency_operator,
            nik=siti.nik,
            name="Siti A",
            sex="P",
            birth_date=siti.birth_date,
            region_code=DESA_PULAU_NIBUNG,
        )
    assert err.value.existing_person_id == siti.pk
    assert "person_id" not in err.value.params
    assert "6208024501" not in err.value.message("id")  # the message masks the NIK
    assert Person.objects.count() == 1


def test_every_nik_problem_is_reported_at_once(regency_operator):
    with pytest.raises(NikInvalid) as err:
        person_register(
            actor=regency_operator,
            nik="9999993213990000",
            name="X",
            sex="L",
            birth_date=dt.date(1990, 1, 1),
            region_code=DESA_PULAU_NIBUNG,
        )
    assert set(err.value.params["codes"]) >= {
        "nik.region_unknown",
        "nik.birth_date",
        "nik.serial_zero",
    }
    assert "Invalid NIK" in err.value.message("en")


def test_nik_that_disagrees_with_birth_date_needs_a_reason(regency_operator):
    born = dt.date(1990, 1, 5)
    nik = nik_for("62.08.02", born, "P", 4)
    kwargs = dict(
        actor=regency_operator,
        nik=nik,
        name="Rina",
        sex="P",
        birth_date=dt.date(1990, 1, 6),
        region_code=DESA_PULAU_NIBUNG,
    )
    with pytest.raises(DomainError) as err:
        person_register(**kwargs)
    assert err.value.code == "nik_mismatch"
    assert "tanggal lahir" in err.value.message("id")
    person = person_register(**kwargs, nik_exception_reason="KTP tertulis 6 Januari")
    assert person.nik_exception_reason == "KTP tertulis 6 Januari"


def test_sex_mismatch_is_caught(regency_operator):
    born = dt.date(1990, 1, 5)
    with pytest.raises(DomainError) as err:
        person_register(
            actor=regency_operator,
            nik=nik_for("62.08.02", born, "P", 5),
            name="Andi",
            sex="L",
            birth_date=born,
            region_code=DESA_PULAU_NIBUNG,
        )
    assert "jenis kelamin" in err.value.message("id")


def test_domicile_must_be_a_desa(regency_operator):
    born = dt.date(1990, 1, 5)
    with pytest.raises(DomainError) as err:
        person_register(
            actor=regency_operator,
            nik=nik_for("62.08.02", born, "P", 6),
            name="Ani",
            sex="P",
            birth_date=born,
            region_code="62.08.02",
        )
    assert err.value.code == "region_not_village"


def test_village_operator_registers_only_in_their_desa(village_operator):
    born = dt.date(1990, 1, 5)
    ok = person_register(
        actor=village_operator,
        nik=nik_for("62.08.02", born, "P", 7),
        name="Ani",
        sex="P",
        birth_date=born,
        region_code=DESA_PULAU_NIBUNG,
    )
    assert ok.pk
    with pytest.raises(PermissionDenied):
        person_register(
            actor=village_operator,
            nik=nik_for("62.08.01", born, "P", 8),
            name="Ina",
            sex="P",
            birth_date=born,
            region_code=DESA_KARTAMULIA,
        )


def test_search_by_nik_kpj_and_name(siti, budi, regency_operator):
    assert list(person_search(user=regency_operator, query=siti.nik)) == [siti]
    assert list(person_search(user=regency_operator, query="aminah")) == [siti]
    assert list(person_search(user=regency_operator, query="Siti", birth_date=siti.birth_date)) == [
        siti
    ]
    assert (
        list(person_search(user=regency_operator, query="Siti", birth_date=dt.date(2000, 1, 1)))
        == []
    )


def test_search_needs_three_letters_no_browsing(siti, regency_operator):
    for query in ("", "  ", "si", "a."):
        with pytest.raises(DomainError) as err:
            person_search(user=regency_operator, query=query)
        assert err.value.code == "search_too_short"


def test_search_and_get_stay_in_scope(siti, budi, regions):
    jelai = make_user("jelai", "regency_operator", "62.08.02")
    assert list(person_search(user=jelai, query="Santoso")) == []
    assert list(person_search(user=jelai, query=budi.nik)) == []
    with pytest.raises(NotFound):
        person_get(user=jelai, person_id=budi.pk)
    assert person_get(user=jelai, person_id=siti.pk) == siti


def test_revealing_the_full_nik_is_audited(siti, bpjs_officer):
    assert person_reveal_nik(actor=bpjs_officer, person_id=siti.pk) == siti.nik
    event = AuditEvent.objects.get(action="registry.nik_view")
    assert event.actor == bpjs_officer and event.object_id == str(siti.pk)


def test_village_operator_cannot_reveal_nik(siti, village_operator):
    with pytest.raises(NotFound):
        person_reveal_nik(actor=village_operator, person_id=siti.pk)


def test_audit_rows_never_hold_a_full_nik(siti, regency_operator):
    from cakupan.registry.services import person_update

    person_update(actor=regency_operator, person_id=siti.pk, phone="0812", reason="HP baru")
    for event in AuditEvent.objects.filter(object_type="person"):
        text = str(event.before) + str(event.after)
        assert siti.nik not in text
    assert AuditEvent.objects.get(action="registry.person_register").after["nik"] == (
        "620802••••••0003"
    )


def test_moving_a_person_moves_their_spells(siti, regency_operator):
    from cakupan.registry.models import Spell
    from cakupan.registry.services import person_update, spell_add

    spell_add(
        actor=regency_operator,
        person_id=siti.pk,
        programs=["JKK", "JKM"],
        start_date=dt.date(2024, 1, 1),
        end_date=None,
        segment="BPU",
        payer="self",
    )
    person_update(
        actor=regency_operator,
        person_id=siti.pk,
        region_code=DESA_KARTAMULIA,
        reason="pindah domisili",
    )
    assert set(Spell.objects.filter(person=siti).values_list("region_code", flat=True)) == {
        DESA_KARTAMULIA
    }
