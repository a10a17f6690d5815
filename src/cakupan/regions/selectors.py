"""Reads of regions: by code, by name, and the areas inside a region."""

from cakupan.errors import NotFound
from cakupan.regions.models import Region


def region_get(*, code: str) -> Region:
    """The region with this Kemendagri code (dotted, e.g. `62.08.01`)."""
    found = Region.objects.filter(code=(code or "").strip()).first()
    if found is None:
        raise NotFound(
            "region_unknown",
            "Kode wilayah {code} tidak dikenal.",
            "Unknown region code {code}.",
            code=code,
        )
    return found
