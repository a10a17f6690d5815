"""Was this NIK covered on this date? The answer every death claim and proof of coverage needs:
covered, registered but not covered that day, or no record, with the spells that cover it, who
pays, and the rules in force that day; and that answer as a sentence and as JSON, the same for
the page, the API and `cakupan coverage check`.
"""

import datetime as dt
import enum
import re
from dataclasses import dataclass, field

from django.db.models import Q

from cakupan.accounts.scope import permitted_region_codes, region_contains
from cakupan.registry.models import Spell
from cakupan.registry.selectors.records import person_by_nik
from cakupan.rules.nik import mask_nik


@dataclass
class SpellAnswer:
    id: int
    programs: list[str]
    segment: str
    payer: str
    start_date: dt.date
    end_date: dt.date | None
    employer: str | None
    agreement: str | None
    kpj: str


class CoverageStatus(enum.StrEnum):
    """The three answers to "was this NIK covered on this date?".

    `NO_RECORD` is not "not covered": the caller's registry (their region scope) holds no
    person with this NIK, who may still be protected through another regency or straight with
    BPJS Ketenagakerjaan. It is the same whether the NIK is registered in another region or
    nowhere, so a scoped caller cannot probe for persons outside their scope.
    """

    COVERED = "covered"
    NOT_COVERED = "not_covered"
    NO_RECORD = "no_record"


@dataclass
class CoverageAnswer:
    nik_masked: str
    date: dt.date
    status: CoverageStatus = CoverageStatus.NO_RECORD
    person_id: int | None = None
    programs: list[str] = field(default_factory=list)
    spells: list[SpellAnswer] = field(default_factory=list)
    rules: list[dict] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return self.status == CoverageStatus.COVERED

    @property
    def segment(self) -> str | None:
        return self.spells[0].segment if self.spells else None

    @property
    def payer(self) -> str | None:
        return self.spells[0].payer if self.spells else None


def coverage_on(*, nik: str, day: dt.date, user) -> CoverageAnswer:
    """Was `nik` covered on `day`? Covered, registered but not covered that day, or no record.

    Only persons inside `user`'s scope count (fail closed: there is no "no user"): any other NIK
    gets `NO_RECORD`, built from nothing but the question, so it cannot differ between
    "elsewhere" and "nowhere". The shell operator asks as an `accounts.scope.SystemActor` for
    the provinces the registry holds.
    """
    nik = re.sub(r"[\s.]", "", nik or "")
    answer = CoverageAnswer(nik_masked=mask_nik(nik), date=day)
    person = person_by_nik(nik=nik)
    if person is not None:
        # The same test person_queryset applies, on the row already read (one query less).
        codes = permitted_region_codes(user=user, permission="registry.view_person")
        visible = any(region_contains(code, person.region_code) for code in codes)
        person = person if visible else None
    if person is None:
        return answer
    answer.person_id = person.pk
    spells = (
        Spell.objects.filter(person=person, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("employer", "agreement")
        .order_by("start_date")
    )
    for spell in spells:
        answer.spells.append(
            SpellAnswer(
                id=spell.pk,
                programs=spell.programs,
                segment=spell.segment,
                payer=spell.payer,
                start_date=spell.start_date,
                end_date=spell.end_date,
                employer=str(spell.employer) if spell.employer else None,
                agreement=str(spell.agreement) if spell.agreement else None,
                kpj=spell.kpj,
            )
        )
    answer.programs = sorted({p for s in answer.spells for p in s.programs})
    if answer.spells:
        answer.status = CoverageStatus.COVERED
        answer.rules = rules_in_force(day=day, programs=answer.programs)
    else:
        answer.status = CoverageStatus.NOT_COVERED
    return answer


# The benefit schedules a claim on that day would be decided by, per program.
_RULE_PARAMETERS = {
    "JKM": ["jkm.lump_sum", "jkm.funeral"],
    "JKK": ["jkk.wage_multiple", "jkk.funeral"],
}


def rules_in_force(*, day: dt.date, programs: list[str]) -> list[dict]:
    """The rule versions (value, effective date, regulation) in force on `day`."""
    from cakupan.rules.errors import RuleError
    from cakupan.rules.params import param

    out = []
    for program in programs:
        for name in _RULE_PARAMETERS.get(program, []):
            try:
                value = param(name).at(day)
            except RuleError:  # a date before the rule existed: nothing in force to report
                continue
            out.append(
                {
                    "program": program,
                    "parameter": name,
                    "effective_from": value.effective_from.isoformat(),
                    "reference": str(value.reference),
                }
            )
    return out


# The answer as one sentence, (Indonesian, English). "no_record" has two wordings: asked inside
# a user's region scope (API, `--user`), or by the shell operator over the whole registry.
COVERAGE_MESSAGES = {
    CoverageStatus.COVERED: ("Terlindungi pada {day}.", "Covered on {day}."),
    CoverageStatus.NOT_COVERED: (
        "Terdaftar, tetapi tidak terlindungi pada {day}.",
        "Registered, but not covered on {day}.",
    ),
    CoverageStatus.NO_RECORD: (
        "Tidak ada catatan dalam wilayah Anda — ini bukan berarti tidak terlindungi.",
        "No record within your region — this does not mean the person is not covered.",
    ),
    "no_record_unscoped": (
        "Tidak ada catatan dalam registri ini — ini bukan berarti tidak terlindungi.",
        "No record in this registry — this does not mean the person is not covered.",
    ),
}


def coverage_message(answer, *, lang: str = "id", scoped: bool = True) -> str:
    """The answer in one sentence in `lang`; `scoped=False` for the shell's whole-registry view."""
    from cakupan.rules.formats import long_date

    key = answer.status
    if key == CoverageStatus.NO_RECORD and not scoped:
        key = "no_record_unscoped"
    pair = COVERAGE_MESSAGES[key]
    text = pair[1] if (lang or "id")[:2] == "en" else pair[0]
    return text.format(day=long_date(answer.date, lang))


def coverage_as_dict(answer, *, lang: str = "id", scoped: bool = True) -> dict:
    """The JSON shape of a CoverageAnswer, shared with `cakupan coverage check --json`."""
    return {
        "nik": answer.nik_masked,
        "date": answer.date.isoformat(),
        "status": str(answer.status),
        "message": coverage_message(answer, lang=lang, scoped=scoped),
        "covered": answer.covered,
        "programs": answer.programs,
        "segment": answer.segment,
        "payer": answer.payer,
        "spells": [
            {
                "id": s.id,
                "programs": s.programs,
                "segment": s.segment,
                "payer": s.payer,
                "start": s.start_date.isoformat(),
                "end": s.end_date.isoformat() if s.end_date else None,
                "employer": s.employer,
                "agreement": s.agreement,
                "kpj": s.kpj,
            }
            for s in answer.spells
        ],
        "rules": answer.rules,
    }
