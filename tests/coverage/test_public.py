"""The public coverage page (/cakupan/publik/): anyone may read the aggregates of the regencies
chosen as public, and no count of 1–4 can be read off the page or worked out from its totals."""

import datetime as dt
import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cakupan.coverage.models import (
    CoverageMarginal,
    CoverageTotal,
    Denominator,
    FactMonth,
    Target,
)
from cakupan.coverage.public.suppression import COMPLEMENT, PRIMARY, suppress, suppress_tree
from cakupan.regions.models import Region
from tests.conftest import KEC_JELAI, SUKAMARA, client_for

JUNE, MAY = dt.date(2026, 6, 30), dt.date(2026, 5, 31)


# ---------------------------------------------------------------- the suppression rule alone


def test_counts_of_one_to_four_are_hidden_and_zero_is_shown():
    pattern = suppress({"a": 0, "b": 1, "c": 4, "d": 5, "e": 30})
    assert pattern == {"a": "", "b": PRIMARY, "c": PRIMARY, "d": "", "e": ""}


def test_a_lone_small_cell_takes_the_next_smallest_nonzero_cell_with_it():
    pattern = suppress({"PU": 40, "BPU": 3, "PMI": 0, "JAKON": 12}, total=55)
    assert pattern == {"PU": "", "BPU": PRIMARY, "PMI": "", "JAKON": COMPLEMENT}


def test_a_small_cell_beside_a_five_is_not_left_recoverable():
    # "< 5" and "×" with 6 between them can only be 1 and 5: one more cell must go
    pattern = suppress({"a": 1, "b": 5, "c": 20, "d": 30}, total=56)
    assert pattern == {"a": PRIMARY, "b": COMPLEMENT, "c": COMPLEMENT, "d": ""}


def test_two_small_cells_that_cannot_be_told_apart_need_no_complement():
    assert suppress({"a": 3, "b": 4, "c": 50}, total=57) == {"a": PRIMARY, "b": PRIMARY, "c": ""}
    # 1 + 1: both are known to be 1
    assert suppress({"a": 1, "b": 1, "c": 50}, total=52)["c"] == COMPLEMENT


def test_small_cells_that_would_follow_from_the_total_are_all_shown_as_hidden():
    # 4 + 4 = 8 with nothing else: marked "< 5" both would be known to be 4
    assert suppress({"a": 4, "b": 4, "c": 0}, total=8) == {
        "a": COMPLEMENT,
        "b": COMPLEMENT,
        "c": "",
    }


def test_a_hidden_total_hides_at_least_one_cell():
    assert suppress({"a": 30, "b": 12}, total_hidden=True) == {"a": "", "b": COMPLEMENT}
    assert suppress({"a": 30, "b": 2}, total_hidden=True) == {"a": "", "b": PRIMARY}


def test_a_rest_the_reader_cannot_see_protects_a_small_cell():
    # 10 of the total sit in no cell (e.g. no desa): total − 50 is 13, not the small cell
    assert suppress({"a": 3, "b": 50}, total=63) == {"a": PRIMARY, "b": ""}


def test_a_region_hidden_in_its_parents_table_is_hidden_below_too():
    totals = {"R": 100, "K1": 3, "K2": 47, "K3": 50, "D11": 3, "D21": 40, "D22": 7, "D31": 50}
    children = {"R": ["K1", "K2", "K3"], "K1": ["D11"], "K2": ["D21", "D22"], "K3": ["D31"]}
    pattern = suppress_tree(totals, children)
    assert pattern["K1"] == PRIMARY and pattern["K2"] == COMPLEMENT and pattern["K3"] == ""
    # K2's own desa must not add up to its hidden 47
    assert pattern["D22"] == COMPLEMENT and pattern["D21"] == ""
    assert pattern["D11"] == PRIMARY and pattern["R"] == ""


def _feasible(counts, pattern, total, ceiling):
    """Every value each hidden cell could take, given what the page shows (brute force)."""
    hidden = [k for k in counts if pattern[k]]
    shown_sum = sum(v for k, v in counts.items() if not pattern[k])
    ranges = [
        range(1, 5) if pattern[k] == PRIMARY else range(5, min(ceiling, total) + 1) for k in hidden
    ]
    seen = {k: set() for k in hidden}
    for values in itertools.product(*ranges):
        if shown_sum + sum(values) == total:
            for k, v in zip(hidden, values, strict=True):
                seen[k].add(v)
    return seen


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=2, max_size=5))
def test_no_small_cell_can_be_worked_out_from_the_total(values):
    counts = {f"c{i}": v for i, v in enumerate(values)}
    total = sum(values)
    pattern = suppress(counts, total=total)
    shown = [v for k, v in counts.items() if v and not pattern[k]]
    feasible = _feasible(counts, pattern, total, min(shown) if shown else total)
    for key, kind in pattern.items():
        assert kind or counts[key] == 0 or counts[key] >= 5  # every 1–4 is hidden
        if kind == PRIMARY:
            assert len(feasible[key]) >= 2, (counts, pattern)


