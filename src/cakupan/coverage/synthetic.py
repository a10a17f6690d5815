"""Which parts of a coverage figure are synthetic (demo) data, and how pages say so.

A figure is synthetic when any of its parts is: the registry counts (spells or persons made by
`cakupan synth registry`), the denominator (basis `synthetic`) or the target (the demo's
source). The registry part is recorded on the regency's RefreshState by every fact refresh, so
a page reads one row instead of scanning spells.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from cakupan.coverage.models import DenominatorBasis, RefreshState, Target

# The demo's target source (`coverage.demo.DEMO_TARGET_SOURCE`) starts so; kept as a prefix
# rather than imported so this module does not pull in the demo's writes.
DEMO_SOURCE_PREFIX = "Sintetis (demo)"


@dataclass(frozen=True)
class SyntheticParts:
    registry: bool = False
    denominator: bool = False
    target: bool = False

    def __bool__(self) -> bool:
        return self.registry or self.denominator or self.target

    def __or__(self, other: SyntheticParts) -> SyntheticParts:
        return SyntheticParts(
            registry=self.registry or other.registry,
            denominator=self.denominator or other.denominator,
            target=self.target or other.target,
        )

    @property
    def names(self) -> list[str]:
        """The synthetic parts, as keys (for the API)."""
        return [k for k in ("registry", "denominator", "target") if getattr(self, k)]

    def label(self) -> str:
        """The banner: what is synthetic, in the active language ("" when nothing is)."""
        if not self:
            return ""
        words = {
            "registry": _("registri kepesertaan"),
            "denominator": _("penyebut (penduduk bekerja)"),
            "target": _("target"),
        }
        return _("DATA SINTETIS (contoh) — bukan data resmi: %(parts)s") % {
            "parts": ", ".join(str(words[k]) for k in self.names)
        }


def registry_synthetic_now(regency_code: str) -> bool:
    """Whether the regency's registry holds synthetic spells or persons (one EXISTS query;
    run by the refresh, never by a page)."""
    from cakupan.registry.models import Spell

    return (
        Spell.objects.filter(regency_code=regency_code)
        .filter(Q(synthetic=True) | Q(person__synthetic=True))
        .exists()
    )


def registry_synthetic(regency_code: str) -> bool:
    """What the last refresh recorded for the regency (False before any refresh)."""
    return bool(
        RefreshState.objects.filter(regency_code=regency_code[:5])
        .values_list("registry_synthetic", flat=True)
        .first()
    )


def denominator_synthetic(d) -> bool:
    return d is not None and getattr(d, "basis", None) == DenominatorBasis.SYNTHETIC


def target_synthetic(source: str | None) -> bool:
    return bool(source) and source.startswith(DEMO_SOURCE_PREFIX)


def parts_for(*, regency_code: str, denominators=(), target_sources=()) -> SyntheticParts:
    return SyntheticParts(
        registry=registry_synthetic(regency_code),
        denominator=any(denominator_synthetic(d) for d in denominators),
        target=any(target_synthetic(s) for s in target_sources),
    )


def parts_for_regions(*, regency_code: str, region_codes: list[str], year: int) -> SyntheticParts:
    """The registry part and the targets of `region_codes` in `year` (the plan page, whose
    rows carry the denominator part themselves)."""
    sources = Target.objects.filter(region_code__in=region_codes, year=year).values_list(
        "source", flat=True
    )
    return parts_for(regency_code=regency_code, target_sources=list(sources))
