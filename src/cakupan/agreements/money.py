"""Premiums under an agreement, from the rules for the dates served.

Officers of one roster share a handful of duty periods (all KPPS of a regency serve
7 Nov – 8 Dec), so the spells are grouped in SQL by (role, start, end, income) and the rules are
asked once per distinct group, then multiplied by the head count. A page showing the budget
of an agreement with thousands of officers makes one GROUP BY query and a few rules calls.

What is charged, per spell:
- the duty dates are the spell's dates clipped to the agreement's validity (an open end stops
  at `valid_to`): the agreement pays for nothing outside it;
- the declared income is the spell's recorded `wage`, else the agreement's `declared_income`,
  else the BPU minimum in force on the first duty day (`bpu.income_min`);
- charging follows the agreement: every calendar month started in full, or pro rata days
  (`rules.contributions.bpu`);
- only the agreement's programs are counted (JKK, JKM, and JHT if the agreement includes it).

An invoice for a period charges, under "month started", each iuran month in the invoice whose
first covered day falls in the period (so two invoices that split a month never both charge
it); under "pro rata days", the covered days inside the period.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from cakupan.agreements.models import Agreement, BudgetSource
from cakupan.rules import contribution_bpu
from cakupan.rules.contributions.bpu import iuran_months
from cakupan.rules.errors import RuleError
from cakupan.rules.params import param

# The rules' payer vocabulary (PP 50/2025 excludes APBN/APBD-paid iuran from discounts).
RULES_PAYER = {
    BudgetSource.APBD: "apbd",
    BudgetSource.HIBAH: "apbd",  # a grant out of the APBD to the election body
    BudgetSource.BTT: "apbd",
    BudgetSource.APBDES: "apbdes",
    BudgetSource.APBN: "apbn",
    BudgetSource.OTHER: "sponsor",
}


@dataclass(frozen=True)
class Charge:
    """What one officer owes for one stretch of duty dates."""

    amount: int
    months: int
    days: int
    references: tuple[str, ...]
    by_program: tuple[tuple[str, int], ...] = ()


ZERO = Charge(0, 0, 0, ())


@dataclass(frozen=True)
class Terms:
    """The agreement settings a premium depends on (hashable, for the memo)."""

    charging: str
    payer: str
    programs: tuple[str, ...]
    declared_income: int | None
    valid_from: dt.date
    valid_to: dt.date

    @classmethod
    def of(cls, agreement: Agreement) -> Terms:
        return cls(
            charging=agreement.charging,
            payer=RULES_PAYER.get(agreement.budget_source, "apbd"),
            programs=tuple(agreement.programs or ("JKK", "JKM")),
            declared_income=agreement.declared_income,
            valid_from=agreement.valid_from,
            valid_to=agreement.valid_to,
        )

    def duty(self, start: dt.date, end: dt.date | None) -> tuple[dt.date, dt.date] | None:
        first, last = max(start, self.valid_from), min(end or self.valid_to, self.valid_to)
        return (first, last) if first <= last else None

    def income(self, wage: int | None, day: dt.date) -> int:
        if wage:
            return wage
        if self.declared_income:
            return self.declared_income
        return param("bpu.income_min").at(day).value


@functools.lru_cache(maxsize=4096)
def charge(terms: Terms, start: dt.date, end: dt.date, income: int) -> Charge:
    """The rules' premium for duty from `start` to `end` inclusive (memoised: rosters repeat)."""
    calc = contribution_bpu(
        date=start,
        income=income,
        days=(end - start).days + 1,
        charging=terms.charging,
        payer=terms.payer,
        with_jht="JHT" in terms.programs,
    )
    counted = [c for c in calc.components if not c.informational and c.program in terms.programs]
    by_program: dict[str, int] = defaultdict(int)
    for c in counted:
        by_program[c.program] += c.amount
    refs = dict.fromkeys(c.reference for c in counted)
    return Charge(
        amount=sum(c.amount for c in counted),
        months=len(iuran_months(start, (end - start).days + 1)),
        days=(end - start).days + 1,
        references=tuple(refs),
        by_program=tuple(sorted(by_program.items())),
    )


def spell_charge(terms: Terms, start: dt.date, end: dt.date | None, wage: int | None) -> Charge:
    """An officer's premium for the whole duty period under the agreement."""
    duty = terms.duty(start, end)
    if duty is None:
        return ZERO
    return charge(terms, duty[0], duty[1], terms.income(wage, duty[0]))


def period_charge(
    terms: Terms,
    start: dt.date,
    end: dt.date | None,
    wage: int | None,
    period: tuple[dt.date, dt.date],
) -> Charge:
    """The part of an officer's premium an invoice for `period` carries."""
    duty = terms.duty(start, end)
    if duty is None:
        return ZERO
    income = terms.income(wage, duty[0])
    parts: list[Charge] = []
    if terms.charging == "month_started":
        for first, covered, _month_days in iuran_months(duty[0], (duty[1] - duty[0]).days + 1):
            if period[0] <= first <= period[1]:
                parts.append(charge(terms, first, first + dt.timedelta(days=covered - 1), income))
    else:
        first, last = max(duty[0], period[0]), min(duty[1], period[1])
        if first <= last:
            parts.append(charge(terms, first, last, income))
    if not parts:
        return ZERO
    refs = dict.fromkeys(r for p in parts for r in p.references)
    by_program: dict[str, int] = defaultdict(int)
    for p in parts:
        for program, amount in p.by_program:
            by_program[program] += amount
    return Charge(
        amount=sum(p.amount for p in parts),
        months=sum(p.months for p in parts),
        days=sum(p.days for p in parts),
        references=tuple(refs),
        by_program=tuple(sorted(by_program.items())),
    )