# ---------------------------------------------------------------- the page, from known facts


@pytest.fixture
def public_setting(settings):
    settings.CAKUPAN_PUBLIC_REGENCIES = [SUKAMARA]
    return settings


@pytest.fixture
def small_facts(regions, public_setting):
    """Facts for two months: 40 covered in every desa of Sukamara but one desa of Jelai with 3,
    and one APBDes-paid worker (2) in another: the small counts a page must not show."""
    desa = list(
        Region.objects.filter(code__startswith=SUKAMARA + ".", level="village").order_by("code")
    )
    small = next(d.code for d in desa if d.code.startswith(KEC_JELAI + "."))
    apbdes = next(d.code for d in desa if d.code.startswith("62.08.01."))
    for month in (MAY, JUNE):
        FactMonth.objects.create(
            regency_code=SUKAMARA, month=month, refreshed_at=dt.datetime.now(dt.UTC)
        )
        for d in desa:
            n = 3 if d.code == small else 40
            CoverageTotal.objects.create(
                regency_code=SUKAMARA, region_code=d.code, month=month, persons=n
            )
            cells = {
                "segment": {"PU": n - 1, "BPU": 1} if n == 3 else {"PU": 30, "BPU": 10},
                "sex": {"L": n} if n == 3 else {"L": 25, "P": 15},
                "age_band": {"25-34": n} if n == 3 else {"15-24": 10, "25-34": 30},
                "payer": {"employer": n}
                if n == 3
                else (
                    {"employer": 30, "self": 8, "apbdes": 2}
                    if d.code == apbdes
                    else {"employer": 30, "self": 10}
                ),
            }
            for dim, values in cells.items():
                for value, persons in values.items():
                    CoverageMarginal.objects.create(
                        regency_code=SUKAMARA,
                        region_code=d.code,
                        month=month,
                        dimension=dim,
                        value=value,
                        persons=persons,
                    )
    by_code = {}
    for d in desa:
        for code in (SUKAMARA, d.code[:8], d.code):
            by_code[code] = by_code.get(code, 0) + 100
    for code, n in by_code.items():
        Denominator.objects.create(
            regency_code=SUKAMARA,
            region_code=code,
            year=2026,
            working_population=n,
            source="BPS 2026",
            basis="counted",
        )
    Target.objects.create(
        regency_code=SUKAMARA, region_code=SUKAMARA, year=2026, rate=50, source="RPJMD"
    )
    return {"small": small, "apbdes": apbdes, "desa": desa}


def _json(html: str, name: str):
    return json.loads(
        re.search(rf'id="{name}" type="application/json">(.*?)</script>', html).group(1)
    )


def _no_small_number(html: str):
    """No element whose whole text is a count of 1–4, and none in the embedded JSON."""
    assert not re.search(r">\s*[1-4]\s*<", html)
    area_map = _json(html, "public-map")
    for area in area_map["areas"].values():
        assert area["count"] in ("< 5", "×", "0") or int(area["count"].replace(".", "")) >= 5
        assert area["rate"] is None or area["count"] not in ("< 5", "×")


