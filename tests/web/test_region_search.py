"""The region page finds regions the way people type them: a shared name lists every match,
part of a name lists what contains it, and a miss suggests the nearest names."""

import re

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _results(html: str) -> str:
    start = html.find('id="region-results"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_a_name_shared_by_several_regions_lists_them_all(admin_regency):
    response = client_for(admin_regency).get("/wilayah/", {"q": "Sukamara"})
    assert response.status_code == 200
    found = _results(response.content.decode())
    # The regency and the kecamatan, each with its level, parent and a link to its page.
    assert 'href="/wilayah/62.08/"' in found and "Kabupaten Sukamara" in found
    assert 'href="/wilayah/62.08.01/"' in found and "Kecamatan Sukamara" in found
    assert "Kabupaten/Kota" in found and "Kecamatan</td>" in found
    assert "Kalimantan Tengah" in found  # the regency's parent


def test_part_of_a_name_lists_the_regions_that_contain_it(admin_regency):
    found = _results(client_for(admin_regency).get("/wilayah/", {"q": "suka"}).content.decode())
    links = set(re.findall(r'href="/wilayah/([\d.]+)/"', found))
    assert {"62.08", "62.08.01", "62.08.01.2006"} <= links  # Sukaraja, a desa, too
    assert "Desa Sukaraja" in found and "Kecamatan Sukamara" in found
    # Exact names come before partial ones.
    assert found.index("Kabupaten Sukamara") < found.index("Desa Sukaraja")


def test_a_level_prefix_narrows_to_the_one_region_and_opens_it(admin_regency):
    response = client_for(admin_regency).get("/wilayah/", {"q": "Kec. Sukamara"})
    assert response.status_code == 302 and response["Location"] == "/wilayah/62.08.01/"


def test_no_match_says_so_and_suggests_the_nearest_names(admin_regency):
    response = client_for(admin_regency).get("/wilayah/", {"q": "Sukamaro"})
    assert response.status_code == 200
    found = _results(response.content.decode())
    assert "Tidak ada wilayah yang cocok" in found and "Mungkin maksud Anda" in found
    assert 'href="/wilayah/62.08' in found and "Sukamara" in found


def test_a_code_opens_its_page_and_an_unknown_code_says_so(admin_regency):
    client = client_for(admin_regency)
    response = client.get("/wilayah/", {"q": "620802"})
    assert response.status_code == 302 and response["Location"] == "/wilayah/62.08.02/"
    unknown = client.get("/wilayah/", {"q": "62.08.99"})
    assert unknown.status_code == 200
    assert "Kode wilayah 62.08.99 tidak dikenal" in _results(unknown.content.decode())


def test_two_letters_match_only_whole_names(admin_regency):
    found = _results(client_for(admin_regency).get("/wilayah/", {"q": "su"}).content.decode())
    assert "Sukamara" not in found and "paling sedikit 3 huruf" in found
