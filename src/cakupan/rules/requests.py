"""From what a person or a client typed to a calculator call: one parser for every interface.

The CLI (`cakupan calc`), the API (`/api/v1/calc/...`) and the calculator page ask the same
questions with the same option names, so they share this module: the same inputs give the same
`Calculation` and the same errors. Values may arrive as ints (typer parsed them) or as text (a
query string, a form); `field` turns an option name into what the caller calls it (`--wage`
at a shell, `wage` in the API, "Upah sebulan" on a page), so error messages name what the
user actually sees. Imports nothing from Django.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from typing import Any

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
from cakupan.rules.errors import InvalidInputError, RuleError, render
from cakupan.rules.formats import MONTHS
from cakupan.rules.heirs import Deceased, HeirsResult, Relative, heirs_entitled
from cakupan.rules.money import Rounding
from cakupan.rules.nik import mask_nik
from cakupan.rules.params import param
from cakupan.rules.wording import Words, day_text, in_lang, is_english

FieldName = Callable[[str], str]
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

# Labels shared by interfaces that are not Django templates: code -> (id, en).
PAYERS = {
    "employer": ("Pemberi kerja", "Employer"),
    "worker": ("Pekerja", "Worker"),
    "government": ("Pemerintah", "Government"),
    "participant": ("Peserta", "Participant"),
    "apbd": ("APBD", "APBD"),
    "apbdes": ("APBDes", "APBDes"),
    "apbn": ("APBN", "APBN"),
    "sponsor": ("Sponsor", "Sponsor"),
}
RELATIONS = {
    "spouse": ("Suami/istri", "Spouse"),
    "widow": ("Janda", "Widow"),
    "widower": ("Duda", "Widower"),
    "child": ("Anak", "Child"),
    "parent": ("Orang tua", "Parent"),
    "grandchild": ("Cucu", "Grandchild"),
    "grandparent": ("Kakek/nenek", "Grandparent"),
    "sibling": ("Saudara kandung", "Sibling"),
    "parent_in_law": ("Mertua", "Parent-in-law"),
    "will_beneficiary": ("Penerima wasiat", "Will beneficiary"),
}
MARITAL = {
    "single": ("Belum menikah", "Single"),
    "married": ("Menikah", "Married"),
    "divorced": ("Cerai", "Divorced"),
    "widowed": ("Janda/duda karena kematian", "Widowed"),
    "remarried": ("Menikah lagi", "Remarried"),
}
EVENTS = {
    "death": ("kematian", "death"),
    "stmb": ("tidak mampu bekerja sementara (STMB)", "temporary incapacity to work (STMB)"),
    "ctt": ("cacat total tetap", "total permanent disability"),
    "scholarship": ("beasiswa anak", "children's scholarship"),
}
SEGMENT_LABELS = {
    "PU": ("pekerja penerima upah (PU)", "wage earners (PU)"),
    "BPU": ("pekerja bukan penerima upah (BPU)", "informal workers (BPU)"),
    "JAKON": ("jasa konstruksi", "construction project"),
    "PMI": ("pekerja migran Indonesia (PMI)", "Indonesian migrant worker (PMI)"),
}
LANGS = ("id", "en")
RECIPIENTS = {
    "heirs": ("Ahli waris", "Heirs"),
    "bhp": ("Balai Harta Peninggalan", "Balai Harta Peninggalan (estate office)"),
    "funeral_arranger": (
        "Pihak yang mengurus pemakaman (biaya pemakaman saja)",
        "Whoever arranged the funeral (funeral allowance only)",
    ),
    "none": ("Tidak ada penerima", "No recipient"),
}


def label(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if (lang or "id")[:2] == "en" else pair[0]


def payer_label(code: str | None, lang: str) -> str:
    if not code:
        return "-"
    return label(PAYERS.get(code, (code, code)), lang)


def api_field(name: str) -> str:
    return name


def cli_field(name: str) -> str:
    return "--" + name.replace("_", "-")


def parse_date(text: Any, field: str = "date") -> dt.date:
    if isinstance(text, dt.date) and not isinstance(text, dt.datetime):
        return text
    if text is None or not str(text).strip():
        raise InvalidInputError("input.required", field=field)
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise InvalidInputError("input.date", field=field, value=text) from None


def parse_lang(value: Any, field: str = "lang") -> str:
    """'id' or 'en' (case and region ignored: 'EN-us' -> 'en'); anything else is refused."""
    text = re.split(r"[-_]", str(value or "id").strip().lower())[0]
    if text not in LANGS:
        raise InvalidInputError("input.choice", field=field, choices=", ".join(LANGS), value=value)
    return text


# Digits, optionally grouped by dots the Indonesian way (5.000.000), optionally after "Rp".
_GROUPED = re.compile(r"^(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)$", re.IGNORECASE)


def parse_int(value: Any, field: str, *, required: bool = False) -> int | None:
    """A whole, non-negative number from an int or text; None when empty and not required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInputError("input.required", field=field)
        return None
    if isinstance(value, bool):
        raise InvalidInputError("input.not_integer", field=field, value=value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        negative = text.startswith("-")
        match = _GROUPED.match(text[1:] if negative else text)
        if match is None:
            raise InvalidInputError("input.not_integer", field=field, value=value)
        number = int(match.group(1).replace(".", "")) * (-1 if negative else 1)
    if number < 0:
        raise InvalidInputError("input.negative", field=field, value=value)
    return number


_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"", "0", "false", "no", "off", "tidak"}


