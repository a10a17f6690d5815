"""From what a person or a client typed to a calculator call: one entry point per calculator.

The CLI (`cakupan calc`), the API (`/api/v1/calc/...`) and the calculator page ask the same
questions with the same option names, so they share this module: the same inputs give the same
`Calculation` and the same errors, reworded for people (`calculators.errors`) and naming the
fields as the caller calls them (`calculators.parsing`). Imports nothing from Django.
"""

from __future__ import annotations

import json
from typing import Any

from cakupan.calculators.errors import worded
from cakupan.calculators.parsing import (
    FieldName,
    api_field,
    parse_children,
    parse_date,
    parse_flag,
    parse_int,
)
from cakupan.rules.benefits import (
    benefit_jkk_ctt,
    benefit_jkk_death,
    benefit_jkk_stmb,
    benefit_jkm_death,
    scholarship,
)
from cakupan.rules.calculation import Calculation
from cakupan.rules.contributions import (
    contribution_bpu,
    contribution_jakon,
    contribution_pmi,
    contribution_pu,
)
from cakupan.rules.errors import InvalidInputError
from cakupan.rules.heirs import Deceased, HeirsResult, Relative, heirs_entitled
from cakupan.rules.money import Rounding

SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
ROUNDINGS = tuple(r.value for r in Rounding)
# (program, event) pairs `benefit_request` answers; scholarship works for JKM and JKK.
BENEFITS = (
    ("JKM", "death"),
    ("JKM", "scholarship"),
    ("JKK", "death"),
    ("JKK", "stmb"),
    ("JKK", "ctt"),
    ("JKK", "scholarship"),
)


@worded
def contribution_request(
    *,
    segment: Any = None,
    date: Any = None,
    wage: Any = None,
    risk_class: Any = None,
    padat_karya: Any = False,
    programs: Any = None,
    income: Any = None,
    with_jht: Any = False,
    days: Any = None,
    charging: Any = "month_started",
    transport_worker: Any = False,
    payer: Any = "participant",
    project_value: Any = None,
    contract_months: Any = 24,
    rounding: Any = "component_half_up",
    field: FieldName = api_field,
) -> Calculation:
    """The contribution `cakupan calc contribution` computes, from the same options."""
    kind = str(segment or "").strip().upper()
    if not kind:
        raise InvalidInputError("input.required", field=field("segment"))
    if kind not in SEGMENTS:
        raise InvalidInputError(
            "input.choice", field=field("segment"), choices=", ".join(SEGMENTS), value=segment
        )
    day = parse_date(date, field("date"))
    rounding = str(rounding or "component_half_up")
    if rounding not in ROUNDINGS:  # `Rounding(...)` would raise a bare ValueError
        raise InvalidInputError(
            "input.choice", field=field("rounding"), choices=", ".join(ROUNDINGS), value=rounding
        )
    if kind == "PU":
        chosen = [p.strip() for p in str(programs).split(",") if p.strip()] if programs else None
        return contribution_pu(
            date=day,
            wage=parse_int(wage, field("wage"), required=True),
            risk_class=parse_int(risk_class, field("risk_class"), required=True),
            padat_karya=parse_flag(padat_karya, field("padat_karya")),
            programs=chosen,
            rounding=rounding,
        )
    if kind == "BPU":
        return contribution_bpu(
            date=day,
            income=parse_int(income, field("income"), required=True),
            with_jht=parse_flag(with_jht, field("with_jht")),
            days=parse_int(days, field("days")),
            charging=str(charging or "month_started"),
            transport_worker=parse_flag(transport_worker, field("transport_worker")),
            payer=str(payer or "participant"),
            rounding=rounding,
        )
    if kind == "JAKON":
        value = parse_int(project_value, field("project_value"), required=True)
        return contribution_jakon(date=day, project_value=value, rounding=rounding)
    months = parse_int(contract_months, field("contract_months"))
    return contribution_pmi(date=day, contract_months=24 if months is None else months)


