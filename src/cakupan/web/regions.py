"""Region reads the shell pages need: names for codes, and a search that lists every match.

Region names and codes are public Kemendagri data, so these reads need no region scope.
(They are candidates for `cakupan.regions.selectors`; they live here until that app takes
them, and read nothing but the Region table.)
"""

from django.db.models import Case, IntegerField, Q, Value, When

from cakupan.regions.models import Level, Region
from cakupan.regions.names import region_level_hint, region_normalise_name

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
    mine = Q(pk__in=[])
    for code in inside:
        mine |= Q(code=code) | Q(code__startswith=code + ".")
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
    q = Q(pk__in=[])
    for code in codes:
        q |= Q(code=code) | Q(code__startswith=code + ".")
    qs = Region.objects.filter(q).annotate(
        rank=Case(
            *[When(level=lv, then=Value(r)) for lv, r in _LEVEL_RANK.items()],
            output_field=IntegerField(),
        )
    )
    return list(qs.order_by("rank", "code")[:limit])