def parse_flag(value: Any, field: str) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise InvalidInputError("input.choice", field=field, choices="true, false", value=value)


def parse_children(value: Any) -> list[str]:
    """'SD,SMP' -> ['SD', 'SMP']; levels are checked by the scholarship rules."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return [str(c).strip() for c in items if str(c).strip()]


# ---------------------------------------------------------------- errors, written for people

# Option names every interface knows (`date` is `--date` at a shell, "Tanggal" on a page), and
# names the rule functions use internally for the same thing.
OPTIONS = {
    "segment", "date", "wage", "risk_class", "padat_karya", "programs", "income", "with_jht",
    "days", "charging", "transport_worker", "payer", "project_value", "contract_months",
    "rounding", "program", "event", "membership_months", "membership_start", "children",
    "deceased.sex", "deceased.death_date", "deceased.birth_date",
}  # fmt: skip
INTERNAL_NAMES = {"wage_or_income": "wage", "years": "children", "sex": "deceased.sex"}
# Error codes about the date a calculation applies to (its rules were not yet in force).
DATE_CODES = {"param.not_in_force", "pu.program_not_in_force", "benefit.death_before_membership"}
_DATE_PARAMS = {"date", "start", "first", "death", "birth", "parent_birth", "child_birth"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class WordedError:
    """Mixin for a `RuleError` whose message is written for people.

    Same class (an `InvalidInputError` stays one), code and params as the error it rewords;
    only `message(lang)` differs: dates as `3 Februari 2010`, a parameter by its description
    instead of its dotted name, fields by what the caller calls them, relations in words.
    `option` names the input the error is about (`date`, `wage`, ...), or None: a form
    uses it to show the message next to that field.
    """

    option: str | None = None
    _write: Callable[[str], str]

    def message(self, lang: str = "id") -> str:
        return self._write(lang)


@functools.cache
def _worded_class(cls: type) -> type:
    return type(cls.__name__, (WordedError, cls), {"__module__": cls.__module__})


def _option_of(err: RuleError, field: FieldName) -> str | None:
    if err.code in DATE_CODES:
        return "date"
    raw = err.params.get("field")
    if raw is None:
        return None
    raw = str(raw)
    name = INTERNAL_NAMES.get(raw, raw)
    if name in OPTIONS:
        return name
    return next((o for o in OPTIONS if field(o) == raw), None)


def _human_params(err: RuleError, field: FieldName, lang: str) -> dict[str, Any]:
    out = dict(err.params)
    for key, value in err.params.items():
        if key in _DATE_PARAMS and isinstance(value, str | dt.date):
            out[key] = day_text(value, lang)
    raw = out.get("field")
    if isinstance(raw, str):
        name = INTERNAL_NAMES.get(raw, raw)
        out["field"] = field(name) if name in OPTIONS else raw
    if "relation" in out and out["relation"] in RELATIONS:
        words = label(RELATIONS[out["relation"]], lang)
        if out.get("who") == out["relation"]:
            out["who"] = words
        out["relation"] = words
    if err.code in ("param.not_in_force",) and "name" in out:
        try:
            found = param(str(out["name"]))
            out["name"] = found.description["en" if is_english(lang) else "id"]
        except RuleError:
            pass
    return out


def _impossible_date(err: RuleError, params: dict[str, Any], lang: str) -> str | None:
    """'2024-02-30' is well formed but not on the calendar: say so, in words."""
    text = str(err.params.get("value", "")).strip()
    if err.code != "input.date" or not _ISO.match(text):
        return None
    year, month, day = (int(part) for part in text.split("-"))
    words = text
    if 1 <= month <= 12:
        words = f"{day} {MONTHS['en' if is_english(lang) else 'id'][month - 1]} {year}"
    if is_english(lang):
        return f"{params['field']}: {words} is not a date on the calendar."
    return f"{params['field']}: tanggal {words} tidak ada di kalender."


def reword(err: RuleError, field: FieldName = api_field) -> RuleError:
    """`err` as a `WordedError` (see there); an error already reworded is returned as is."""
    if isinstance(err, WordedError):
        return err
    new = _worded_class(type(err))(err.code, **err.params)

    def write(lang: str) -> str:
        params = _human_params(err, field, lang)
        return _impossible_date(err, params, lang) or render(err.code, params, lang)

    new._write = write
    new.option = _option_of(err, field)
    return new


def _worded(fn):
    """Every `RuleError` from `fn` leaves reworded for the caller's `field` names."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any):
        try:
            return fn(*args, **kwargs)
        except RuleError as err:
            raise reword(err, kwargs.get("field", api_field)) from err

    return wrapper


