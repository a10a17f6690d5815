"""Reads of the registry, always inside the caller's region scope.

`coverage_on` answers the question every death claim and proof of coverage asks: was this NIK
protected on this date, by which spell, paid by whom, under which rules?
"""

import datetime as dt
import enum
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from cakupan.accounts.scope import permitted_region_codes, region_contains, scope_queryset
from cakupan.errors import DomainError, NotFound
from cakupan.registry.models import Employer, Person, Spell
from cakupan.registry.names import name_key
from cakupan.rules.nik import mask_nik

MIN_NAME_CHARS = 3
SEARCH_LIMIT = 50


def person_queryset(*, user, permission: str = "registry.view_person") -> QuerySet:
    return scope_queryset(
        Person.objects.filter(merged_into__isnull=True), user=user, permission=permission
    )


def person_search(*, user, query: str, birth_date: dt.date | None = None) -> QuerySet:
    """Find persons by NIK, KPJ, or name (≥ 3 letters, optionally with birth date).

    There is deliberately no way to list everyone: personal data is shown to those who look
    for a person, not browsed (UU 27/2022).
    """
    text = (query or "").strip()
    qs = person_queryset(user=user)
    digits = re.sub(r"[\s.]", "", text)
    if digits.isdigit() and len(digits) == 16:
        return qs.filter(nik=digits)
    if digits.isdigit() and 8 <= len(digits) <= 13:
        return qs.filter(spells__kpj=digits).distinct()
    key = name_key(text)
    if len(key.replace(" ", "")) < MIN_NAME_CHARS:
        raise DomainError(
            "search_too_short",
            "Ketik NIK, nomor KPJ, atau minimal 3 huruf nama.",
            "Type a NIK, a KPJ number, or at least 3 letters of a name.",
        )
    qs = qs.filter(name_key__contains=key)
    if birth_date:
        qs = qs.filter(birth_date=birth_date)
    return qs.order_by("name_key", "birth_date")[:SEARCH_LIMIT]


def person_get(*, user, person_id: int, permission: str = "registry.view_person") -> Person:
    found = (
        scope_queryset(Person.objects.all(), user=user, permission=permission)
        .filter(pk=person_id)
        .first()
    )
    if found is None:
        raise NotFound("person_not_found", "Peserta tidak ditemukan.", "Person not found.")
    return found


def person_by_nik(*, nik: str) -> Person | None:
    """The live person with this NIK, following a merge to the person kept."""
    person = Person.objects.filter(nik=nik).first()
    while person is not None and person.merged_into_id is not None:
        person = person.merged_into
    return person


def person_spells(*, person: Person) -> QuerySet:
    return person.spells.select_related("employer", "agreement").order_by("start_date", "id")


def employer_get(*, user, employer_id: int) -> Employer:
    found = (
        scope_queryset(Employer.objects.all(), user=user, permission="registry.view_person")
        .filter(pk=employer_id)
        .first()
    )
    if found is None:
        raise NotFound(
            "employer_not_found", "Pemberi kerja tidak ditemukan.", "Employer not found."
        )
    return found


