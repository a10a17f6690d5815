"""From a claim and its heirs to the rules' answer: who is entitled and what they are owed.

Calls `cakupan.rules` with the incident date, exactly as `cakupan calc benefit` and
`cakupan calc heirs` do, and returns plain data for the services to store (the decision
row and each heir's entitlement). Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cakupan.claims import arrears
from cakupan.rules import (
    Deceased,
    Relative,
    RuleError,
    benefit_jkk_ctt,
    benefit_jkk_death,
    benefit_jkk_stmb,
    benefit_jkm_death,
    heirs_entitled,
)
from cakupan.rules.benefits import benefit_jkk_partial_disability
from cakupan.rules.benefits.scholarship import benefit_subtotals
from cakupan.rules.calculation import Calculation
from cakupan.rules.errors import InvalidInputError
from cakupan.rules.wording import Words, in_lang


@dataclass
class HeirVerdict:
    entitled: bool
    scholarship: bool
    reference: str
    note: str  # Indonesian; `note_en` its English twin (both stored: the page follows the UI)
    note_en: str = ""


def _note(text) -> dict | str:
    """A rules' note as stored on the decision: {"id", "en"} for text the rules wrote in both
    languages; a plain string stays (codes like `in_kind_only`, shown by `documents`)."""
    if isinstance(text, Words):
        return {"id": str(text), "en": text.en}
    return text


def _component(c) -> dict:
    """A component as stored, with its English label and detail next to the Indonesian ones."""
    row = c.as_dict("id")
    row["detail"] = in_lang(c.detail, "id")
    row["label_en"] = c.label("en")
    row["detail_en"] = in_lang(c.detail, "en")
    return row


@dataclass
class Outcome:
    total: int = 0
    # What the claim's payment settles, and the scholarships paid later per school year
    # (`rules.benefits.scholarship.benefit_subtotals`); `total` is their sum.
    paid_at_claim: int = 0
    scholarships_total: int = 0
    components: list[dict] = field(default_factory=list)
    trace: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    heirs: dict = field(default_factory=dict)
    verdicts: dict[int, HeirVerdict] = field(default_factory=dict)  # heir pk -> verdict
    error: RuleError | None = None


def _relative(heir) -> Relative:
    return Relative(
        relation=heir.relation,
        alive=heir.alive,
        nik=heir.nik or None,
        name=heir.name,
        birth_date=heir.birth_date,
        marital_status=heir.marital_status or None,
        working=heir.working,
        notarial_deed=heir.notarial_deed,
    )


def _heirs(claim, heirs: list, out: Outcome) -> list:
    """Entitlement per heir; returns the heirs whose children's levels feed scholarships."""
    relatives = {id(r): (h, r) for h in heirs for r in [_relative(h)]}
    deceased = Deceased(
        sex=claim.sex, death_date=claim.incident_date, birth_date=claim.birth_date, nik=claim.nik
    )
    result = heirs_entitled(
        deceased=deceased,
        relatives=[r for _h, r in relatives.values()],
        program=claim.program,
    )
    group = {id(r) for r in result.group}
    scholars = {id(r) for r in result.scholarship_children}
    excluded = {id(r): why for r, why in result.excluded}
    for key, (heir, _r) in relatives.items():
        why = excluded.get(key, "")
        out.verdicts[heir.pk] = HeirVerdict(
            entitled=key in group,
            scholarship=key in scholars,
            reference=result.reference,
            note=str(why),
            note_en=in_lang(why, "en") if isinstance(why, Words) else str(why),
        )
    out.heirs = {
        "recipient": result.recipient,
        "group_rank": result.group_rank,
        "reference": result.reference,
        "notes_en": {str(pk): v.note_en for pk, v in out.verdicts.items() if v.note_en},
    }
    # The scholarship is for the children the rules name, at most as many as the rules allow
    # (the rules cut the list); each child's level is what the operator entered.
    return [h for key, (h, _r) in relatives.items() if key in scholars]


def _children(scholars: list) -> tuple[list[str], list[str]]:
    levels, missing = [], []
    for heir in scholars:
        if heir.school_level:
            levels.append(heir.school_level)
        else:
            missing.append(heir.name)
    return levels, missing


