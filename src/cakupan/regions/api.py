"""Regions API: reference data, with the same authentication as the rest of the API."""

from ninja import Router, Schema

from cakupan.regions import selectors

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None
    is_kelurahan: bool

    @staticmethod
    def resolve_parent_code(obj):
        return obj.parent_id


class RegionDetail(RegionOut):
    ancestors: list[RegionOut]
    children_count: int


@router.get("/lookup", response=list[RegionOut])
def lookup(request, name: str, level: str | None = None, within: str | None = None):
    """Regions matching a name ("Kec. Jelai", "JELAI"), optionally at a level or inside a code."""
    return selectors.region_lookup(name=name, level=level, within=within)


@router.get("/{code}", response=RegionDetail)
def detail(request, code: str):
    region = selectors.region_get(code=code)
    region.ancestors = selectors.region_ancestors(code=region.code)
    region.children_count = len(selectors.region_children(code=region.code))
    return region


@router.get("/{code}/children", response=list[RegionOut])
def children(request, code: str):
    region = selectors.region_get(code=code)
    return selectors.region_children(code=region.code)


@router.get("/{code}/boundary")
def boundary(request, code: str):
    """GeoJSON FeatureCollection of the region's children (Kalimantan Tengah only for now)."""
    return selectors.region_boundary_geojson(code=code)