def test_anyone_may_read_a_public_regency_and_it_is_cacheable(small_facts, client):
    response = client.get("/cakupan/publik/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cakupan Kabupaten Sukamara" in html or "Cakupan Sukamara" in html
    assert "Per kecamatan" in html and "Menurut pembayar" in html
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert not response.cookies  # no CSRF or session cookie: a shared cache may keep it
    assert "csrfmiddlewaretoken" not in html
    assert 'lang="id"' in html and "Angka &lt; 5 disembunyikan" in html
    assert not re.search(r"<script(?![^>]*(src=|application/json))", html)  # CSP: no inline
    assert client.post("/cakupan/publik/").status_code == 405


def test_figures_equal_the_facts(small_facts, client):
    html = client.get(f"/cakupan/publik/{SUKAMARA}/?bulan=2026-06").content.decode()
    covered = sum(CoverageTotal.objects.filter(month=JUNE).values_list("persons", flat=True))
    assert f">{covered:,}<".replace(",", ".") in html
    denominator = Denominator.objects.get(region_code=SUKAMARA).working_population
    trend = _json(html, "public-trend")
    assert (
        trend["rate"][-1] == round(covered * 100 / denominator, 2) and trend["target"][-1] == 50.0
    )
    bpu = sum(
        CoverageMarginal.objects.filter(month=JUNE, dimension="segment", value="BPU").values_list(
            "persons", flat=True
        )
    )
    section = re.search(r'id="by-segment".*?</section>', html, re.S).group(0)
    assert f">{bpu:,}<".replace(",", ".") in section
    kecamatan = _json(html, "public-map")["areas"]
    assert len(kecamatan) == 5
    sukamara_town = sum(
        CoverageTotal.objects.filter(month=JUNE, region_code__startswith="62.08.01.").values_list(
            "persons", flat=True
        )
    )
    assert kecamatan["62.08.01"]["count"] == f"{sukamara_town:,}".replace(",", ".")


def test_small_counts_never_reach_the_page(small_facts, client):
    # the regency: APBDes pays 2 workers in all, hidden with a complement in its breakdown
    html = client.get(f"/cakupan/publik/{SUKAMARA}/").content.decode()
    _no_small_number(html)
    payer = re.search(r'id="by-payer".*?</section>', html, re.S).group(0)
    assert "APBDes" in payer and payer.count("&lt; 5") == 1 and payer.count("×") == 1

    # Jelai: one desa has 3, so a second desa is hidden too; the kecamatan's total stays
    html = client.get(f"/cakupan/publik/{KEC_JELAI}/").content.decode()
    _no_small_number(html)
    areas = _json(html, "public-map")["areas"]
    assert areas[small_facts["small"]] == {
        **areas[small_facts["small"]],
        "count": "< 5",
        "rate": None,
    }
    complements = [c for c, a in areas.items() if a["count"] == "×"]
    assert len(complements) == 1 and areas[complements[0]]["rate"] is None
    rows = re.search(r'<table class="table stack" id="areas">.*?</table>', html, re.S).group(0)
    assert rows.count("&lt; 5") == 1 and rows.count("×") == 1

    # the small desa itself: its headline, rate and gap are hidden, every month of the trend
    # too, and its breakdowns are withheld rather than listing "< 5"
    html = client.get(f"/cakupan/publik/{small_facts['small']}/").content.decode()
    _no_small_number(html)
    assert re.search(r'id="covered">&lt; 5<', html) and 'id="gap"' not in html
    assert set(_json(html, "public-trend")["rate"]) == {None}
    assert 'id="by-segment"' not in html and "terlalu kecil" in html

    # the complement desa: 40 covered, shown as hidden on its own page as well
    html = client.get(f"/cakupan/publik/{complements[0]}/").content.decode()
    assert re.search(r'id="covered">×<', html) and ">40<" not in html


def test_a_region_that_is_not_public_looks_the_same_as_one_that_does_not_exist(small_facts, client):
    answers = [
        client.get(path)
        for path in (
            "/cakupan/publik/62.01/",  # exists, not public
            "/cakupan/publik/62.01.01/",
            "/cakupan/publik/62.08.99/",  # public regency, no such kecamatan
            "/cakupan/publik/99.99/",
            "/cakupan/publik/62/",  # a province is never a public page
            "/cakupan/publik/bukan-kode/",
            f"/cakupan/publik/{SUKAMARA}/?bulan=2031-01",  # no facts that month
        )
    ]
    assert {r.status_code for r in answers} == {404}
    assert len({r.content for r in answers}) == 1


def test_nothing_is_public_unless_chosen(small_facts, client, settings):
    settings.CAKUPAN_PUBLIC_REGENCIES = []
    assert client.get("/cakupan/publik/").status_code == 404
    assert client.get(f"/cakupan/publik/{SUKAMARA}/").status_code == 404


def test_english_by_link_without_a_form(small_facts, client):
    html = client.get(f"/cakupan/publik/{KEC_JELAI}/?lang=en").content.decode()
    assert '<html lang="en">' in html
    # links keep the choice; the Indonesian link switches back
    assert f'href="/cakupan/publik/{SUKAMARA}/?bulan=2026-06&amp;lang=en"' in html
    assert "lang=id" in html


def test_a_logged_in_visitor_gets_a_private_copy(small_facts, manager):
    response = client_for(manager).get("/cakupan/publik/")
    assert response.status_code == 200 and "private" in response["Cache-Control"]


# ---------------------------------------------------------------- the synthetic demo


def test_demo_page_shows_aggregates_only(synthetic, public_setting, client):
    from cakupan.coverage.demo import coverage_demo_fill
    from cakupan.registry.models import Person

    coverage_demo_fill(regency_code=SUKAMARA)
    for code in (SUKAMARA, KEC_JELAI):
        html = client.get(f"/cakupan/publik/{code}/").content.decode()
        assert "DATA SINTETIS" in html and "bukan data resmi: registri kepesertaan" in html
        _no_small_number(html)
        for person in Person.objects.filter(region_code__startswith=code)[:200]:
            assert person.nik not in html and person.name not in html
    desa = Region.objects.filter(parent_id=KEC_JELAI).order_by("code").first()
    html = client.get(f"/cakupan/publik/{desa.code}/").content.decode()
    _no_small_number(html)
    for person in Person.objects.filter(region_code=desa.code):
        assert person.nik not in html and person.name not in html