# ---------------------------------------------------------------- calculators


@_worded
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


@_worded
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


@_worded
def heirs_request(
    data: Any, program: str | None = None, *, field: FieldName = api_field
) -> HeirsResult:
    deceased, relatives, chosen = heirs_input(data, program, field=field)
    return heirs_entitled(deceased=deceased, relatives=relatives, program=chosen)


# ---------------------------------------------------------------- results, as JSON

SCHOLARSHIP = "scholarship"
SCHOLARSHIPS_NOTE = Words(
    "Beasiswa tidak dibayar sekarang: beasiswa dibayar per tahun ajaran selama anak masih "
    "bersekolah, paling banyak sebesar jumlah yang tertera, dan berhenti bila anak tidak lagi "
    "memenuhi syarat (batas usia, menikah atau bekerja).",
    "Scholarships are not paid now: they are paid per school year while the child is in "
    "school, up to the amount shown, and stop when the child no longer qualifies (age limit, "
    "marriage or work).",
)


def benefit_subtotals(calc: Calculation) -> dict[str, int]:
    """What the family receives when the claim is paid, apart from the scholarships to come.

    `paid_at_claim` adds the lump sum, the periodic benefit (paid at once), the funeral
    allowance and STMB; `scholarships_total` is the most the children can receive over their
    school years. `total` is still their sum (the documented contract).
    """
    paid = sum(c.amount for c in calc.components if not c.informational and c.name != SCHOLARSHIP)
    later = sum(c.amount for c in calc.components if not c.informational and c.name == SCHOLARSHIP)
    return {"paid_at_claim": paid, "scholarships_total": later}


def _localised(calc: Calculation, lang: str) -> dict[str, Any]:
    data = calc.as_dict(lang)
    for row, component in zip(data["components"], calc.components, strict=True):
        row["detail"] = in_lang(component.detail, lang)
    for row, item in zip(data["trace"], calc.trace, strict=True):
        row["note"] = in_lang(item.note, lang)
    data["notes"] = [in_lang(note, lang) for note in calc.notes]
    return data


def contribution_as_dict(calc: Calculation, lang: str = "id") -> dict[str, Any]:
    """What `cakupan calc contribution --json` prints (details and notes in `lang`)."""
    return _localised(calc, lang)


def benefit_as_dict(calc: Calculation, lang: str = "id") -> dict[str, Any]:
    """What `cakupan calc benefit --json` prints: the calculation plus its two subtotals."""
    data = _localised(calc, lang)
    subtotals = benefit_subtotals(calc)
    data.update(subtotals)
    data["scholarships_note"] = (
        SCHOLARSHIPS_NOTE.in_lang(lang) if subtotals["scholarships_total"] else None
    )
    return data


def event_label(event: str, lang: str) -> str:
    code = str(event).strip().lower()
    return label(EVENTS.get(code, (code, code)), lang)


def person_as_dict(r: Relative, lang: str = "id") -> dict[str, Any]:
    return {
        "relation": r.relation,
        "relation_label": label(RELATIONS.get(r.relation, (r.relation, r.relation)), lang),
        "name": r.name,
        "nik": mask_nik(r.nik) if r.nik else None,
        "birth_date": r.birth_date.isoformat() if r.birth_date else None,
    }


def heirs_as_dict(result: HeirsResult, lang: str = "id") -> dict[str, Any]:
    """What `cakupan calc heirs --json` prints; NIKs masked, labels and reasons in `lang`."""
    return {
        "program": result.program,
        "recipient": result.recipient,
        "recipient_label": label(RECIPIENTS[result.recipient], lang),
        "group_rank": result.group_rank,
        "reference": result.reference,
        "group": [person_as_dict(r, lang) for r in result.group],
        "scholarship_children": [person_as_dict(r, lang) for r in result.scholarship_children],
        "excluded": [
            dict(person_as_dict(r, lang), reason=in_lang(why, lang)) for r, why in result.excluded
        ],
    }
