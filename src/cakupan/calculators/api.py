"""Regulation parameters and calculators over HTTP: the same answers as `cakupan calc --json`.

Query values are read as text and parsed by `cakupan.calculators.requests`, the parser the CLI
and the calculator page use, so a wrong value is a 400 with a rule error code and a message in
the caller's language (Accept-Language: id or en), never a framework 422 or a 500. The OpenAPI
schema still says which values are integers, booleans and dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict, WithJsonSchema

from cakupan.accounts.scope import require_permission
from cakupan.calculators.requests import (
    BENEFITS,
    ROUNDINGS,
    SEGMENTS,
    benefit_request,
    contribution_request,
    heirs_request,
)
from cakupan.calculators.results import benefit_as_dict, contribution_as_dict, heirs_as_dict
from cakupan.errors import NotFound
from cakupan.rules.contributions.bpu import BPU_PAYERS, Charging
from cakupan.rules.errors import ParameterError
from cakupan.rules.params import param, parameters_catalog

router = Router(tags=["rules"])


def _lang() -> str:
    return (get_language() or "id")[:2]


def _allowed(request) -> None:
    require_permission(user=request.user, permission="rules.view")


# ---------------------------------------------------------------- output schemas


class ErrorOut(Schema):
    code: str = Field(description="Stable error code, e.g. `input.required`, `pu.risk_class`.")
    message: str = Field(description="What went wrong, in the request's language.")


class ReferenceOut(Schema):
    regulation: str = Field(examples=["PP 82/2019"])
    article: str = Field(examples=["Pasal 34 ayat (1)"])
    title: str | None = None
    note: str | None = None
    url: str | None = None


class ParameterValueOut(Schema):
    from_: dt.date = Field(alias="from", description="In force from this day until the next.")
    value: Any = Field(description="Scalar, table or list; exact decimals are strings.")
    reference: ReferenceOut


class ParameterOut(Schema):
    name: str = Field(examples=["jkm.lump_sum"])
    subject: str = Field(description="The parameter file (subject) it belongs to.")
    description: dict[str, str] = Field(description="Keyed by language: `id`, `en`.")
    unit: str
    units: dict[str, str] = Field(description="Units of fields inside table values.")
    values: list[ParameterValueOut] = Field(description="Dated history, oldest first.")


class ComponentOut(Schema):
    program: str = Field(examples=["JKK"])
    name: str = Field(examples=["jkk"])
    label: str = Field(description="Component name in the request's language.")
    amount: int = Field(description="Whole rupiah.")
    exact: str = Field(description="Exact amount before rounding, as a decimal string.")
    payer: str | None = Field(description="employer, worker, participant, ...; null for benefits.")
    reference: str = Field(examples=["PP 44/2015 Lampiran I"])
    informational: bool = Field(description="Explains money without adding to the total.")
    info_note: str | None = Field(
        None,
        description="For an informational component, why it is not in the totals "
        "(e.g. part of the JKK contribution), in the request's language; null otherwise.",
    )
    detail: str | None = Field(
        None, description="How the amount was found, in the request's language."
    )


class TraceOut(Schema):
    parameter: str
    value: Any
    effective_from: dt.date
    reference: str
    note: str | None = None


class CalculationOut(Schema):
    total: int = Field(description="Whole rupiah; informational components excluded.")
    totals_by_payer: dict[str, int]
    components: list[ComponentOut]
    trace: list[TraceOut] = Field(description="Every parameter used, with its reference.")
    notes: list[str] = Field(description="In the request's language.")


class BenefitOut(CalculationOut):
    paid_at_claim: int = Field(
        description="Whole rupiah paid when the claim is paid: lump sum, periodic benefit "
        "(paid at once), funeral allowance, STMB. `total` = this + `scholarships_total`."
    )
    scholarships_total: int = Field(
        description="Most the children can receive in scholarships, paid per school year "
        "while each child is in school; not paid at once."
    )
    scholarships_note: str | None = Field(
        description="Explains `scholarships_total` in the request's language; null if 0."
    )


class PersonOut(Schema):
    relation: str = Field(examples=["widow"])
    relation_label: str = Field(description="The relation in the request's language.")
    name: str | None
    nik: str | None = Field(description="Masked NIK.")
    birth_date: dt.date | None


class ExcludedOut(PersonOut):
    reason: str = Field(description="Why this relative is not entitled, in the request's language.")


class HeirsOut(Schema):
    program: str
    recipient: str = Field(description="heirs, bhp (JHT), funeral_arranger (JKM/JKK), none (JP)")
    recipient_label: str = Field(description="The recipient in the request's language.")
    group_rank: int | None = Field(description="1 = spouse and children, 2 = parents, ...")
    reference: str
    group: list[PersonOut]
    scholarship_children: list[PersonOut]
    excluded: list[ExcludedOut]


# ---------------------------------------------------------------- query schemas
# Typed as text so that the rules parser, not the framework, judges a value (400 + message);
# the schema shown to clients keeps the real types.


def _as(kind: str, **extra: Any) -> Any:
    return Annotated[str | None, WithJsonSchema({"type": kind, **extra})]


Integer = _as("integer", minimum=0)
Boolean = _as("boolean")
Date = _as("string", format="date")


def _text(*choices: str) -> Any:
    return _as("string", enum=list(choices)) if choices else _as("string")


class ContributionQuery(Schema):
    model_config = ConfigDict(json_schema_extra={"required": ["segment", "date"]})

    segment: _text(*SEGMENTS) = Field(None, description="PU, BPU, JAKON or PMI.")
    date: Date = Field(None, description="Contribution month's day, YYYY-MM-DD.")
    wage: Integer = Field(None, description="PU: monthly wage, rupiah.")
    risk_class: Integer = Field(None, description="PU: JKK risk class 1-5.")
    padat_karya: Boolean = Field(None, description="PU: labour-intensive JKK discount.")
    programs: _text() = Field(None, description="PU: programs to include, e.g. JKK,JKM.")
    income: Integer = Field(None, description="BPU: declared monthly income, rupiah.")
    with_jht: Boolean = Field(None, description="BPU: include JHT.")
    days: Integer = Field(None, description="BPU: duty period in days from `date`.")
    charging: _text(*(c.value for c in Charging)) = Field(None, description="BPU.")
    transport_worker: Boolean = Field(None, description="BPU: transport-worker discount.")
    payer: _text(*BPU_PAYERS) = Field(None, description="BPU: who pays.")
    project_value: Integer = Field(None, description="JAKON: contract value, rupiah.")
    contract_months: Integer = Field(None, description="PMI: contract length (default 24).")
    rounding: _text(*ROUNDINGS) = Field(
        None, description="Rounding rule (default component_half_up)."
    )


class BenefitQuery(Schema):
    model_config = ConfigDict(json_schema_extra={"required": ["program", "event", "date"]})

    program: _text("JKM", "JKK") = Field(None)
    event: _text(*sorted({e for _, e in BENEFITS})) = Field(
        None, description="JKM: death, scholarship. JKK: death, stmb, ctt, scholarship."
    )
    date: Date = Field(None, description="Date of death or accident, YYYY-MM-DD.")
    wage: Integer = Field(None, description="JKK: last monthly wage, rupiah.")
    income: Integer = Field(None, description="JKK for BPU: declared income, rupiah.")
    membership_months: Integer = Field(None, description="Months of contributions paid.")
    membership_start: Date = Field(None, description="Membership start, YYYY-MM-DD.")
    children: _text() = Field(
        None, description="School level per child, e.g. `SD,SMP` or `SMA:1` (years left)."
    )
    days: Integer = Field(None, description="STMB: days unable to work.")


# ---------------------------------------------------------------- endpoints

ERRORS = {400: ErrorOut, 401: dict, 403: ErrorOut}


def _parameter_out(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "subject": item["name"].split(".", 1)[0]}


@router.get("/parameters", response={200: list[ParameterOut], **ERRORS}, by_alias=True)
def parameter_list(request):
    """Every regulation parameter with its dated values and legal references."""
    _allowed(request)
    return [_parameter_out(item) for item in parameters_catalog()]


@router.get(
    "/parameters/{name}", response={200: ParameterOut, 404: ErrorOut, **ERRORS}, by_alias=True
)
def parameter_get(request, name: str):
    """One parameter, e.g. `jkm.lump_sum`."""
    _allowed(request)
    try:
        param(name)
    except ParameterError as err:
        raise NotFound(err.code, err.message("id"), err.message("en")) from None
    return next(_parameter_out(p) for p in parameters_catalog() if p["name"] == name)


@router.get("/calc/contribution", response={200: CalculationOut, **ERRORS})
def calc_contribution(request, query: Query[ContributionQuery]):
    """Contributions, as `cakupan calc contribution --json` (same option names, snake_case)."""
    _allowed(request)
    calc = contribution_request(**query.model_dump(exclude_none=True))
    return contribution_as_dict(calc, _lang())


@router.get("/calc/benefit", response={200: BenefitOut, **ERRORS})
def calc_benefit(request, query: Query[BenefitQuery]):
    """Benefits, as `cakupan calc benefit --json` (same option names, snake_case)."""
    _allowed(request)
    calc = benefit_request(**query.model_dump(exclude_none=True))
    return benefit_as_dict(calc, _lang())


class DeceasedIn(Schema):
    sex: str = Field(description="L or P, as on the NIK.")
    death_date: dt.date
    birth_date: dt.date | None = None
    nik: str | None = None


class RelativeIn(Schema):
    relation: str = Field(description="spouse, widow, widower, child, parent, grandchild, ...")
    alive: bool = True
    nik: str | None = None
    name: str | None = None
    birth_date: dt.date | None = None
    marital_status: str | None = Field(None, description="single, married, divorced, ...")
    working: bool = False
    notarial_deed: bool = Field(False, description="will_beneficiary only.")


class HeirsIn(Schema):
    program: str = Field(description="JKM, JKK, JHT or JP.")
    deceased: DeceasedIn
    relatives: list[RelativeIn] = []


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with its `$defs` references written out, for an `openapi_extra` body."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(defs[ref.rsplit("/", 1)[1]])
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


HEIRS_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": _inline(HeirsIn.model_json_schema())}},
    }
}


@router.post("/calc/heirs", response={200: HeirsOut, **ERRORS}, openapi_extra=HEIRS_BODY)
def calc_heirs(request):
    """Entitled heirs in legal order, as `cakupan calc heirs --json` (body: the same JSON)."""
    _allowed(request)
    return heirs_as_dict(heirs_request(request.body), _lang())
