"""Reads for the pages that keep the coverage basis (denominators and targets).

Everything here is scoped by `coverage.manage`: these pages are for the people who may change
the figures, and they see the figures of the regions they may change, no more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models.functions import Length
from django.utils.translation import gettext as _

from cakupan.accounts.scope import (
    permitted_region_codes,
    region_filter,
    require_permission,
    scope_queryset,
    user_has_permission,
)
from cakupan.coverage.basis.crosswalk import code_to_kemendagri
from cakupan.coverage.facts import definitions
from cakupan.coverage.models import Denominator, DenominatorBasis, Target
from cakupan.errors import DomainError
from cakupan.regions.models import Level, Region
from cakupan.regions.selectors import region_display_name, region_labels, regions_inside
from cakupan.rules import formats as formatting

PERMISSION = "coverage.manage"
# Kemendagri codes say their level by their length: 62.08 / 62.08.02 / 62.08.02.2002.
LEVEL_LENGTH = {Level.REGENCY: 5, Level.DISTRICT: 8, Level.VILLAGE: 13}
LEVEL_OF_LENGTH = {n: level for level, n in LEVEL_LENGTH.items()}


def manage_scope(*, user) -> list[str]:
    """The outermost regions where `user` keeps the basis; PermissionDenied if there are none."""
    require_permission(user=user, permission=PERMISSION)
    return permitted_region_codes(user=user, permission=PERMISSION)


def basis_regions(*, user) -> list[Region]:
    """The regions a figure may be set for: regency, kecamatan and desa inside the scope
    (a province is refused by the services, so it is not offered)."""
    return [r for r in regions_inside(codes=manage_scope(user=user)) if r.level != Level.PROVINCE]


def region_choices(*, user) -> list[tuple[str, str]]:
    indent = {Level.REGENCY: "", Level.DISTRICT: "· ", Level.VILLAGE: "· · "}
    regions = sorted(basis_regions(user=user), key=lambda r: r.code)
    return [
        (r.code, f"{indent.get(r.level, '')}{r.code} {region_display_name(r)}") for r in regions
    ]


@dataclass
class DenominatorLine:
    row: Denominator
    region_name: str
    level: str
    note: str

    @property
    def basis_label(self) -> str:
        return str(DenominatorBasis(self.row.basis).label)


@dataclass
class TargetLine:
    row: Target
    region_name: str
    level: str


def _filtered(qs, *, user, year: int | None, level: str | None, within: str | None):
    qs = scope_queryset(qs, user=user, permission=PERMISSION)
    if year:
        qs = qs.filter(year=year)
    if level in LEVEL_LENGTH:
        qs = qs.annotate(code_length=Length("region_code")).filter(code_length=LEVEL_LENGTH[level])
    if within:
        qs = qs.filter(region_filter(within, "region_code"))
    return qs.select_related("updated_by").order_by("region_code", "-year")


def _note(row: Denominator) -> str:
    if row.basis == DenominatorBasis.ESTIMATE:
        return str(definitions.ESTIMATE).format(share=row.employment_share.normalize())
    if row.basis == DenominatorBasis.SYNTHETIC:
        return str(definitions.SYNTHETIC)
    return ""


def denominator_lines(
    *, user, year: int | None = None, level: str | None = None, within: str | None = None
) -> list[DenominatorLine]:
    manage_scope(user=user)
    rows = list(
        _filtered(Denominator.objects.all(), user=user, year=year, level=level, within=within)
    )
    names = region_labels(codes={r.region_code for r in rows})
    return [
        DenominatorLine(
            row=r,
            region_name=names.get(r.region_code, ""),
            level=LEVEL_OF_LENGTH.get(len(r.region_code), ""),
            note=_note(r),
        )
        for r in rows
    ]


def target_lines(
    *, user, year: int | None = None, level: str | None = None, within: str | None = None
) -> list[TargetLine]:
    manage_scope(user=user)
    rows = list(_filtered(Target.objects.all(), user=user, year=year, level=level, within=within))
    names = region_labels(codes={r.region_code for r in rows})
    return [
        TargetLine(
            row=r,
            region_name=names.get(r.region_code, ""),
            level=LEVEL_OF_LENGTH.get(len(r.region_code), ""),
        )
        for r in rows
    ]


def basis_years(*, user, model) -> list[int]:
    """The years that have a figure in the scope, newest first."""
    qs = scope_queryset(model.objects.all(), user=user, permission=PERMISSION)
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


def denominator_get(*, user, region_code: str, year: int) -> Denominator | None:
    """One figure to prefill the form with (None outside the scope or when there is none)."""
    qs = scope_queryset(Denominator.objects.all(), user=user, permission=PERMISSION)
    return qs.filter(region_code=region_code, year=year).first()


def target_get(*, user, region_code: str, year: int) -> Target | None:
    qs = scope_queryset(Target.objects.all(), user=user, permission=PERMISSION)
    return qs.filter(region_code=region_code, year=year).first()


def _fits(user, code: str, code_system: str) -> bool:
    try:
        target = code_to_kemendagri(code, code_system)
    except DomainError:
        return False
    return Region.objects.filter(code=target).exists() and user_has_permission(
        user=user, permission=PERMISSION, region_code=target
    )


def other_code_system_fits(*, user, codes: list[str], chosen: str) -> str | None:
    """The other code system, if every one of `codes` (refused under `chosen`) would land on a
    region inside the user's scope under it. Only a hint: the upload never guesses (BPS 6206
    and Kemendagri 62.06 are different regencies)."""
    other = "kemendagri" if chosen == "bps" else "bps"
    codes = [c for c in codes if c]
    if codes and all(_fits(user, c, other) for c in codes):
        return other
    return None


def template_regions(*, user) -> list[Region]:
    return sorted(basis_regions(user=user), key=lambda r: r.code)


@dataclass
class SumWarning:
    """The figures of the regions inside one region add up to more than its own figure. Not
    refused: the figures come from different sources and years (Sakernas for the regency, a
    village census for the desa), but somebody should look."""

    parent_code: str
    year: int
    field: str  # "working_population" or "population"
    inner_total: int
    parent_value: int
    inner_level: str  # Level.DISTRICT or Level.VILLAGE

    @property
    def message(self) -> str:
        texts = {
            ("working_population", Level.DISTRICT): _(
                "Jumlah penduduk bekerja kecamatan di {code} ({inner}) melebihi angka kabupaten "
                "({parent}) untuk {year}"
            ),
            ("working_population", Level.VILLAGE): _(
                "Jumlah penduduk bekerja desa di {code} ({inner}) melebihi angka kecamatan "
                "({parent}) untuk {year}"
            ),
            ("population", Level.DISTRICT): _(
                "Jumlah penduduk kecamatan di {code} ({inner}) melebihi angka kabupaten "
                "({parent}) untuk {year}"
            ),
            ("population", Level.VILLAGE): _(
                "Jumlah penduduk desa di {code} ({inner}) melebihi angka kecamatan ({parent}) "
                "untuk {year}"
            ),
        }
        return texts[(self.field, self.inner_level)].format(
            code=self.parent_code,
            inner=formatting.number(self.inner_total),
            parent=formatting.number(self.parent_value),
            year=self.year,
        )


def denominator_sum_warnings(
    *, user, years=None, codes=None, within: str | None = None
) -> list[SumWarning]:
    """Where the kecamatan of a regency (or the desa of a kecamatan) add up to more working
    population or population than the regency's (kecamatan's) own figure of the same year,
    among the figures in the user's scope. `years` narrows the years; `codes` keeps the
    warnings whose parent or one of whose parts is among them (the rows an upload wrote)."""
    qs = scope_queryset(Denominator.objects.all(), user=user, permission=PERMISSION)
    if years:
        qs = qs.filter(year__in=list(years))
    if within:
        qs = qs.filter(region_filter(within, "region_code"))
    figures = {
        (code, year): (working, population)
        for code, year, working, population in qs.values_list(
            "region_code", "year", "working_population", "population"
        )
    }
    sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    parts: dict[tuple[str, int], set[str]] = defaultdict(set)
    for (code, year), (working, population) in figures.items():
        parent_length = {8: 5, 13: 8}.get(len(code))
        if parent_length is None:
            continue
        key = (code[:parent_length], year)
        sums[key][0] += working or 0
        sums[key][1] += population or 0
        parts[key].add(code)
    touched = set(codes) if codes is not None else None
    out = []
    for (parent, year), (working_sum, population_sum) in sorted(sums.items()):
        if (parent, year) not in figures:
            continue  # no parent figure to compare with (or outside the scope)
        if touched is not None and parent not in touched and not parts[(parent, year)] & touched:
            continue
        inner_level = Level.DISTRICT if len(parent) == 5 else Level.VILLAGE
        parent_working, parent_population = figures[(parent, year)]
        for name, total, own in (
            ("working_population", working_sum, parent_working),
            ("population", population_sum, parent_population),
        ):
            if own is not None and total > own:
                out.append(SumWarning(parent, year, name, total, own, inner_level))
    return out
