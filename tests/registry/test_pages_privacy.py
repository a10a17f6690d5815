"""Registry pages never show a masked NIK beside the birth date it encodes, and write dates as
people read them.

A NIK's digits 7-12 are the birth date (DDMMYY, day + 40 for women): `620802••••••0003` next to
"5 Januari 1990" (a woman) is `6208024501900003`. Lists and search results therefore show the
age; the full birth date is only on the person page, which is scoped and whose NIK view is
audited.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cakupan.registry.services import person_register
from cakupan.rules import formats as formatting
from cakupan.rules.nik import mask_nik
from tests.conftest import DESA_PULAU_NIBUNG, client_for
from tests.registry.conftest import nik_for
from tests.registry.test_pages import bpu_spell, registration, results

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin(siti, regency_operator):
    """Same name, birth date and desa as Siti, another NIK: a likely duplicate."""
    return person_register(
        actor=regency_operator,
        nik=nik_for("62.08.02", siti.birth_date, "P", 9),
        name="Hj. Siti Aminah",
        sex="P",
        birth_date=siti.birth_date,
        region_code=DESA_PULAU_NIBUNG,
    )


def _birth_date_texts(person) -> list[str]:
    day = person.birth_date
    return [
        formatting.long_date(day, "id"),
        formatting.long_date(day, "en"),
        day.isoformat(),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d-%m-%Y"),
    ]


def test_search_results_show_age_not_birth_date(siti, regency_operator):
    client = client_for(regency_operator)
    for query in ({"q": "aminah"}, {"q": siti.nik}, {"q": "siti", "birth_date": "1990-01-05"}):
        found = results(client.post(reverse("registry:search"), query))
        assert mask_nik(siti.nik) in found
        assert not any(text in found for text in _birth_date_texts(siti)), query
        age = formatting.age(siti.birth_date, timezone.localdate())
        assert f"{age} tahun" in found


def test_duplicate_queue_shows_age_not_birth_date(siti, twin, regency_operator):
    html = client_for(regency_operator).get(reverse("registry:duplicates")).content.decode()
    assert mask_nik(siti.nik) in html and mask_nik(twin.nik) in html
    assert not any(text in html for text in _birth_date_texts(siti))
    assert "Umur" in html


def test_person_page_keeps_the_full_birth_date(siti, regency_operator):
    html = client_for(regency_operator).get(reverse("registry:person", args=[siti.pk])).content
    assert "5 Januari 1990" in html.decode()


def test_open_ended_spell_reads_until_now_and_dates_are_long(siti, regency_operator):
    bpu_spell(regency_operator, siti, start=dt.date(2024, 11, 1), end=None)
    html = client_for(regency_operator).get(reverse("registry:person", args=[siti.pk])).content
    html = html.decode()
    timeline = html[html.find('id="timeline"') : html.find("</ol>", html.find('id="timeline"'))]
    assert "1 November 2024 – sampai sekarang" in " ".join(timeline.split())
    assert "None" not in timeline and "…" not in timeline
    # No ISO dates anywhere on the page: history, bar titles, rules in force.
    answer = client_for(regency_operator).get(
        reverse("registry:person", args=[siti.pk]), {"tanggal": "2024-11-27"}
    )
    # (the date the operator typed stays in its input box and in the page address)
    body = answer.content.decode().replace('value="2024-11-27"', "").replace("=2024-11-27", "")
    assert not _iso_dates(body), _iso_dates(body)


def _iso_dates(html: str) -> list[str]:
    import re

    return re.findall(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])", html)


def test_registration_message_uses_the_long_date(village_operator):
    client = client_for(village_operator)
    response = client.post(reverse("registry:register"), registration(), follow=True)
    assert "mulai 1 November 2024" in response.content.decode()


def test_duplicate_queue_dates_are_long(siti, twin, regency_operator):
    html = client_for(regency_operator).get(reverse("registry:duplicates")).content.decode()
    assert formatting.long_date(timezone.localdate(), "id") in html
    assert not _iso_dates(html)
