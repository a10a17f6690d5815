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
from cakupan.rules.money import HUNDRED, Rounding, require_amount, require_count

PMI_PHASES = ("pre_placement", "placement", "full")


def marginal(value: int, tiers: list[dict]) -> tuple[Decimal, list[str]]:
    """Exact amount of `value` under marginal `tiers`, and how each tier contributed."""
    total, lower, steps = Decimal(0), 0, []
    for tier in tiers:
        upper = tier["up_to"]
        part = (value if upper is None else min(value, upper)) - lower
        if part <= 0:
            break
        total += Decimal(part) * tier["rate"] / HUNDRED
        steps.append(f"{part} x {tier['rate']}%")
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
            _add(b, program, full, cut, tiers.reference, " + ".join(steps))
    else:
        base = require_amount("wages", wages)
        for program in ("jkk", "jkm"):
            rate = b.use(f"jakon.wage_{program}_rate", date)
            _add(b, program, Decimal(base) * rate.value / HUNDRED, cut, rate.reference, None)
    return b.build()


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
            detail=f"{term} bulan",
        )
        if months > terms[-1]:
            extra = b.use("pmi.extension_per_month", date)
            b.add(
                "JKK+JKM",
                "pmi_extension",
                extra.value * (months - terms[-1]),
                payer,
                extra.reference,
                detail=f"{months - terms[-1]} x {extra.value}",
            )
    return b.build()
