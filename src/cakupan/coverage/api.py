"""Coverage over HTTP (mounted at /api/v1/coverage): indicators and facts, region-scoped; the
gap lists (`gap/api.py`) and the forecast and simulation (`plan/api.py`) are mounted here too,
so the shell mounts one coverage router.

The endpoints call the same selectors as the dashboard page, so `coverage.view` region scope
applies unchanged; every figure comes with its numerator, its denominator (with source, year
and whether it is an estimate or synthetic) and the definition text.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ninja import Field, Query, Router, Schema

from cakupan.coverage.facts import selectors
from cakupan.coverage.facts.freshness import facts_freshness

router = Router(tags=["coverage"])


class ErrorOut(Schema):
    code: str
    message: str


class DenominatorOut(Schema):
    value: int = Field(description="Working population (penduduk bekerja).")
    year: int = Field(description="The year the figure is for (may be earlier than asked).")
    basis: str = Field(description="`counted`, `estimate` (population × share) or `synthetic`.")
    is_estimate: bool
    source: str
    note: str = Field(description="Why this figure is not plain (estimate, older year, demo).")


class FigureOut(Schema):
    key: str
    label: str
    numerator: int
    denominator: int | None
    rate: float | None = Field(description="Percent, two decimals; null without denominator.")


class IndicatorOut(Schema):
    region_code: str
    region_name: str
    level: str
    date: dt.date
    computed: str = Field(description="`monthly` (pre-aggregated facts) or `on_demand`.")
    covered: int = Field(description="Numerator: persons covered on `date`, each once.")
    denominator: DenominatorOut | None
    rate: float | None = Field(description="covered ÷ denominator × 100, two decimals.")
    target_rate: float | None
    target_source: str
    gap_persons: int | None = Field(description="Workers still to cover to reach the target.")
    definition: str
    breakdowns: dict[str, list[FigureOut]] = Field(
        description="By segment, payer, sex, age_band, sector and flag."
    )
    breakdown_definitions: dict[str, str]
    synthetic: bool = Field(
        description="Some of the figure is demo data, not official: the registry counts, the "
        "denominator or the target (see `synthetic_parts`)."
    )
    synthetic_parts: list[str] = Field(
        description="Which parts are synthetic: `registry`, `denominator`, `target`."
    )
    facts_refreshed_at: dt.datetime | None = Field(
        description="When the regency's monthly facts were last refreshed (null: never)."
    )
    stale: bool = Field(
        description="The registry has changed since that refresh, or a month has begun "
        "without facts: the figures may lag until the next refresh."
    )


class FactOut(Schema):
    region_code: str = Field(description="Desa/kelurahan code.")
    month: dt.date = Field(description="The month's last day, when the count is taken.")
    segment: str
    payer: str
    sex: str
    age_band: str
    sector: str
    persons: int


def _rate(value):
    return float(value) if value is not None else None


def _indicator_out(ind: selectors.Indicator) -> dict:
    d = ind.denominator
    return {
        "region_code": ind.region_code,
        "region_name": ind.region_name,
        "level": ind.level,
        "date": ind.date,
        "computed": ind.computed,
        "covered": ind.covered,
        "denominator": None
        if d is None
        else {
            "value": d.value,
            "year": d.year,
            "basis": d.basis,
            "is_estimate": d.is_estimate,
            "source": d.source,
            "note": d.note,
        },
        "rate": _rate(ind.rate),
        "target_rate": _rate(ind.target_rate),
        "target_source": ind.target_source,
        "gap_persons": ind.gap_persons,
        "definition": ind.definition,
        "breakdowns": {
            dim: [
                {
                    "key": f.key,
                    "label": f.label,
                    "numerator": f.numerator,
                    "denominator": f.denominator,
                    "rate": _rate(f.rate),
                }
                for f in rows
            ]
            for dim, rows in ind.breakdowns.items()
        },
        "breakdown_definitions": ind.breakdown_definitions,
        "synthetic": bool(ind.synthetic),
        "synthetic_parts": ind.synthetic.names,
    }


@router.get(
    "/indicators",
    response={200: IndicatorOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Coverage of a region on a date: rate, target, gap and breakdowns",
    description="A month's last day reads the monthly facts; any other date is computed from "
    "the spells of that region on demand. Needs `coverage.view` in the region.",
)
def indicators(
    request,
    region: Annotated[str, Query(description="Kemendagri code (regency, kecamatan or desa).")],
    date: Annotated[dt.date, Query(description="YYYY-MM-DD; default: last month end up to today.")]
    | None = None,
):
    ind = selectors.coverage_indicator(user=request.user, region_code=region, on=date)
    fresh = facts_freshness(ind.region_code[:5])
    return {
        **_indicator_out(ind),
        "facts_refreshed_at": fresh.refreshed_at,
        "stale": fresh.stale,
    }


@router.get(
    "/facts",
    response={200: list[FactOut], 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Monthly coverage facts per desa inside a region",
    description="The pre-aggregated rows (desa × month × segment × payer × sex × age band × "
    "sector → persons) for one month, inside the region. Needs `coverage.view` there.",
)
def facts_list(
    request,
    region: Annotated[str, Query(description="Kemendagri code.")],
    month: Annotated[dt.date, Query(description="Any day of the month (YYYY-MM-DD).")],
):
    rows = selectors.coverage_facts(user=request.user, region_code=region, month=month)
    return list(rows)


# The sub-domains' routers, under the same /coverage prefix (their paths and ids are unchanged).
from cakupan.coverage.gap import api as gap_api  # noqa: E402
from cakupan.coverage.plan import api as plan_api  # noqa: E402

router.add_router("", gap_api.router)
router.add_router("", plan_api.router)