@worded
def benefit_request(
    *,
    program: Any = None,
    event: Any = None,
    date: Any = None,
    wage: Any = None,
    income: Any = None,
    membership_months: Any = 0,
    membership_start: Any = None,
    children: Any = "",
    days: Any = None,
    field: FieldName = api_field,
) -> Calculation:
    """The benefit `cakupan calc benefit` computes, from the same options."""
    name = str(program or "").strip().upper()
    what = str(event or "").strip().lower()
    if not name:
        raise InvalidInputError("input.required", field=field("program"))
    if not what:
        raise InvalidInputError("input.required", field=field("event"))
    day = parse_date(date, field("date"))
    start = parse_date(membership_start, field("membership_start")) if membership_start else None
    months = parse_int(membership_months, field("membership_months")) or 0
    kids = parse_children(children)
    base = parse_int(wage, field("wage"))
    if base is None:
        base = parse_int(income, field("income"))
    key = (name, what)
    if key == ("JKM", "death"):
        return benefit_jkm_death(
            date=day, membership_months=months, children=kids, membership_start=start
        )
    if what == "scholarship":
        return scholarship(date=day, program=name, membership_months=months, children=kids)
    if name == "JKK" and what in ("death", "stmb", "ctt"):
        if base is None:
            raise InvalidInputError("input.required", field=f"{field('wage')}/{field('income')}")
        if what == "death":
            return benefit_jkk_death(
                date=day,
                wage_or_income=base,
                children=kids,
                membership_months=months,
                membership_start=start,
            )
        if what == "stmb":
            stmb_days = parse_int(days, field("days"), required=True)
            return benefit_jkk_stmb(date=day, wage_or_income=base, days=stmb_days)
        return benefit_jkk_ctt(date=day, wage_or_income=base, children=kids)
    raise InvalidInputError("benefit.event_unknown", program=program, event=event)


def _relative(raw: dict, index: int, field: FieldName) -> Relative:
    fields = dict(raw)
    where = f"relatives[{index}]"
    if fields.get("birth_date"):
        fields["birth_date"] = parse_date(fields["birth_date"], field(f"{where}.birth_date"))
    allowed = set(Relative.__dataclass_fields__)
    unknown = set(fields) - allowed
    if unknown:
        raise InvalidInputError("input.json", detail=f"{where}: unknown fields {sorted(unknown)}")
    if "relation" not in fields:
        raise InvalidInputError("input.required", field=field(f"{where}.relation"))
    for key, value in fields.items():
        kind = _RELATIVE_TYPES.get(key)
        if kind is not None and value is not None and not isinstance(value, kind):
            raise InvalidInputError(
                "input.json", detail=f"{where}.{key}: {value!r} is not a {kind.__name__}"
            )
    return Relative(**fields)


_RELATIVE_TYPES = {
    "relation": str,
    "alive": bool,
    "nik": str,
    "name": str,
    "marital_status": str,
    "working": bool,
    "notarial_deed": bool,
}


def heirs_input(
    data: Any, program: str | None = None, *, field: FieldName = api_field
) -> tuple[Deceased, list[Relative], str]:
    """`{deceased: {...}, relatives: [...], program?}` (a dict or JSON text) checked and typed."""
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInputError("input.json", detail=str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("deceased"), dict):
        raise InvalidInputError("input.json", detail="expected {deceased: {...}, relatives: [...]}")
    raw = data["deceased"]
    born = raw.get("birth_date")
    deceased = Deceased(
        sex=str(raw.get("sex", "")).upper(),
        death_date=parse_date(raw.get("death_date"), field("deceased.death_date")),
        birth_date=parse_date(born, field("deceased.birth_date")) if born else None,
        nik=str(raw["nik"]) if raw.get("nik") else None,
    )
    relatives = data.get("relatives", [])
    if not isinstance(relatives, list):
        raise InvalidInputError("input.json", detail="relatives must be a list")
    people = [
        _relative(r, i, field) for i, r in enumerate(relatives, start=1) if isinstance(r, dict)
    ]
    chosen = program or data.get("program")
    if not chosen:
        raise InvalidInputError("input.required", field=field("program"))
    return deceased, people, str(chosen)


@worded
def heirs_request(
    data: Any, program: str | None = None, *, field: FieldName = api_field
) -> HeirsResult:
    deceased, relatives, chosen = heirs_input(data, program, field=field)
    return heirs_entitled(deceased=deceased, relatives=relatives, program=chosen)
