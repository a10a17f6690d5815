"""Jasa konstruksi and Pekerja Migran Indonesia: contributions that are not a monthly wage rate.

Jakon: JKK and JKM as marginal tiers of the contract value (each tier's rate applies only to
the part of the value inside it), or the PU rates when the contractor reports wages.
PMI: fixed amounts per phase and contract length (Permenaker 4/2023 Ps 18).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cakupan.rules.calculation import Builder, Calculation
from cakupan.rules.contributions.lines import keep
from cakupan.rules.errors import InvalidInputError
from cakupan.rules.formats import rupiah
from cakupan.rules.money import HUNDRED, Rounding, require_amount, require_count
from cakupan.rules.wording import Words, pct

PMI_PHASES = ("pre_placement", "placement", "full")


def marginal(value: int, tiers: list[dict]) -> tuple[Decimal, list[tuple[int, Decimal]]]:
    """Exact amount of `value` under marginal `tiers`, and each tier's (part, rate)."""
    total, lower, steps = Decimal(0), 0, []
    for tier in tiers:
        upper = tier["up_to"]
        part = (value if upper is None else min(value, upper)) - lower
        if part <= 0:
            break
        total += Decimal(part) * tier["rate"] / HUNDRED
        steps.append((part, tier["rate"]))
        if upper is None:
            break
        lower = upper
    return total, steps


def contribution_jakon(
    *,
    date: dt.date,
    project_value: int | None = None,
    wages: int | None = None,
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """Contribution for one construction project (contract value) or its reported wages."""
    if (project_value is None) == (wages is None):
        raise InvalidInputError("jakon.basis")
    b = Builder(rounding)
    cut = b.use("relief.covid_jkk_jkm_cut", date)
    if project_value is not None:
        value = require_amount("project_value", project_value)
        for program in ("jkk", "jkm"):
            tiers = b.use(f"jakon.{program}_tiers", date)
            full, steps = marginal(value, tiers.value)
            _add(b, program, full, cut, tiers.reference, _steps(steps))
    else:
        base = require_amount("wages", wages)
        for program in ("jkk", "jkm"):
            rate = b.use(f"jakon.wage_{program}_rate", date)
            _add(b, program, Decimal(base) * rate.value / HUNDRED, cut, rate.reference, None)
    return b.build()


def _steps(steps: list[tuple[int, Decimal]]) -> Words:
    def text(lang: str) -> str:
        return " + ".join(f"{rupiah(part)} x {pct(rate, lang)}" for part, rate in steps)

    return Words(text("id"), text("en"))


def _add(b: Builder, program: str, full: Decimal, cut, reference, detail: str | None) -> None:
    payable = keep(full, cut.value)
    b.add(program.upper(), program, payable, "employer", reference, detail=detail)
    if payable != full:
        b.add(
            program.upper(),
            f"{program}_discount",
            full - payable,
            "employer",
            cut.reference,
            informational=True,
        )


def contribution_pmi(
    *,
    date: dt.date,
    phase: str = "full",
    contract_months: int = 24,
    payer: str = "worker",
) -> Calculation:
    """JKK+JKM for a migrant worker: before placement, the placement term, or both ('full').

    A contract between the listed terms (6/12/24 months) pays the next longer term; months
    beyond 24 pay the per-month extension rate [U: the regulation lists only 6, 12, 24].
    """
    if phase not in PMI_PHASES:
        raise InvalidInputError(
            "input.choice", field="phase", choices=", ".join(PMI_PHASES), value=phase
        )
    b = Builder()
    if phase in ("pre_placement", "full"):
        pre = b.use("pmi.pre_placement", date)
        b.add("JKK+JKM", "pmi_pre_placement", pre.value, payer, pre.reference)
    if phase in ("placement", "full"):
        months = require_count("contract_months", contract_months, limit=600)
        if months < 1:
            raise InvalidInputError("pmi.contract_months", value=months)
        table = b.use("pmi.placement", date)
        terms = sorted(table.value)
        term = next((t for t in terms if months <= t), terms[-1])
        b.add(
            "JKK+JKM",
            "pmi_placement",
            table.value[term],
            payer,
            table.reference,
            detail=Words(f"perjanjian kerja {term} bulan", f"{term}-month contract"),
        )
        if months > terms[-1]:
            extra = b.use("pmi.extension_per_month", date)
            b.add(
                "JKK+JKM",
                "pmi_extension",
                extra.value * (months - terms[-1]),
                payer,
                extra.reference,
                detail=Words(
                    f"{months - terms[-1]} bulan x {rupiah(extra.value)}",
                    f"{months - terms[-1]} months x {rupiah(extra.value)}",
                ),
            )
    return b.build()