def _calculation(claim, children: list[str]) -> Calculation | None:
    day = claim.incident_date
    key = (claim.program, claim.event)
    if key == ("JKM", "death"):
        return benefit_jkm_death(
            date=day,
            membership_months=claim.membership_months,
            children=children,
            membership_start=claim.membership_start,
        )
    if key == ("JKK", "death"):
        return benefit_jkk_death(
            date=day,
            wage_or_income=claim.wage or 0,
            children=children,
            membership_months=claim.membership_months,
            membership_start=claim.membership_start,
        )
    if key == ("JKK", "disability") and claim.is_partial_disability:
        return _partial(claim)
    if key == ("JKK", "disability"):
        return benefit_jkk_ctt(date=day, wage_or_income=claim.wage or 0, children=children)
    if claim.program == "JKK" and claim.event in ("stmb", "injury") and claim.stmb_days:
        return benefit_jkk_stmb(date=day, wage_or_income=claim.wage or 0, days=claim.stmb_days)
    return None


def _partial(claim) -> Calculation:
    """Partial disability, on the percentages the officer copied from the doctor's statement;
    until they are entered the decision says which one is missing."""
    functional = claim.disability_kind == "functional"
    if claim.disability_table_percent is None:
        raise InvalidInputError("input.required", field="disability_table_percent")
    if functional and claim.function_lost_percent is None:
        raise InvalidInputError("input.required", field="function_lost_percent")
    return benefit_jkk_partial_disability(
        date=claim.incident_date,
        wage_or_income=claim.wage or 0,
        table_percent=claim.disability_table_percent,
        function_lost_percent=claim.function_lost_percent if functional else None,
    )


def _jht(claim, out: Outcome) -> None:
    """JHT at death pays the member's balance as BPJS reports it: recorded, not computed."""
    balance = claim.jht_balance or 0
    out.total = out.paid_at_claim = balance
    out.components = [
        {
            "program": "JHT",
            "name": "jht_balance",
            "label": "Saldo JHT (menurut BPJS Ketenagakerjaan)",
            "label_en": "JHT balance (as reported by BPJS Ketenagakerjaan)",
            "amount": balance,
            "reference": (
                "PP 46/2015 jo. PP 60/2015 "
                "(manfaat JHT peserta meninggal dibayar kepada ahli waris)"
            ),
            "detail": None,
            "detail_en": None,
            "informational": False,
        }
    ]
    out.notes.append("jht_balance_entered")
    _no_scholarship(out)


def evaluate(claim, heirs: list) -> Outcome:
    """The decision for `claim` with `heirs` (Heir rows); rule errors are returned, not raised,
    so a claim with an incomplete file can still be saved and shown with what is missing.
    The payment situation on the incident date (paid, grace, arrears, employer pays first,
    not checked) goes with it as a note, and its parameters into the trace."""
    out = _evaluate(claim, heirs)
    situation = arrears.claim_situation(claim)
    if situation is not None and situation.situation != "not_applicable":
        out.notes.append(arrears.situation_note(situation))
        seen = {(t["parameter"], t["effective_from"]) for t in out.trace}
        for item in situation.trace:
            row = item.as_dict()
            if (row["parameter"], row["effective_from"]) not in seen:
                out.trace.append(row)
    return out


def _evaluate(claim, heirs: list) -> Outcome:
    out = Outcome()
    try:
        scholars = _heirs(claim, heirs, out) if claim.is_death else []
        if claim.program == "JHT":
            _jht(claim, out)
            return out
        levels, missing = _children(scholars)
        if missing:
            out.notes.append("school_level_missing:" + ", ".join(missing))
        calc = _calculation(claim, levels)
    except RuleError as err:
        out.error = err
        _no_scholarship(out)
        return out
    if calc is None:
        out.notes.append("in_kind_only")
        _no_scholarship(out)
        return out
    out.total = calc.total
    subtotals = benefit_subtotals(calc)
    out.paid_at_claim = subtotals["paid_at_claim"]
    out.scholarships_total = subtotals["scholarships_total"]
    out.components = [_component(c) for c in calc.components]
    out.trace = [t.as_dict() for t in calc.trace]
    out.notes.extend(_note(n) for n in calc.notes)
    if not any(c.name == "scholarship" and c.amount for c in calc.components):
        _no_scholarship(out)
    return out


def _no_scholarship(out: Outcome) -> None:
    """The decision gives no scholarship (too few months of contributions, a program without
    one, an incomplete file): no heir is marked for one, whatever the heirs' rules list; the
    rules' note on the decision says why."""
    for verdict in out.verdicts.values():
        verdict.scholarship = False
