"""Kemendagri regions: shipped in the package, loaded in seconds, found by code or name."""

import pytest
from django.test import Client
from typer.testing import CliRunner

from cakupan.errors import DomainError, NotFound
from cakupan.regions.models import Level, Region
from cakupan.regions.names import region_normalise_code, region_normalise_name
from cakupan.regions.selectors import (
    kecamatan_codes_undotted,
    region_ancestors,
    region_boundary_geojson,
    region_children,
    region_lookup,
    region_resolve,
)
from cakupan.regions.services import regions_load
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def test_all_of_indonesia_loads_and_a_second_load_writes_nothing():
    first = regions_load()
    assert first.counts == {
        Level.PROVINCE: 38,
        Level.REGENCY: 514,
        Level.DISTRICT: 7285,
        Level.VILLAGE: 83762,
    }
    assert first.seconds < 30
    assert Region.objects.filter(is_kelurahan=True).count() == 8496
    assert regions_load().written == 0
    assert "83.762 desa/kelurahan" in str(first)


def test_loading_one_province_brings_its_ancestors_and_nothing_else():
    result = regions_load(prefixes=["62.08"])
    assert result.counts[Level.DISTRICT] == 5 and result.counts[Level.VILLAGE] == 32
    assert set(Region.objects.filter(level=Level.PROVINCE).values_list("code", flat=True)) == {"62"}


def test_a_renamed_region_is_updated_on_reload(regions):
    Region.objects.filter(code="62.08.02").update(name="Jelai Lama", name_key="JELAI LAMA")
    assert regions_load(prefixes=["62"]).written == 1
    assert Region.objects.get(code="62.08.02").name == "Jelai"


def test_a_region_knows_parent_level_and_kelurahan(regions):
    mendawai = Region.objects.get(code="62.08.01.1003")
    assert mendawai.name == "Mendawai" and mendawai.is_kelurahan
    assert mendawai.level == Level.VILLAGE and mendawai.parent_id == "62.08.01"
    assert not Region.objects.get(code="62.08.02.2002").is_kelurahan
    assert [r.code for r in region_ancestors(code="62.08.01.1003")] == ["62", "62.08", "62.08.01"]
    assert len(region_children(code="62.08")) == 5


@pytest.mark.parametrize(
    "text,code",
    [
        ("Kec. Jelai", "62.08.02"),
        ("JELAI", "62.08.02"),
        ("kecamatan   jelai", "62.08.02"),
        ("Desa Pulau  Nibung", "62.08.02.2002"),
        ("Kab. Sukamara", "62.08"),
        ("Kabupaten Sukamara", "62.08"),
        ("620802", "62.08.02"),
        ("62.08.02", "62.08.02"),
        ("6208011003", "62.08.01.1003"),
    ],
)
def test_lookup_by_code_or_name_ignores_case_spacing_and_prefixes(regions, text, code):
    assert region_resolve(text=text).code == code


def test_name_lookup_inside_an_area(regions):
    assert [r.code for r in region_lookup(name="Kel. Mendawai", within="62.08")] == [
        "62.08.01.1003"
    ]


def test_ambiguous_and_unknown_names_say_what_to_do(regions):
    with pytest.raises(DomainError) as err:
        region_resolve(text="Mendawai")
    assert err.value.code == "region_ambiguous" and "62.08.01.1003" in err.value.message("id")
    with pytest.raises(NotFound) as err:
        region_resolve(text="Pulau Nibunk", within="62.08")
    assert "Pulau Nibung" in err.value.message("id")
    with pytest.raises(NotFound):
        region_resolve(text="62.99")


def test_normalisers():
    assert region_normalise_name("Kec. Jelai") == "JELAI"
    assert region_normalise_name("KEL.MENDAWAI") == "MENDAWAI"
    assert region_normalise_code("620802") == "62.08.02"
    assert region_normalise_code("62.8.2") is None
    assert region_normalise_code("Jelai") is None


def test_kecamatan_codes_for_nik_checks(regions):
    assert "620802" in kecamatan_codes_undotted()
    assert "620899" not in kecamatan_codes_undotted()


def test_boundaries_of_sukamara_and_of_a_kecamatan(regions):
    kecamatan = region_boundary_geojson(code="62.08")["features"]
    assert sorted(f["properties"]["code"] for f in kecamatan) == [
        f"62.08.0{i}" for i in range(1, 6)
    ]
    assert len(region_boundary_geojson(code="62.08.02")["features"]) == 5
    regions_load(prefixes=["11.01"])
    with pytest.raises(NotFound):
        region_boundary_geojson(code="11.01")


def test_cli_load_and_lookup(regions):
    from cakupan.regions.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["lookup", "Kec. Jelai"])
    assert result.exit_code == 0 and "62.08.02" in result.output
    result = runner.invoke(app, ["lookup", "Pulau Nibunk", "--within", "62.08"])
    assert result.exit_code == 1 and "Pulau Nibung" in result.output
    result = runner.invoke(app, ["load", "--prefix", "62.08"])
    assert result.exit_code == 0 and "32 desa/kelurahan" in result.output


def test_api_regions(regions):
    client = client_for(make_user("viewer", "viewer", "62.08"))
    body = client.get("/api/v1/regions/62.08.02").json()
    assert body["name"] == "Jelai" and body["children_count"] == 5
    assert [a["code"] for a in body["ancestors"]] == ["62", "62.08"]
    assert client.get("/api/v1/regions/lookup", {"name": "JELAI"}).json()[0]["code"] == "62.08.02"
    assert len(client.get("/api/v1/regions/62.08/boundary").json()["features"]) == 5
    missing = client.get("/api/v1/regions/62.99", headers={"Accept-Language": "en"})
    assert missing.status_code == 404
    assert missing.json()["message"] == "Unknown region code 62.99."
    assert Client().get("/api/v1/regions/62.08").status_code == 401


def test_region_pages(regions):
    client = client_for(make_user("viewer", "viewer", "62.08"))
    assert "Kabupaten Sukamara" in client.get("/wilayah/").content.decode()
    assert client.get("/wilayah/", {"q": "Kec. Jelai"})["Location"] == "/wilayah/62.08.02/"
    page = client.get("/wilayah/62.08.01/").content.decode()
    assert "Mendawai" in page and "Kelurahan" in page
    missing = client.get("/wilayah/62.99/")
    assert (
        missing.status_code == 404
        and "Kode wilayah 62.99 tidak dikenal." in missing.content.decode()
    )