# ---------------------------------------------------------------- budget


@dataclass
class Budget:
    ceiling: int
    used: int = 0
    officers: int = 0
    problems: list[str] = field(default_factory=list)  # rules errors, e.g. income out of range

    @property
    def percent(self) -> float:
        return round(100 * self.used / self.ceiling, 1) if self.ceiling else 0.0

    @property
    def over(self) -> bool:
        return self.ceiling > 0 and self.used > self.ceiling

    @property
    def remaining(self) -> int:
        return self.ceiling - self.used


def _groups(agreement_ids, *, role: bool = False):
    from cakupan.registry.models import Spell  # the spells that point at these agreements

    keys = ["agreement_id", "start_date", "end_date", "wage"] + (["role"] if role else [])
    return (
        Spell.objects.filter(agreement_id__in=list(agreement_ids))
        .values(*keys)
        .annotate(n=Count("id"))
        .order_by(*keys)
    )


def budgets(agreements) -> dict[int, Budget]:
    """Budget used vs ceiling for each agreement: one grouped query for all of them."""
    agreements = list(agreements)
    terms = {a.pk: Terms.of(a) for a in agreements}
    out = {a.pk: Budget(ceiling=a.budget_ceiling) for a in agreements}
    if not agreements:
        return out
    for row in _groups(terms):
        budget = out[row["agreement_id"]]
        budget.officers += row["n"]
        try:
            found = spell_charge(
                terms[row["agreement_id"]], row["start_date"], row["end_date"], row["wage"]
            )
        except RuleError as err:
            budget.problems.append(err.message("id"))
            continue
        budget.used += found.amount * row["n"]
    return out


def budget(agreement: Agreement) -> Budget:
    return budgets([agreement])[agreement.pk]


# ---------------------------------------------------------------- invoice


@dataclass
class InvoiceLine:
    role: str
    officers: int = 0
    months: int = 0  # officer-months charged
    days: int = 0  # officer-days charged
    amount: int = 0


@dataclass
class Invoice:
    agreement: Agreement
    start: dt.date
    end: dt.date
    lines: list[InvoiceLine]
    references: list[str]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def officers(self) -> int:
        return sum(line.officers for line in self.lines)


def invoice(agreement: Agreement, start: dt.date, end: dt.date) -> Invoice:
    """What the payer owes for officers' duty in [start, end], per role."""
    terms = Terms.of(agreement)
    lines: dict[str, InvoiceLine] = {}
    refs: dict[str, None] = {}
    for row in _groups([agreement.pk], role=True):
        found = period_charge(terms, row["start_date"], row["end_date"], row["wage"], (start, end))
        if not found.amount and not found.days:
            continue
        line = lines.setdefault(row["role"] or "-", InvoiceLine(role=row["role"] or "-"))
        line.officers += row["n"]
        line.months += found.months * row["n"]
        line.days += found.days * row["n"]
        line.amount += found.amount * row["n"]
        refs.update(dict.fromkeys(found.references))
    if lines:  # the declared-income rule the base comes from
        try:
            base = param("bpu.income_min").at(max(start, agreement.valid_from))
            refs.setdefault(str(base.reference), None)
        except RuleError:
            pass
    return Invoice(agreement, start, end, sorted(lines.values(), key=_role_order), list(refs))


def _role_order(line: InvoiceLine) -> tuple[int, str]:
    from cakupan.agreements.models import OfficerRole

    order = list(OfficerRole.values)
    return (order.index(line.role) if line.role in order else len(order), line.role)


@dataclass(frozen=True)
class SpellCharge:
    """One officer's part of an invoice: the line a stored bill keeps."""

    spell_id: int
    person_id: int
    role: str
    income: int
    charge: Charge


def invoice_spells(agreement: Agreement, start: dt.date, end: dt.date) -> list[SpellCharge]:
    """What the payer owes for each officer's duty in [start, end] (the same rules as
    `invoice`, one row per spell instead of per role; spells charged nothing are left out)."""
    from cakupan.registry.models import Spell

    terms = Terms.of(agreement)
    out = []
    rows = (
        Spell.objects.filter(agreement_id=agreement.pk)
        .values_list("pk", "person_id", "role", "start_date", "end_date", "wage")
        .order_by("role", "pk")
    )
    for pk, person_id, role, first, last, wage in rows:
        found = period_charge(terms, first, last, wage, (start, end))
        if not found.amount and not found.days:
            continue
        duty = terms.duty(first, last)
        out.append(SpellCharge(pk, person_id, role or "-", terms.income(wage, duty[0]), found))
    return out
