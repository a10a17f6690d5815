"""What a person's or an employer's spells owe in contributions on a day, by the dated rules, and
the BPU contribution a registration form previews before anything is saved.
"""

import datetime as dt
from dataclasses import dataclass

from cakupan.registry.models import Employer, Spell
from cakupan.registry.selectors.records import employer_spells, person_get, person_spells

# Registry payers -> the payer codes the BPU rules know (PP 50/2025 excludes some payers from
# the transport discount). An election body is funded from the state budget (APBN); any other
# sponsor (an employer paying for a BPU worker, a PKS partner) is a sponsor.
RULES_BPU_PAYER = {
    "self": "participant",
    "apbd": "apbd",
    "apbdes": "apbdes",
    "election_body": "apbn",
    "employer": "sponsor",
    "other_agreement": "sponsor",
}


@dataclass
class ContributionDue:
    """What one spell costs per month under the rules in force on `day`."""

    spell: Spell
    day: dt.date
    calculation: object | None = None  # cakupan.rules.Calculation
    error: object | None = None  # a RuleError or DomainError with .message(lang)
    note: str = ""  # why nothing was computed: "no_wage", "segment"


def contribution_for_spell(
    *, spell: Spell, day: dt.date, transport_worker: bool = False
) -> ContributionDue:
    """BPU: `contribution_bpu` on the declared income; PU: `contribution_pu` with the
    employer's risk class, for the spell's programs. Other segments are priced elsewhere
    (Jakon by project, PMI by contract) and are reported as not computed here."""
    from cakupan.rules import contribution_bpu, contribution_pu
    from cakupan.rules.errors import RuleError

    due = ContributionDue(spell=spell, day=day)
    if spell.segment not in ("BPU", "PU"):
        due.note = "segment"
        return due
    if spell.wage is None:
        due.note = "no_wage"
        return due
    try:
        if spell.segment == "BPU":
            due.calculation = contribution_bpu(
                date=day,
                income=spell.wage,
                with_jht=spell.jht,
                transport_worker=transport_worker,
                payer=RULES_BPU_PAYER.get(spell.payer, "sponsor"),
            )
        elif spell.employer is None:
            due.note = "no_employer"
        else:
            due.calculation = contribution_pu(
                date=day,
                wage=spell.wage,
                risk_class=spell.employer.risk_class,
                programs=set(spell.programs),
            )
    except RuleError as err:
        due.error = err
    return due


def person_contributions_due(*, user, person_id: int, day: dt.date) -> list[ContributionDue]:
    """Monthly contributions for the person's spells in force on `day`."""
    person = person_get(user=user, person_id=person_id)
    transport = person.flags.filter(flag="transport_worker").exists()
    return [
        contribution_for_spell(spell=s, day=day, transport_worker=transport)
        for s in person_spells(person=person)
        if s.covers(day)
    ]


def employer_contributions_due(*, user, employer: Employer, day: dt.date) -> list[ContributionDue]:
    """Monthly contributions for the employer's workers (in the viewer's scope) on `day`."""
    spells = employer_spells(user=user, employer=employer).select_related("employer")
    return [contribution_for_spell(spell=s, day=day) for s in spells if s.covers(day)]


def bpu_contribution_preview(*, day: dt.date, income: int, payer: str, transport_worker: bool):
    """The monthly BPU JKK+JKM contribution a new registration would cost (a Calculation);
    raises RuleError for income outside the BPU range or a date before the rules."""
    from cakupan.rules import contribution_bpu

    return contribution_bpu(
        date=day,
        income=income,
        transport_worker=transport_worker,
        payer=RULES_BPU_PAYER.get(payer, "sponsor"),
    )
