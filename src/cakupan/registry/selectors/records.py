"""Reads of persons, employers, spells, duplicates and typed NIKs, inside the caller's scope."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from cakupan.accounts.scope import scope_queryset
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
