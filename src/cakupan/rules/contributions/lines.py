"""A contribution as a list of rate lines, so the scalar and the vectorised paths share one rule.

A line says: this component is `percent` of a base (the wage, or the wage up to a cap), or a
`fixed` amount, paid by `payer`. The scalar calculators apply lines to one wage; `vectorised`
applies the very same lines to whole columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cakupan.rules.calculation import Builder
from cakupan.rules.money import HUNDRED


@dataclass(frozen=True)
class Line:
    program: str
    name: str
    payer: str | None
    reference: str
    percent: Decimal | None = None  # of the base, as written in law (0.24 = 0.24 %)
    fixed: Decimal | None = None  # a fixed amount per month instead of a percentage
    cap: int | None = None  # the base is min(wage, cap)
    informational: bool = False

    def exact(self, base: int) -> Decimal:
        if self.fixed is not None:
            return self.fixed
        capped = base if self.cap is None else min(base, self.cap)
        return Decimal(capped) * self.percent / HUNDRED


def keep(percent: Decimal | int, *cuts: Decimal | int) -> Decimal:
    """What remains of `percent` after each cut (a percent) in turn."""
    result = Decimal(percent)
    for cut in cuts:
        result = result * (HUNDRED - Decimal(cut)) / HUNDRED
    return result


def split(
    program: str,
    name: str,
    payer: str | None,
    reference: str,
    percent: Decimal,
    payable: Decimal,
    *,
    cap: int | None = None,
    fixed: bool = False,
    withheld_name: str | None = None,
    withheld_reference: str | None = None,
) -> list[Line]:
    """The payable line, plus an informational line for the part cut or deferred, if any."""
    kind = "fixed" if fixed else "percent"
    lines = [Line(program, name, payer, reference, cap=cap, **{kind: payable})]
    if payable != percent and withheld_name:
        lines.append(
            Line(
                program,
                withheld_name,
                payer,
                withheld_reference or reference,
                cap=cap,
                informational=True,
                **{kind: percent - payable},
            )
        )
    return lines


def apply(
    builder: Builder,
    lines: list[Line],
    base: int,
    factor: Decimal = Decimal(1),
    detail: str | None = None,
) -> None:
    for line in lines:
        builder.add(
            line.program,
            line.name,
            line.exact(base) * factor,
            line.payer,
            line.reference,
            informational=line.informational,
            detail=detail,
        )
