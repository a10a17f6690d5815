"""Desa and kecamatan names of a batch's regency, loaded once per batch, and the matching of a
file's (kecamatan, desa) text to a desa code.

A file holds a handful of distinct desa names however many rows it has, so each distinct pair
is resolved once in Python and the answer joined back onto the rows. Names are compared by the
regions app's normal form ("Ds. Pulau Nibung" = "PULAU NIBUNG"), and an unknown name gets the
nearest names of the batch's area as a suggestion (difflib over the in-memory dict, no query).
"""

import json
from dataclasses import dataclass

import polars as pl

from cakupan.accounts.scope import region_contains
from cakupan.imports.checks import nearest
from cakupan.regions.names import region_normalise_code, region_normalise_name
from cakupan.regions.selectors import region_children, region_get


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    key: str
    parent: str


@dataclass
class Places:
    area_code: str
    area_name: str
    districts: dict[str, Place]
    villages: dict[str, Place]
    permitted: list[str]  # the uploader's scope for the kind's permission

    def in_area(self, code: str) -> bool:
        return region_contains(self.area_code, code)

    def permitted_for(self, code: str) -> bool:
        return any(region_contains(p, code) for p in self.permitted)


def places_load(*, area_code: str, permitted: list[str]) -> Places:
    """Every kecamatan and desa of the area's regency (a regency has at most a few hundred):
    rows naming a desa elsewhere in the regency are told it lies outside, not that it's unknown."""
    area = region_get(code=area_code)
    regency = area.code[:5]
    districts, villages = {}, {}
    for district in region_children(code=regency):
        districts[district.code] = Place(district.code, district.name, district.name_key, regency)
        for village in region_children(code=district.code):
            villages[village.code] = Place(
                village.code, village.name, village.name_key, district.code
            )
    return Places(area.code, area.name, districts, villages, permitted)


@dataclass(frozen=True)
class Resolution:
    code: str | None
    field: str = ""
    error: str = ""
    params: tuple = ()


def _resolve(places: Places, district_text: str, village_text: str) -> Resolution:
    district_text, village_text = (district_text or "").strip(), (village_text or "").strip()
    area_names = {p.key: p.name for p in places.villages.values() if places.in_area(p.code)}
    if not village_text:
        if places.area_code in places.villages:
            return Resolution(places.area_code)
        return Resolution(None, "village", "region.village_required")
    code = region_normalise_code(village_text)
    if code and code in places.villages:
        candidates = [places.villages[code]]
    else:
        candidates = [
            p for p in places.villages.values() if p.key == region_normalise_name(village_text)
        ]
    if district_text and candidates:
        key = region_normalise_name(district_text)
        district_code = region_normalise_code(district_text)
        wanted = {
            d.code for d in places.districts.values() if d.key == key or d.code == district_code
        }
        if not wanted:
            names = {
                d.key: d.name
                for d in places.districts.values()
                if places.in_area(d.code) or region_contains(d.code, places.area_code)
            }
            hint = nearest(names, key)
            return Resolution(
                None,
                "district",
                "region.district_unknown",
                (("name", district_text), ("area", places.area_name), ("hint", hint)),
            )
        named = candidates
        candidates = [p for p in candidates if p.parent in wanted]
        elsewhere = [p for p in named if places.in_area(p.code)] or named
        if not candidates and len(elsewhere) == 1:
            # The desa exists, under another kecamatan: say which, not "did you mean <it>".
            place = elsewhere[0]
            given = [d.name for d in places.districts.values() if d.code in wanted]
            return Resolution(
                None,
                "district",
                "region.village_in_other_district",
                (
                    ("name", place.name),
                    ("district", places.districts[place.parent].name),
                    ("given", given[0] if given else district_text),
                ),
            )
    if not candidates:
        hint = nearest(area_names, region_normalise_name(village_text))
        return Resolution(
            None,
            "village",
            "region.village_unknown",
            (("name", village_text), ("area", places.area_name), ("hint", hint)),
        )
    if len(candidates) > 1:
        inside = [p for p in candidates if places.in_area(p.code)]
        candidates = inside or candidates
    if len(candidates) > 1:
        names = ", ".join(places.districts[p.parent].name for p in candidates)
        return Resolution(
            None, "village", "region.ambiguous", (("name", village_text), ("candidates", names))
        )
    place = candidates[0]
    if not places.permitted_for(place.code):
        return Resolution(None, "village", "region.outside_scope", (("name", place.name),))
    if not places.in_area(place.code):
        return Resolution(
            None,
            "village",
            "region.outside_area",
            (("name", place.name), ("area", places.area_name)),
        )
    return Resolution(place.code)


def resolve_column(places: Places, frame: pl.DataFrame) -> pl.DataFrame:
    """(district, village) text → `region_code` plus `_region_field/_region_error/_region_params`
    for each *distinct* pair, joined back onto the rows by the caller."""
    pairs = frame.select(pl.col("district").fill_null(""), pl.col("village").fill_null("")).unique()
    rows = []
    for district_text, village_text in pairs.iter_rows():
        found = _resolve(places, district_text, village_text)
        rows.append(
            {
                "district": district_text,
                "village": village_text,
                "region_code": found.code,
                "_region_field": found.field,
                "_region_error": found.error,
                "_region_params": dict(found.params),
            }
        )
    for row in rows:
        row["_region_params"] = json.dumps(row["_region_params"], ensure_ascii=False)
    schema = {k: pl.String for k in rows[0]} if rows else None
    return pl.DataFrame(rows, schema=schema)
