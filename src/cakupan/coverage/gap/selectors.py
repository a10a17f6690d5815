"""Reads of the gap list: residents on imported lists matched by NIK against the registry on a
date, counted per desa, and the ones not covered listed for outreach or subsidy.

The match is one set-based query per list and date: each resident row is joined to the person
with its NIK (following merges) and an EXISTS asks for a spell active that day, through the
registry's own `spells_overlapping` (the same start/end test `coverage_on` applies), so the
registry is never scanned and the rule is not written twice. Counts come from a GROUP BY over
the desa, the names from a paginated slice of the same query.

Covered means the *human* is covered: a resident registered under another desa, even outside
the reader's scope, is not a gap (listing them would send a subsidy to someone already
protected). Only that yes/no leaves the scope; whether an uncovered resident is registered at
all is told only for persons the reader may see, as `coverage_on` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cakupan.accounts.scope import (
    permitted_region_codes,
    region_contains,
    region_filter,
    require_permission,
    scope_queryset,
)
from cakupan.coverage.models import Resident, ResidentList
from cakupan.errors import DomainError, NotFound
from cakupan.regions.models import Region
from cakupan.regions.selectors import region_get, region_labels
from cakupan.registry.models import PROGRAMS, Flag, Person
from cakupan.registry.selectors import spells_overlapping
from cakupan.rules.nik import mask_nik

GAP = "coverage.gap"
GAP_IMPORT = "coverage.gap_import"
PER_PAGE = 50


class GapStatus:
    """Why a resident counts as a gap: registered but without a spell that day (`lapsed`), or
    no person with that NIK the reader may see (`no_record`, which is what `coverage_on` says
    about a NIK outside the reader's scope too)."""

    COVERED = "covered"
    LAPSED = "lapsed"
    NO_RECORD = "no_record"


@dataclass
class DesaGap:
    code: str
    name: str
    listed: int
    covered: int

    @property
    def not_covered(self) -> int:
        return self.listed - self.covered


@dataclass
class GapReport:
    region: Region
    region_name: str
    day: dt.date
    flag: str
    desa: str
    lists: list[ResidentList]
    synthetic: bool
    areas: list[DesaGap] = field(default_factory=list)

    @property
    def listed(self) -> int:
        return sum(a.listed for a in self.areas)

    @property
    def covered(self) -> int:
        return sum(a.covered for a in self.areas)

    @property
    def not_covered(self) -> int:
        return self.listed - self.covered

    @property
    def flag_label(self) -> str:
        return str(dict(Flag.choices).get(self.flag, self.flag))

    @property
    def sources(self) -> str:
        return "; ".join(f"{rl.source} ({rl.year})" for rl in self.lists)


@dataclass
class GapPerson:
    nik: str  # full: only the export of a reader holding `registry.view_nik` writes it
    nik_masked: str
    name: str
    birth_year: int | None
    age: int | None
    occupation: str
    flags: list[str]
    region_code: str
    desa: str
    status: str
    source: str

    @property
    def flag_labels(self) -> list[str]:
        labels = dict(Flag.choices)
        return [str(labels.get(f, f)) for f in self.flags]


def gap_regions_in_scope(*, user) -> list[str]:
    return permitted_region_codes(user=user, permission=GAP)


def _region(user, code: str, permission: str = GAP) -> Region:
    region = region_get(code=code)
    require_permission(user=user, permission=permission, region_code=region.code)
    return region


def _flag_checked(flag: str | None) -> str:
    if flag and flag not in Flag.values:
        raise DomainError(
            "flag_unknown",
            "Kelompok rentan '{flag}' tidak dikenal.",
            "Unknown vulnerability group '{flag}'.",
            flag=flag,
        )
    return flag or ""


def _desa_checked(region: Region, desa: str | None) -> str:
    if desa and not region_contains(region.code, desa):
        raise NotFound(
            "desa_outside",
            "Desa {code} tidak ada di wilayah ini.",
            "Desa {code} is not in this region.",
            code=desa,
        )
    return desa or ""


def _scoped_residents(*, user, region: Region) -> QuerySet:
    qs = scope_queryset(Resident.objects.all(), user=user, permission=GAP)
    if len(region.code) >= 5:  # the tenant key first: every query stays inside one regency
        qs = qs.filter(regency_code=region.code[:5])
    return qs.filter(region_filter([region.code], "region_code"))


def resident_lists(*, user, region_code: str) -> list[ResidentList]:
    """The lists with residents the user may see inside the region, newest first."""
    region = _region(user, region_code)
    ids = _scoped_residents(user=user, region=region).values("resident_list_id")
    return list(ResidentList.objects.filter(id__in=ids).order_by("-year", "source", "-id"))


def _list_checked(*, user, region: Region, list_id: int | None) -> list[ResidentList]:
    lists = resident_lists(user=user, region_code=region.code)
    if list_id is None:
        return lists
    chosen = [rl for rl in lists if rl.pk == list_id]
    if not chosen:
        raise NotFound(
            "resident_list_not_found",
            "Daftar penduduk tidak ditemukan di wilayah ini.",
            "Resident list not found in this region.",
        )
    return chosen


def _residents(*, user, region, list_id, flag, desa) -> QuerySet:
    """One row per NIK: a person on two lists (DTKS and the village's own) counts once, by the
    row of the list imported last."""
    qs = _scoped_residents(user=user, region=region)
    if desa:
        qs = qs.filter(region_code=desa)
    if list_id is not None:
        qs = qs.filter(resident_list_id=list_id)
    if flag:
        qs = qs.filter(flags__flag=flag)
    latest = qs.values("nik").annotate(last=Max("id")).values("last")
    return Resident.objects.filter(id__in=latest)


def residents_matched(qs: QuerySet, *, day: dt.date) -> QuerySet:
    """Annotate each resident with the person holding the NIK (a merged person forwards to the
    one kept, which holds the spells; three levels deep is more than any merge makes) and
    whether a spell of that person is active on `day`."""
    person = Person.objects.filter(nik=OuterRef("nik"))
    live = person.values(
        live=Coalesce(
            "merged_into__merged_into__merged_into", "merged_into__merged_into", "merged_into", "id"
        )
    )[:1]
    qs = qs.annotate(
        match_person_id=Subquery(live), match_region=Subquery(person.values("region_code")[:1])
    )
    active = spells_overlapping(
        person_id=OuterRef("match_person_id"), programs=list(PROGRAMS), start=day, end=day
    )
    return qs.annotate(covered=Exists(active))


class _GapQuery(NamedTuple):
    region: Region
    day: dt.date
    flag: str
    desa: str
    lists: list[ResidentList]
    matched: QuerySet


def _gap_query(user, region_code: str, *, day, flag, desa, list_id) -> _GapQuery:
    """The arguments checked against the reader's scope (day defaulting to today) and the
    residents they select, matched on that day: what the report and the list both start from."""
    region = _region(user, region_code)
    day = day or timezone.localdate()
    flag, desa = _flag_checked(flag), _desa_checked(region, desa)
    lists = _list_checked(user=user, region=region, list_id=list_id)
    matched = residents_matched(
        _residents(user=user, region=region, list_id=list_id, flag=flag, desa=desa), day=day
    )
    return _GapQuery(region, day, flag, desa, lists, matched)


def _synthetic(lists: list[ResidentList], region: Region) -> bool:
    if any(rl.synthetic for rl in lists):
        return True
    return Person.objects.filter(regency_code=region.code[:5], synthetic=True).exists()


def gap_report(
    *,
    user,
    region_code: str,
    day: dt.date | None = None,
    flag: str | None = None,
    desa: str | None = None,
    list_id: int | None = None,
) -> GapReport:
    """Per desa: residents listed, covered and not covered on `day` (default today)."""
    q = _gap_query(user, region_code, day=day, flag=flag, desa=desa, list_id=list_id)
    region = q.region
    rows = list(
        q.matched.values("region_code")
        .annotate(listed=Count("id"), covered_n=Count("id", filter=Q(covered=True)))
        .order_by("region_code")
    )
    names = region_labels(codes=[r["region_code"] for r in rows] + [region.code])
    return GapReport(
        region=region,
        region_name=names.get(region.code, region.name),
        day=q.day,
        flag=q.flag,
        desa=q.desa,
        lists=q.lists,
        synthetic=_synthetic(q.lists, region),
        areas=[
            DesaGap(
                r["region_code"],
                names.get(r["region_code"], r["region_code"]),
                r["listed"],
                r["covered_n"],
            )
            for r in rows
        ],
    )


def gap_not_covered(
    *,
    user,
    region_code: str,
    day: dt.date | None = None,
    flag: str | None = None,
    desa: str | None = None,
    list_id: int | None = None,
) -> QuerySet:
    """The residents not covered on `day`, by desa and name (a query: slice it or paginate)."""
    q = _gap_query(user, region_code, day=day, flag=flag, desa=desa, list_id=list_id)
    return (
        q.matched.filter(covered=False)
        .select_related("resident_list")
        .prefetch_related("flags")
        .order_by("region_code", "name", "id")
    )


def gap_persons(*, user, residents, day: dt.date) -> list[GapPerson]:
    """Residents (from `gap_not_covered`) as rows to show: NIK masked beside the full one,
    birth year and age, never a birth date; lapsed only for persons the user may see."""
    residents = list(residents)
    visible = permitted_region_codes(user=user, permission="registry.view_person")
    names = region_labels(codes={r.region_code for r in residents})
    out = []
    for r in residents:
        seen = r.match_person_id is not None and any(
            region_contains(c, r.match_region or "") for c in visible
        )
        out.append(
            GapPerson(
                nik=r.nik,
                nik_masked=mask_nik(r.nik),
                name=r.name,
                birth_year=r.birth_year,
                age=day.year - r.birth_year if r.birth_year else None,
                occupation=r.occupation,
                flags=sorted(f.flag for f in r.flags.all()),
                region_code=r.region_code,
                desa=names.get(r.region_code, r.region_code),
                status=GapStatus.LAPSED if seen else GapStatus.NO_RECORD,
                source=f"{r.resident_list.source} ({r.resident_list.year})",
            )
        )
    return out


def gap_page(*, user, residents, day: dt.date, page: int = 1, per_page: int = PER_PAGE):
    """One page of not-covered residents: (Page, rows)."""
    paginator = Paginator(residents, per_page)
    current: Page = paginator.get_page(page)
    return current, gap_persons(user=user, residents=current.object_list, day=day)


def gap_desa_choices(*, user, region_code: str) -> list[tuple[str, str]]:
    """(code, name) of the desa inside the region the user may see a gap list of."""
    from cakupan.regions.models import Level

    region = _region(user, region_code)
    villages = scope_queryset(
        Region.objects.filter(level=Level.VILLAGE), user=user, permission=GAP, field="code"
    ).filter(region_filter([region.code], "code"))
    return [(r.code, r.name) for r in villages.order_by("code")]
