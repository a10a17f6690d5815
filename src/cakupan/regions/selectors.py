"""Reads of regions: by code, by name, the areas inside a region, and boundaries."""

import difflib
import functools
import json

from django.db.models import Case, IntegerField, Value, When

from cakupan.accounts.scope import region_contains, region_filter
from cakupan.errors import DomainError, NotFound
from cakupan.regions.models import Level, Region
from cakupan.regions.names import (
    region_level_hint,
    region_normalise_code,
    region_normalise_name,
)

BOUNDARY_FILES = {
    Level.REGENCY: "kalteng_kabupaten_kota.geojson",
    Level.DISTRICT: "kalteng_kecamatan.geojson",
    Level.VILLAGE: "kalteng_desa_kelurahan.geojson",
}
BOUNDARY_PROVINCES = ("62",)


def region_get(*, code: str) -> Region:
    """The region with this Kemendagri code (dotted, e.g. `62.08.01`, or undotted)."""
    normal = region_normalise_code(code) or (code or "").strip()
    found = Region.objects.filter(code=normal).first()
    if found is None:
        raise NotFound(
            "region_unknown",
            "Kode wilayah {code} tidak dikenal.",
            "Unknown region code {code}.",
            code=code,
        )
    return found


def _within(qs, within: str | None):
    if within:
        qs = qs.filter(region_filter(within, "code"))
    return qs


def region_lookup(
    *, name: str, level: str | None = None, within: str | None = None
) -> list[Region]:
    """Regions whose name matches, ignoring case, spacing and prefixes ("Kec. Jelai")."""
    key = region_normalise_name(name)
    if not key:
        return []
    qs = Region.objects.filter(name_key=key)
    level = level or region_level_hint(name)
    if level:
        qs = qs.filter(level=level)
    return list(_within(qs, within).order_by("code"))


def region_suggestions(
    *, name: str, level: str | None = None, within: str | None = None, n: int = 3
) -> list[Region]:
    """The nearest names inside `within`, for "did you mean …?"."""
    qs = _within(Region.objects.all(), within)
    if level:
        qs = qs.filter(level=level)
    by_key: dict[str, Region] = {}
    for region in qs.only("code", "name", "name_key", "level")[:20000]:
        by_key.setdefault(region.name_key, region)
    close = difflib.get_close_matches(region_normalise_name(name), list(by_key), n=n, cutoff=0.6)
    return [by_key[k] for k in close]


def region_resolve(*, text: str, within: str | None = None, level: str | None = None) -> Region:
    """One region from a code or a name; a clear error if none or several match."""
    code = region_normalise_code(text)
    if code:
        region = region_get(code=code)
        if within and not region_contains(within, region.code):
            raise NotFound(
                "region_outside",
                "Wilayah {code} berada di luar {within}.",
                "Region {code} lies outside {within}.",
                code=code,
                within=within,
            )
        return region
    found = region_lookup(name=text, level=level, within=within)
    if len(found) == 1:
        return found[0]
    if not found:
        near = region_suggestions(name=text, level=level, within=within)
        hint = ", ".join(r.name for r in near) or "-"
        raise NotFound(
            "region_name_unknown",
            "Wilayah '{name}' tidak ditemukan. Mungkin maksud Anda: {hint}",
            "Region '{name}' not found. Did you mean: {hint}",
            name=text,
            hint=hint,
        )
    raise DomainError(
        "region_ambiguous",
        "Nama '{name}' cocok dengan beberapa wilayah: {candidates}. Sebutkan kodenya.",
        "The name '{name}' matches several regions: {candidates}. Give its code.",
        name=text,
        candidates="; ".join(f"{r.code} {r.name}" for r in found[:6]),
    )


def region_children(*, code: str) -> list[Region]:
    return list(Region.objects.filter(parent_id=code).order_by("code"))


def region_ancestors(*, code: str) -> list[Region]:
    """From the province down to the region's parent."""
    parts = code.split(".")
    codes = [".".join(parts[:i]) for i in range(1, len(parts))]
    return list(Region.objects.filter(code__in=codes).order_by("code"))


@functools.lru_cache(maxsize=1)
def _kecamatan_codes() -> frozenset[str]:
    return frozenset(
        c.replace(".", "")
        for c in Region.objects.filter(level=Level.DISTRICT).values_list("code", flat=True)
    )


def kecamatan_codes_undotted() -> frozenset[str]:
    """Every kecamatan code as the first 6 digits of a NIK show it (for NIK checks).

    Cached: the list changes only when regions are reloaded, which clears the cache.
    """
    codes = _kecamatan_codes()
    if not codes:  # not loaded yet: don't cache the empty answer
        _kecamatan_codes.cache_clear()
    return codes


