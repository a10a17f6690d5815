"""Was the iuran for the incident month paid, and what that means for a claim.

The registry knows coverage spells, not payments; BPJS's own system shows up to which month the
iuran was paid ("paid through"). From that month, the segment, the program and the incident
date this rule says which situation the rules define (rules.md §3, "Payment rules"):

- PU (wage earners): iuran for month M is due by the 15th of M+1, so on the incident date the
  incident month itself is never overdue. Employer arrears do not end membership: with arrears
  up to the program's threshold BPJS pays; beyond it the employer pays the benefit first and
  BPJS reimburses once arrears plus denda are paid (JKK, and JKM by analogy [U]; JKP up to 6
  months, PP 6/2025 Ps 39A).
- BPU (informal): iuran is prepaid, due by the 15th of the month it covers, and coverage
  follows paid months; more than 3 consecutive unpaid months make the participant non-active.
  An incident on or before the incident month's due date, with every earlier month paid, is in
  the payment window, not in arrears: covered if that month's iuran was paid by its due date,
  which the verifier checks on the proof of payment (`arrears.bpu_payment_window_covers` [U]).
  Otherwise an incident in an unpaid month is not covered even if the month is paid later [U]
  (`arrears.bpu_paid_after_incident_covers`). Both are dated settings.
- Agreement payers (APBD, APBDes, election bodies) pay by invoice and follow their segment.
- Jakon and PMI pay up front for the project or placement, and a JHT payout is the balance
  already paid in: no monthly arrears rule applies to them ("not_applicable").

A month is overdue on the incident date when its due date is before that day (paying on the
due day is on time). Months before the spell began are not counted as unpaid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cakupan.rules import arrears_words as words
from cakupan.rules.calculation import Builder, TraceItem
from cakupan.rules.errors import InvalidInputError
from cakupan.rules.wording import Words, both

SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
PROGRAMS = ("JKK", "JKM", "JHT", "JKP")
SITUATIONS = (
    "paid",
    "grace",
    "arrears_bpjs_pays",
    "arrears_employer_first",
    "bpu_unpaid_month",
    "bpu_lapsed",
    "unknown",
    "not_applicable",
)
# The incident is not covered: the claim is refused with the explanation as its reason.
NOT_COVERED = frozenset({"bpu_unpaid_month", "bpu_lapsed"})
# Payers who pay by invoice under a cooperation agreement (PKS): (id, en).
AGREEMENT_PAYERS = {
    "apbd": ("APBD", "the regional budget (APBD)"),
    "apbdes": ("APBDes", "the village budget (APBDes)"),
    "election_body": ("penyelenggara pemilu", "the election body"),
    "other_agreement": ("pihak dalam perjanjian", "the agreement's sponsor"),
}
PU_THRESHOLDS = {
    "JKK": "arrears.pu_jkk_months_bpjs_pays",
    "JKM": "arrears.pu_jkm_months_bpjs_pays",
    "JKP": "arrears.pu_jkp_months_bpjs_pays",
}


@dataclass(frozen=True)
class ArrearsSituation:
    situation: str  # one of SITUATIONS
    segment: str
    program: str
    incident_date: dt.date
    paid_through: dt.date | None  # first day of the last month paid
    months_overdue: int  # unpaid months whose due date had passed on the incident date
    explanation: Words
    reference: str  # legal basis of the deciding parameter ("" when none applies)
    trace: tuple[TraceItem, ...] = ()

    @property
    def covered(self) -> bool:
        return self.situation not in NOT_COVERED

    @property
    def employer_pays_first(self) -> bool:
        return self.situation == "arrears_employer_first"

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "situation": self.situation,
            "covered": self.covered,
            "employer_pays_first": self.employer_pays_first,
            "segment": self.segment,
            "program": self.program,
            "incident_date": self.incident_date.isoformat(),
            "paid_through": self.paid_through.isoformat()[:7] if self.paid_through else None,
            "months_overdue": self.months_overdue,
            "explanation": self.explanation.in_lang(lang),
            "reference": self.reference,
            "trace": [t.as_dict() for t in self.trace],
        }


def month_start(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, 1)


def _add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    found = []
    while first <= last:
        found.append(first)
        first = _add_months(first, 1)
    return found


def _working_day(day: dt.date) -> dt.date:
    """A due date on Saturday or Sunday moves to Monday (holidays are not known here)."""
    return day + dt.timedelta(days=max(0, 7 - day.weekday())) if day.weekday() >= 5 else day


def pu_due_date(month: dt.date, due_day: int) -> dt.date:
    return _working_day(_add_months(month_start(month), 1).replace(day=due_day))


def bpu_due_date(month: dt.date, due_day: int) -> dt.date:
    return month_start(month).replace(day=due_day)


def _payer_sentence(payer: str | None, segment: str) -> Words | None:
    pair = AGREEMENT_PAYERS.get(payer or "")
    if pair is None:
        return None
    return Words(
        f"Iuran dibayar oleh {pair[0]} berdasarkan perjanjian kerja sama (PKS) melalui tagihan; "
        f"aturan segmen {segment} dipakai.",
        f"The iuran is paid by {pair[1]} under a cooperation agreement (PKS), by invoice; the "
        f"{segment} rule applies.",
    )


def _join(text: Words, extra: Words | None) -> Words:
    return text if extra is None else Words(f"{text} {extra}", f"{text.en} {extra.en}")


def _check(segment: str, program: str, incident_date: Any, paid_through: Any) -> None:
    if segment not in SEGMENTS:
        raise InvalidInputError(
            "input.choice", field="segment", choices=", ".join(SEGMENTS), value=segment
        )
    allowed = PROGRAMS if segment == "PU" else tuple(p for p in PROGRAMS if p != "JKP")
    if program not in allowed:
        raise InvalidInputError(
            "input.choice", field="program", choices=", ".join(allowed), value=program
        )
    for field, value in (("incident_date", incident_date), ("paid_through", paid_through)):
        if value is not None and not isinstance(value, dt.date):
            raise InvalidInputError("input.date", field=field, value=value)
    if incident_date is None:
        raise InvalidInputError("input.required", field="incident_date")


def arrears_situation(
    *,
    segment: str,
    program: str,
    incident_date: dt.date,
    paid_through: dt.date | None,
    payer: str | None = None,
    coverage_start: dt.date | None = None,
) -> ArrearsSituation:
    """The situation on `incident_date` for a person whose iuran was paid through the month of
    `paid_through` (None: not known / not checked). `coverage_start` is the first day of the
    spell: earlier months are not counted as unpaid. `payer` only adds the PKS sentence."""
    _check(segment, program, incident_date, paid_through)
    if isinstance(incident_date, dt.datetime):
        incident_date = incident_date.date()
    b = Builder()
    paid = month_start(paid_through) if paid_through is not None else None

    def result(situation: str, text: Words, reference: str = "", overdue: int = 0):
        return ArrearsSituation(
            situation=situation,
            segment=segment,
            program=program,
            incident_date=incident_date,
            paid_through=paid,
            months_overdue=overdue,
            explanation=_join(text, _payer_sentence(payer, segment)),
            reference=reference,
            trace=tuple(b.trace),
        )

    if program == "JHT" or segment in ("JAKON", "PMI"):
        return result("not_applicable", words.not_applicable(segment, program))
    incident_month = month_start(incident_date)
    if segment == "PU":
        due_day = b.use("arrears.pu_due_day", incident_date)
        due = pu_due_date
    else:
        due_day = b.use("arrears.bpu_due_day", incident_date)
        due = bpu_due_date
    if paid is None:
        text = both(
            lambda lang: words.unknown(
                lang, segment, incident_month, due(incident_month, due_day.value)
            )
        )
        return result("unknown", text, str(due_day.reference))
    first_unpaid = _add_months(paid, 1)
    if coverage_start is not None:
        first_unpaid = max(first_unpaid, month_start(coverage_start))
    if first_unpaid > incident_month:
        text = both(lambda lang: words.paid(lang, paid, incident_month))
        return result("paid", text, str(due_day.reference))
    unpaid = _months(first_unpaid, incident_month)
    overdue = [m for m in unpaid if due(m, due_day.value) < incident_date]
    if segment == "PU":
        return _pu(b, result, program, incident_date, paid, unpaid, overdue, due_day)
    return _bpu(b, result, incident_date, paid, unpaid, overdue, due_day)


def _pu(b, result, program, day, paid, unpaid, overdue, due_day) -> ArrearsSituation:
    if not overdue:
        first_due = pu_due_date(unpaid[0], due_day.value)
        text = both(lambda lang: words.grace_pu(lang, paid, unpaid, first_due, day))
        return result("grace", text, str(due_day.reference))
    limit = b.use(PU_THRESHOLDS[program], day)
    n = len(overdue)
    if n <= limit.value:
        text = both(lambda lang: words.bpjs_pays(lang, program, overdue, limit.value))
        return result("arrears_bpjs_pays", text, str(limit.reference), n)
    penalty = b.use("arrears.pu_late_penalty", day)
    text = both(
        lambda lang: words.employer_first(lang, program, overdue, limit.value, penalty.value)
    )
    return result("arrears_employer_first", text, str(limit.reference), n)


def _bpu(b, result, day, paid, unpaid, overdue, due_day) -> ArrearsSituation:
    lapse = b.use("arrears.bpu_lapse_after_months", day)
    n = len(overdue)
    if n > lapse.value:
        text = both(lambda lang: words.lapsed(lang, paid, overdue, lapse.value))
        return result("bpu_lapsed", text, str(lapse.reference), n)
    incident_due = bpu_due_date(unpaid[-1], due_day.value)
    if not overdue:
        # Only the incident month is unpaid and its due date had not passed: the participant
        # could still pay it on time, so this is the payment window, not arrears.
        window = b.use("arrears.bpu_payment_window_covers", day)
        if window.value:
            text = both(lambda lang: words.grace_bpu(lang, paid, unpaid[-1], incident_due))
            return result("grace", text, str(window.reference))
    late_covers = b.use("arrears.bpu_paid_after_incident_covers", day)
    if not late_covers.value:
        text = both(lambda lang: words.unpaid_month(lang, paid, unpaid[-1], incident_due, overdue))
        return result("bpu_unpaid_month", text, str(late_covers.reference), n)
    if not overdue:
        text = both(lambda lang: words.grace_bpu(lang, paid, unpaid[-1], incident_due))
        return result("grace", text, str(late_covers.reference))
    text = both(lambda lang: words.bpu_recoverable(lang, overdue, lapse.value))
    return result("arrears_bpjs_pays", text, str(late_covers.reference), n)
