"""Coverage planning over HTTP (mounted at /api/v1/coverage): forecast and budget simulation.

The endpoints call `coverage.plan_selectors`, the same reads as the /cakupan/rencana/ page, so
`coverage.view` region scope and every figure are the same; texts (method, assumptions, legal
basis) come in the caller's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Query, Router, Schema

from cakupan.coverage.plan import selectors as plan_selectors
from cakupan.coverage.plan.simulation import simulate

router = Router(tags=["coverage"])


class ErrorOut(Schema):
    code: str
    message: str


class ForecastRowOut(Schema):
    code: str
    name: str
    level: str
    covered: int = Field(description="Persons covered on the window's last month.")
    denominator: int | None = Field(description="Working population used for the last month.")
    denominator_year: int | None
    synthetic: bool = Field(description="The denominator is demo data, not an official figure.")
    estimate: bool
    rate: float | None = Field(description="Coverage (percent) on the window's last month.")
    target_rate: float | None
    target_year: int | None
    gap_persons: int | None
    slope_per_month: float | None = Field(description="Percentage points per month.")
    points: int = Field(description="Monthly points the slope was fitted on.")
    status: str = Field(description="`reached`, `on_track`, `not_at_pace` or `no_data`.")
    reach_month: dt.date | None = Field(description="First day of the projected month.")
    months_to_reach: int | None


class ForecastOut(Schema):
    region_code: str
    method: str
    rows: list[ForecastRowOut] = Field(description="The region first, then its children.")


class MonthOut(Schema):
    month: dt.date = Field(description="First day of the iuran month.")
    per_person: int = Field(description="Whole rupiah per person that month.")
    all_persons: int


class SimulationOut(Schema):
    region_code: str
    region_name: str
    persons: int = Field(description="Persons simulated (capped at those not yet covered).")
    persons_asked: int
    months: int
    start: dt.date
    income: int = Field(description="Declared monthly income per person (rupiah).")
    with_jht: bool
    payer: str
    monthly: list[MonthOut]
    total: int = Field(description="Whole rupiah over all months and persons.")
    covered_before: int
    covered_month: dt.date | None
    denominator: int | None
    denominator_year: int | None
    rate_before: float | None
    rate_after: float | None = Field(description="(covered_before + persons) ÷ denominator × 100.")
    target_rate: float | None
    target_year: int | None
    gap_persons: int | None
    rate_changes: list[dt.date] = Field(description="Months whose cost differs from the last.")
    assumptions: list[str]
    legal_basis: list[str]
    synthetic: bool


def _rate(value):
    return float(value) if value is not None else None


@router.get(
    "/forecast",
    response={200: ForecastOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="When a region and each area inside it reach the target at the current pace",
    description="Least-squares slope of the monthly coverage rate over the last 12 months with "
    "a rate (at least 3), projected from the latest rate to the target. Needs `coverage.view`.",
)
def forecast(
    request,
    region: Annotated[str, Query(description="Kemendagri code (regency, kecamatan or desa).")],
    month: Annotated[dt.date, Query(description="Any day of the window's last month.")]
    | None = None,
):
    rows, method = plan_selectors.forecast(user=request.user, region_code=region, month=month)
    return {
        "region_code": rows[0].code,
        "method": method,
        "rows": [
            {
                **{k: getattr(r, k) for k in ForecastRowOut.model_fields if hasattr(r, k)},
                "rate": _rate(r.rate),
                "target_rate": _rate(r.target_rate),
                "slope_per_month": _rate(r.slope_per_month),
            }
            for r in rows
        ],
    }


@router.get(
    "/simulation",
    response={200: SimulationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Budget to cover N vulnerable workers as BPU for M months, paid from the APBD",
    description="Each month at the BPU rates in force that month (the rules billing uses), with "
    "the coverage rate it would give against the target, the assumptions and the legal basis.",
)
def simulation(
    request,
    region: Annotated[str, Query(description="Kemendagri code.")],
    persons: Annotated[int, Query(description="Workers to cover (at least 1).")],
    months: Annotated[int, Query(description="Iuran months, 1 to 60.")],
    start: Annotated[dt.date, Query(description="First covered day (YYYY-MM-DD).")],
    income: Annotated[int, Query(description="Declared income; default the BPU minimum.")]
    | None = None,
    with_jht: Annotated[bool, Query(description="Add the optional JHT.")] = False,
):
    sim = simulate(
        user=request.user,
        region_code=region,
        persons=persons,
        months=months,
        start=start,
        income=income,
        with_jht=with_jht,
    )
    return {
        **{k: getattr(sim, k) for k in SimulationOut.model_fields if hasattr(sim, k)},
        "monthly": [
            {"month": m, "per_person": per, "all_persons": total} for m, per, total in sim.monthly
        ],
        "rate_before": _rate(sim.rate_before),
        "rate_after": _rate(sim.rate_after),
        "target_rate": _rate(sim.target_rate),
    }