@functools.lru_cache(maxsize=4)
def _boundary_features(level: str) -> tuple[dict, ...]:
    from cakupan.regions.services import DATA_DIR

    with open(DATA_DIR / "boundaries" / BOUNDARY_FILES[level], encoding="utf-8") as fh:
        return tuple(json.load(fh)["features"])


def region_boundary_geojson(*, code: str) -> dict:
    """GeoJSON of the region's children (or the region itself at desa level)."""
    region = region_get(code=code)
    if region.code.split(".")[0] not in BOUNDARY_PROVINCES:
        raise NotFound(
            "boundary_unavailable",
            "Batas wilayah {code} belum tersedia.",
            "Boundaries for {code} are not available yet.",
            code=region.code,
        )
    child_level = {
        Level.PROVINCE: Level.REGENCY,
        Level.REGENCY: Level.DISTRICT,
        Level.DISTRICT: Level.VILLAGE,
    }.get(region.level)
    if child_level is None:
        features = [
            f for f in _boundary_features(Level.VILLAGE) if f["properties"]["code"] == region.code
        ]
    else:
        features = [
            f
            for f in _boundary_features(child_level)
            if f["properties"]["parent_code"] == region.code
        ]
    return {"type": "FeatureCollection", "features": features}


# ---------------------------------------------------------------- names and search for pages
# Region names and codes are public Kemendagri data, so these reads need no region scope.

# The word an office writes before a bare name: "Kecamatan Jelai", "Desa Pulau Nibung".
_PREFIX = {Level.PROVINCE: "Provinsi", Level.DISTRICT: "Kecamatan"}
_LEVEL_RANK = {Level.PROVINCE: 0, Level.REGENCY: 1, Level.DISTRICT: 2, Level.VILLAGE: 3}


def region_display_name(region: Region) -> str:
    """`Kabupaten Sukamara`, `Kecamatan Jelai`, `Desa Pulau Nibung`, `Kelurahan Padang`.

    Regency names carry their own prefix in the data (Kabupaten / Kota).
    """
    if region.level == Level.VILLAGE:
        return f"{'Kelurahan' if region.is_kelurahan else 'Desa'} {region.name}"
    prefix = _PREFIX.get(region.level)
    return f"{prefix} {region.name}" if prefix else region.name


def region_labels(*, codes) -> dict[str, str]:
    """Code -> display name for the codes that exist; unknown codes are simply missing."""
    wanted = {c for c in codes if c}
    if not wanted:
        return {}
    return {r.code: region_display_name(r) for r in Region.objects.filter(code__in=wanted)}


MIN_PARTIAL = 3


def region_search(*, text: str, inside: list[str] = (), limit: int = 50) -> tuple[list, int]:
    """Regions whose name equals or contains `text` (any level, unless a prefix such as
    "Kec." names one), exact names first, then those inside `inside`, then by level and code.

    Returns (regions, how many matched in all). A name shorter than MIN_PARTIAL letters only
    matches exactly: "Ja" would match thousands of desa.
    """
    key = region_normalise_name(text)
    if not key:
        return [], 0
    qs = Region.objects.all()
    level = region_level_hint(text)
    if level:
        qs = qs.filter(level=level)
    qs = qs.filter(name_key__contains=key) if len(key) >= MIN_PARTIAL else qs.filter(name_key=key)
    mine = region_filter(list(inside), "code")
    qs = qs.annotate(
        exact=Case(
            When(name_key=key, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        starts=Case(
            When(name_key__startswith=key, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        outside=Case(When(mine, then=Value(0)), default=Value(1), output_field=IntegerField()),
        rank=Case(
            *[When(level=lv, then=Value(r)) for lv, r in _LEVEL_RANK.items()],
            output_field=IntegerField(),
        ),
    ).select_related("parent", "parent__parent")
    total = qs.count()
    found = list(qs.order_by("exact", "outside", "starts", "rank", "code")[:limit])
    return found, total


def regions_inside(*, codes, limit: int = 2000) -> list[Region]:
    """The regions in and under `codes`, outermost first: the choices of a region picker."""
    if not codes:
        return []
    qs = Region.objects.filter(region_filter(list(codes), "code")).annotate(
        rank=Case(
            *[When(level=lv, then=Value(r)) for lv, r in _LEVEL_RANK.items()],
            output_field=IntegerField(),
        )
    )
    return list(qs.order_by("rank", "code")[:limit])
