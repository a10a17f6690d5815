"""The synthetic registry: valid NIKs, desa inside the regency, spells that never overlap, the
same data for the same seed, `--replace` touching only synthetic rows, the CLI and the demo."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, F
from typer.testing import CliRunner

from cakupan.accounts.scope import SystemActor
from cakupan.agreements.models import Agreement
from cakupan.bootstrap import django_setup
from cakupan.errors import DomainError
from cakupan.regions.models import Level, Region
from cakupan.regions.selectors import kecamatan_codes_undotted
from cakupan.registry.models import Employer, Person, PersonFlag, Spell
from cakupan.registry.selectors import coverage_on
from cakupan.registry.services import spell_add
from cakupan.registry.synthetic import (
    DEMO_REGENCY,
    data,
    demo_registry_fill,
    regency_frame,
    registry_synthesize,
)
from cakupan.rules.nik import parse_nik

# The shell operator's question over the whole registry: the system acting in the province.
EVERYWHERE = SystemActor(job="tests", region_codes=("62",))

pytestmark = pytest.mark.django_db
django_setup()
runner = CliRunner()
SUKAMARA = "62.08"


@pytest.fixture
def small(regions):
    return registry_synthesize(regency_code=SUKAMARA, persons=800, seed=11)


def test_niks_parse_valid_and_agree_with_sex_and_birth_date(small):
    codes = kecamatan_codes_undotted()
    persons = list(Person.objects.filter(synthetic=True))
    assert len(persons) == small.persons == 800
    outside = 0
    for person in persons:
        result = parse_nik(person.nik, kecamatan_codes=codes)
        assert result.ok, (person.nik, result.codes)
        assert result.sex == person.sex and result.birth_date == person.birth_date
        age = (data.AS_OF - person.birth_date).days / 365.2425
        assert 15 <= age <= 70.1
        outside += not result.kecamatan.startswith(SUKAMARA + ".")
    assert 0 < outside < 0.08 * len(persons)  # a few NIKs from a neighbouring regency


def test_masked_niks_tell_people_apart(small):
    """Serials are spread over 0001-0999, unique per kecamatan + birth date + sex, so the
    masked NIK in a list (620803••••••0417) differs between people."""
    niks = list(Person.objects.filter(synthetic=True).values_list("nik", flat=True))
    serials = [int(nik[12:]) for nik in niks]
    assert len(set(niks)) == len(niks)
    assert all(1 <= s <= 999 for s in serials)
    assert len(set(serials)) > 0.5 * len(serials)  # not all 0001 (or 7001)
    masked = {(nik[:6], nik[12:]) for nik in niks}  # what a masked NIK still shows
    assert len(masked) > 0.9 * len(niks)


def test_every_desa_belongs_to_the_regency(small):
    villages = set(
        Region.objects.filter(level=Level.VILLAGE, code__startswith=SUKAMARA + ".").values_list(
            "code", flat=True
        )
    )
    for model in (Person, Employer, Spell):
        codes = set(model.objects.filter(synthetic=True).values_list("region_code", flat=True))
        assert codes <= villages, model
        assert set(model.objects.values_list("regency_code", flat=True)) == {SUKAMARA}
    assert len(set(Person.objects.values_list("region_code", flat=True))) > 20
    mismatched = Spell.objects.exclude(region_code=F("person__region_code"))
    assert not mismatched.exists()


def test_spells_never_overlap_per_program(small):
    assert Spell.objects.count() == small.spells  # every row went in: no trigger fired
    with connection.cursor() as cursor:
        for program in ("jkk", "jkm", "jht", "jp", "jkp"):
            cursor.execute(
                f"SELECT COUNT(*) FROM registry_spell a JOIN registry_spell b "
                f"ON a.person_id = b.person_id AND a.id < b.id AND a.{program} AND b.{program} "
                "AND a.start_date <= COALESCE(b.end_date, '9999-12-31') "
                "AND b.start_date <= COALESCE(a.end_date, '9999-12-31')"
            )
            assert cursor.fetchone()[0] == 0, program
    assert not Spell.objects.filter(start_date__gt=data.AS_OF).exists()


def test_sizes_mix_and_election_officers(small):
    n = small.persons
    assert 2.6 <= small.spells / n <= 3.6
    covered = Person.objects.filter(spells__end_date__isnull=True).distinct().count()
    assert abs(covered / n - data.COVERED_SHARE) < 0.07
    segments = dict(
        Spell.objects.values_list("segment").annotate(n=Count("id")).order_by("segment")
    )
    assert segments["BPU"] > segments["PU"] > segments["JAKON"] > 0
    pu = Spell.objects.filter(segment="PU")
    assert not pu.filter(employer__isnull=True).exists()
    assert not pu.filter(wage__lt=data.UMK[SUKAMARA][0]).exists()
    assert not Spell.objects.filter(segment="BPU", wage__lt=data.BPU_INCOME_TYPICAL).exists()
    assert all(
        len(npp) == 8 and npp.isdigit() for npp in Employer.objects.values_list("npp", flat=True)
    )
    assert PersonFlag.objects.filter(flag="farmer").count() > 0.2 * n
    officers = Spell.objects.exclude(role="")
    assert set(officers.values_list("role", flat=True)) <= {"KPPS", "PPS", "PPK", "Linmas"}
    kpps = officers.filter(role="KPPS")
    assert kpps.count() > 5
    assert set(kpps.values_list("start_date", "end_date")) == {
        (dt.date(2024, 11, 7), dt.date(2024, 12, 8))
    }
    pks = Agreement.objects.get(regency_code=SUKAMARA, number="SINTETIS/PKS/2024/001")
    assert pks.synthetic and pks.payer == "apbd"
    assert officers.filter(agreement=pks, payer="apbd").count() > officers.count() / 2
    assert not officers.filter(agreement__isnull=True).exclude(payer="election_body").exists()


def test_default_size_follows_the_population(regions):
    frame = regency_frame(SUKAMARA)
    assert frame.population == 67_234
    assert 33_000 <= frame.default_persons <= 34_500
    officers = frame.election_officers()
    assert officers["PPK"] == 5 * 5 and officers["PPS"] == 3 * 32 and officers["KPPS"] > 600


def _snapshot():
    persons = Person.objects.order_by("nik").values_list("nik", "name", "region_code", "occupation")
    spells = Spell.objects.order_by("person__nik", "start_date").values_list(
        "person__nik", "start_date", "end_date", "segment", "payer", "wage", "employer__npp"
    )
    return list(persons), list(spells)


def test_same_seed_same_data(regions):
    registry_synthesize(regency_code=SUKAMARA, persons=300, seed=5)
    first = _snapshot()
    registry_synthesize(regency_code=SUKAMARA, persons=300, seed=5, replace=True)
    assert _snapshot() == first
    registry_synthesize(regency_code=SUKAMARA, persons=300, seed=6, replace=True)
    assert _snapshot()[0] != first[0]


def test_replace_removes_only_synthetic_rows_of_that_regency(small, siti, regency_operator):
    spell_add(
        actor=regency_operator,
        person_id=siti.pk,
        programs=["JKK", "JKM"],
        start_date=dt.date(2025, 1, 1),
        end_date=None,
        segment="BPU",
        payer="self",
        wage=1_000_000,
    )
    registry_synthesize(regency_code="62.09", persons=100, seed=3)  # Lamandau
    with pytest.raises(DomainError) as err:
        registry_synthesize(regency_code=SUKAMARA, persons=200, seed=4)
    assert err.value.code == "synthetic_exists"

    again = registry_synthesize(regency_code=SUKAMARA, persons=200, seed=4, replace=True)
    assert again.deleted["persons"] == 800
    assert Person.objects.filter(regency_code=SUKAMARA, synthetic=True).count() == 200
    assert Person.objects.filter(regency_code="62.09", synthetic=True).count() == 100
    assert Person.objects.filter(pk=siti.pk).exists()
    assert Spell.objects.filter(person=siti, synthetic=False).count() == 1
    assert Agreement.objects.filter(number="SINTETIS/PKS/2024/001").count() == 2  # one each


def test_a_synthetic_person_answers_the_coverage_check(small):
    spell = Spell.objects.filter(end_date__isnull=True).select_related("person").first()
    answer = coverage_on(nik=spell.person.nik, day=data.AS_OF, user=EVERYWHERE)
    assert answer.covered and spell.id in [s.id for s in answer.spells]


def test_cli(regions):
    from cakupan.registry.cli import app

    args = ["registry", "--regency", "6208", "--persons", "250", "--seed", "9"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "250 orang" in result.output and "62.08" in result.output
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "--replace" in result.output
    result = runner.invoke(app, [*args, "--replace"])
    assert result.exit_code == 0, result.output
    assert "Dihapus" in result.output
    assert Person.objects.filter(synthetic=True).count() == 250


def test_cli_loads_missing_regions(db):
    from cakupan.registry.cli import app

    result = runner.invoke(app, ["registry", "--regency", "62.08", "--persons", "50"])
    assert result.exit_code == 0, result.output
    assert Person.objects.filter(regency_code=SUKAMARA, synthetic=True).count() == 50


def test_demo_setup_fills_sukamara_once(regions):
    from cakupan.cli.demo import demo_setup

    demo_setup()
    persons = Person.objects.filter(regency_code=DEMO_REGENCY, synthetic=True).count()
    spells = Spell.objects.count()
    assert 33_000 <= persons <= 34_500 and spells > 2.6 * persons
    demo_setup()
    assert Person.objects.filter(synthetic=True).count() == persons
    assert Spell.objects.count() == spells
    assert Agreement.objects.filter(number="SINTETIS/PKS/2024/001").count() == 1
    assert demo_registry_fill().skipped