def spells_overlapping(
    *,
    person_id: int,
    programs: list[str],
    start: dt.date,
    end: dt.date | None,
    exclude_id: int | None = None,
) -> QuerySet:
    """Spells of the person that share a program with the given one and overlap its dates."""
    shared = Q()
    for program in programs:
        shared |= Q(**{program.lower(): True})
    qs = Spell.objects.filter(shared, person_id=person_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return qs.order_by("start_date")


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


def coverage_on(*, nik: str, day: dt.date, user=None) -> CoverageAnswer:
    """Was `nik` covered on `day`? Covered, registered but not covered that day, or no record.

    With `user`, only persons inside their scope count: any other NIK gets `NO_RECORD`, built
    from nothing but the question, so it cannot differ between "elsewhere" and "nowhere".
    Without `user` (the shell operator holding the database) the whole registry counts.
    """
    nik = re.sub(r"[\s.]", "", nik or "")
    answer = CoverageAnswer(nik_masked=mask_nik(nik), date=day)
    person = person_by_nik(nik=nik)
    if person is not None and user is not None:
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


# ---------------------------------------------------------------- pages, API and CLI reads
# Added for the registry screens: each takes the viewer and stays inside their scope.


def person_visible(*, user, person_id: int | None) -> bool:
    """Whether `user` may open this person (used to decide if a link may be shown)."""
    if person_id is None:
        return False
    return person_queryset(user=user).filter(pk=person_id).exists()


def person_flags(*, person: Person) -> list[str]:
    return sorted(person.flags.values_list("flag", flat=True))


def person_history(*, user, person_id: int) -> QuerySet:
    """Audit rows of this person and its spells, for anyone who may view the person.

    Includes the rows of persons merged into it, so history survives a merge. The rows carry
    before/after snapshots (with the full NIK); pages show who, when, what and why only.
    """
    from cakupan.audit.models import AuditEvent

    person = person_get(user=user, person_id=person_id)
    person_ids = [
        person.pk,
        *Person.objects.filter(merged_into=person).values_list("pk", flat=True),
    ]
    spell_ids = Spell.objects.filter(person_id__in=person_ids).values_list("pk", flat=True)
    return AuditEvent.objects.filter(
        Q(object_type="person", object_id__in=[str(i) for i in person_ids])
        | Q(object_type="spell", object_id__in=[str(i) for i in spell_ids])
    ).order_by("-at", "-id")


def spells_current(*, spells, day: dt.date) -> list[Spell]:
    return [s for s in spells if s.covers(day)]


def employer_search(*, user, query: str) -> QuerySet:
    """Employers by NPP (8 digits) or ≥ 3 letters of the name, inside the viewer's scope."""
    text = (query or "").strip()
    qs = scope_queryset(Employer.objects.all(), user=user, permission="registry.view_person")
    if text.isdigit() and len(text) == 8:
        return qs.filter(npp=text)
    if len(text.replace(" ", "")) < MIN_NAME_CHARS:
        raise DomainError(
            "search_too_short",
            "Ketik NPP (8 digit) atau minimal 3 huruf nama pemberi kerja.",
            "Type an NPP (8 digits) or at least 3 letters of the employer's name.",
        )
    return qs.filter(name__icontains=text).order_by("name")[:SEARCH_LIMIT]


def employer_spells(*, user, employer: Employer) -> QuerySet:
    """The employer's spells whose person the viewer may see (a spell's desa is the person's)."""
    return scope_queryset(
        employer.spells.select_related("person"), user=user, permission="registry.view_person"
    ).order_by("-start_date", "id")


# Registry payers -> the payer codes the BPU rules know (PP 50/2025 excludes some payers from
# the transport discount). An election body is funded from the state budget (APBN); any other
# sponsor (an employer paying for a BPU worker, a PKS partner) is a sponsor.
RULES_BPU_PAYER = {
    "self": "participant",
    "apbd": "apbd",
    "apbdes": "apbdes",
    "election_body": "apbn",
    "employer": "sponsor",
    "other_agreement": "sponsor",
}


@dataclass
class ContributionDue:
    """What one spell costs per month under the rules in force on `day`."""

    spell: Spell
    day: dt.date
    calculation: object | None = None  # cakupan.rules.Calculation
    error: object | None = None  # a RuleError or DomainError with .message(lang)
    note: str = ""  # why nothing was computed: "no_wage", "segment"


def contribution_for_spell(
    *, spell: Spell, day: dt.date, transport_worker: bool = False
) -> ContributionDue:
    """BPU: `contribution_bpu` on the declared income; PU: `contribution_pu` with the
    employer's risk class, for the spell's programs. Other segments are priced elsewhere
    (Jakon by project, PMI by contract) and are reported as not computed here."""
    from cakupan.rules import contribution_bpu, contribution_pu
    from cakupan.rules.errors import RuleError

    due = ContributionDue(spell=spell, day=day)
    if spell.segment not in ("BPU", "PU"):
        due.note = "segment"
        return due
    if spell.wage is None:
        due.note = "no_wage"
        return due
    try:
        if spell.segment == "BPU":
            due.calculation = contribution_bpu(
                date=day,
                income=spell.wage,
                with_jht=spell.jht,
                transport_worker=transport_worker,
                payer=RULES_BPU_PAYER.get(spell.payer, "sponsor"),
            )
        elif spell.employer is None:
            due.note = "no_employer"
        else:
            due.calculation = contribution_pu(
                date=day,
                wage=spell.wage,
                risk_class=spell.employer.risk_class,
                programs=set(spell.programs),
            )
    except RuleError as err:
        due.error = err
    return due


def person_contributions_due(*, user, person_id: int, day: dt.date) -> list[ContributionDue]:
    """Monthly contributions for the person's spells in force on `day`."""
    person = person_get(user=user, person_id=person_id)
    transport = person.flags.filter(flag="transport_worker").exists()
    return [
        contribution_for_spell(spell=s, day=day, transport_worker=transport)
        for s in person_spells(person=person)
        if s.covers(day)
    ]


def employer_contributions_due(*, user, employer: Employer, day: dt.date) -> list[ContributionDue]:
    """Monthly contributions for the employer's workers (in the viewer's scope) on `day`."""
    spells = employer_spells(user=user, employer=employer).select_related("employer")
    return [contribution_for_spell(spell=s, day=day) for s in spells if s.covers(day)]


def bpu_contribution_preview(*, day: dt.date, income: int, payer: str, transport_worker: bool):
    """The monthly BPU JKK+JKM contribution a new registration would cost (a Calculation);
    raises RuleError for income outside the BPU range or a date before the rules."""
    from cakupan.rules import contribution_bpu

    return contribution_bpu(
        date=day,
        income=income,
        transport_worker=transport_worker,
        payer=RULES_BPU_PAYER.get(payer, "sponsor"),
    )


@dataclass
class NikCheck:
    """What the registration form says about a typed NIK before anything is saved."""

    value: str
    problems: list = field(default_factory=list)  # NikProblem / DomainError (.message(lang))
    existing_person_id: int | None = None
    existing_visible: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and self.existing_person_id is None


def nik_check(
    *, user, nik: str, birth_date: dt.date | None = None, sex: str | None = None
) -> NikCheck:
    """Every problem of the NIK at once, and whether it is registered (and visible to `user`).

    A NIK registered outside the viewer's scope is reported as "registered elsewhere" without
    a link, so the operator does not register the same human twice.
    """
    from cakupan.regions.selectors import kecamatan_codes_undotted
    from cakupan.registry.validation import check_nik
    from cakupan.rules.nik import parse_nik

    result = parse_nik(nik, kecamatan_codes=kecamatan_codes_undotted())
    check = NikCheck(value=result.value, problems=list(result.errors))
    if check.problems:
        return check
    try:
        check_nik(result.value, birth_date=birth_date, sex=sex)
    except DomainError as err:
        check.problems.append(err)
    existing = person_by_nik(nik=result.value)
    if existing is not None:
        check.existing_person_id = existing.pk
        check.existing_visible = person_visible(user=user, person_id=existing.pk)
    return check


def villages_for_registration(*, user) -> QuerySet:
    """The desa/kelurahan in which `user` may register persons (for the domicile select)."""
    from cakupan.regions.models import Level, Region

    return scope_queryset(
        Region.objects.filter(level=Level.VILLAGE).select_related("parent"),
        user=user,
        permission="registry.register_person",
        field="code",
    ).order_by("code")


def region_names(*, codes) -> dict[str, str]:
    """Code -> name for showing desa next to persons (one query for a whole list)."""
    from cakupan.regions.models import Region

    codes = {c for c in codes if c}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name"))


def duplicate_queue(*, user) -> list[dict]:
    """Open duplicate candidates the viewer may decide on, each pair ready for side by side.

    Deciding needs `registry.manage_spell` in the pair's desa, so that scope lists them.
    """
    from django.db.models import Count

    from cakupan.registry.models import DuplicateCandidate, DuplicateStatus

    candidates = list(
        scope_queryset(
            DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN),
            user=user,
            permission="registry.manage_spell",
        )
        .select_related("person_a", "person_b")
        .order_by("created_at", "id")[:200]
    )
    ids = {c.person_a_id for c in candidates} | {c.person_b_id for c in candidates}
    counts = dict(
        Person.objects.filter(pk__in=ids).annotate(n=Count("spells")).values_list("pk", "n")
    )
    names = region_names(codes={c.region_code for c in candidates})
    return [
        {
            "candidate": c,
            "desa": names.get(c.region_code, c.region_code),
            "persons": [
                {"person": p, "nik_masked": mask_nik(p.nik), "spells": counts.get(p.pk, 0)}
                for p in (c.person_a, c.person_b)
            ],
        }
        for c in candidates
    ]


def duplicate_get(*, user, candidate_id: int):
    """An open candidate the viewer may decide on; out of scope reads as not found."""
    from cakupan.registry.models import DuplicateCandidate, DuplicateStatus

    found = (
        scope_queryset(
            DuplicateCandidate.objects.filter(status=DuplicateStatus.OPEN),
            user=user,
            permission="registry.manage_spell",
        )
        .filter(pk=candidate_id)
        .first()
    )
    if found is None:
        raise NotFound(
            "duplicate_not_found",
            "Calon duplikat tidak ditemukan atau sudah diputuskan.",
            "Duplicate candidate not found or already decided.",
        )
    return found
