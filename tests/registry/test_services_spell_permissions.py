"""Adding a spell and ending one change the same fact (was this person covered on a day?), so
they need the same permission, `registry.manage_spell`, in the person's desa. A viewer, an
agreement partner or a village operator cannot end anyone's coverage; a village operator still
registers a BPU worker with their first spell."""

import datetime as dt

import pytest

from cakupan.accounts.scope import SystemActor
from cakupan.audit.models import AuditEvent
from cakupan.errors import NotFound, PermissionDenied
from cakupan.registry.models import Spell
from cakupan.registry.selectors import coverage_on
from cakupan.registry.services import bpu_worker_register, spell_add, spell_end
from tests.conftest import DESA_PULAU_NIBUNG, make_user
from tests.registry.conftest import nik_for

# The shell operator's question over the whole registry: the system acting in the province.
EVERYWHERE = SystemActor(job="tests", region_codes=("62",))

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def open_spell(siti, regency_operator):
    return spell_add(
        actor=regency_operator,
        person_id=siti.pk,
        programs=["JKK", "JKM"],
        start_date=D(2024, 11, 1),
        end_date=None,
        segment="BPU",
        payer="apbd",
    )


def _still_open(spell) -> bool:
    spell.refresh_from_db()
    return (
        spell.end_date is None
        and not AuditEvent.objects.filter(action="registry.spell_end").exists()
    )


@pytest.mark.parametrize("role", ["viewer", "partner_operator"])
def test_viewer_and_partner_cannot_end_a_spell(open_spell, role):
    user = make_user(f"u_{role}", role, "62.08")
    with pytest.raises(NotFound) as err:
        spell_end(actor=user, spell_id=open_spell.pk, end_date=D(2024, 11, 30), reason="x")
    assert err.value.code == "spell_not_found"
    assert _still_open(open_spell)
    assert coverage_on(nik=open_spell.person.nik, day=D(2025, 1, 1), user=EVERYWHERE).covered


@pytest.mark.parametrize("role", ["viewer", "partner_operator"])
def test_viewer_and_partner_cannot_add_a_spell(siti, role):
    user = make_user(f"u_{role}", role, "62.08")
    with pytest.raises(NotFound):
        spell_add(
            actor=user,
            person_id=siti.pk,
            programs=["JKM"],
            start_date=D(2024, 1, 1),
            end_date=None,
            segment="BPU",
            payer="self",
        )
    assert not Spell.objects.exists()


def test_village_operator_may_neither_add_nor_end_a_spell_of_someone_registered(
    open_spell, village_operator
):
    # The village operator sees Siti (same desa) but does not manage coverage spells.
    with pytest.raises(PermissionDenied):
        spell_end(
            actor=village_operator, spell_id=open_spell.pk, end_date=D(2024, 11, 30), reason="x"
        )
    assert _still_open(open_spell)
    with pytest.raises(PermissionDenied):
        spell_add(
            actor=village_operator,
            person_id=open_spell.person_id,
            programs=["JHT"],
            start_date=D(2024, 1, 1),
            end_date=None,
            segment="BPU",
            payer="self",
        )
    assert Spell.objects.count() == 1


def test_village_operator_still_registers_a_worker_with_a_first_spell(village_operator):
    born = D(1993, 4, 2)
    person, spell = bpu_worker_register(
        actor=village_operator,
        nik=nik_for("62.08.02", born, "L", 55),
        name="Rahmat",
        sex="L",
        birth_date=born,
        region_code=DESA_PULAU_NIBUNG,
        income=1_000_000,
        payer="apbdes",
        start_date=D(2025, 1, 1),
    )
    assert spell.person_id == person.pk and spell.programs == ["JKK", "JKM"]
    assert AuditEvent.objects.filter(action="registry.spell_add", object_id=str(spell.pk)).exists()


def test_spell_managers_add_and_end_alike(siti, bpjs_officer, regency_operator):
    """The BPJS officer, who ends spells, may now also add them (same permission)."""
    spell = spell_add(
        actor=bpjs_officer,
        person_id=siti.pk,
        programs=["JKM"],
        start_date=D(2024, 1, 1),
        end_date=None,
        segment="BPU",
        payer="self",
    )
    spell_end(actor=regency_operator, spell_id=spell.pk, end_date=D(2024, 6, 30), reason="lapse")
    assert not coverage_on(nik=siti.nik, day=D(2024, 7, 1), user=EVERYWHERE).covered


def test_spell_outside_scope_reads_as_not_found(open_spell, regions):
    sukamara = make_user("op_sukamara_kec", "regency_operator", "62.08.01")  # Siti is in Jelai
    with pytest.raises(NotFound) as err:
        spell_end(actor=sukamara, spell_id=open_spell.pk, end_date=D(2024, 11, 30), reason="x")
    assert err.value.code == "spell_not_found"
    assert _still_open(open_spell)
