"""Regressions in `synth registry`: sizes where an officer's spell is cut away whole, `--replace`
with claims on synthetic persons, and the coverage dashboard of a newly synthesised regency."""

import datetime as dt

import numpy as np
import pytest
from typer.testing import CliRunner

from cakupan.bootstrap import django_setup
from cakupan.claims import services as claim_services
from cakupan.coverage.models import Denominator, FactMonth, Target
from cakupan.errors import DomainError
from cakupan.regions.models import Level, Region
from cakupan.registry.models import Person, Spell
from cakupan.registry.synthetic import data, regency_frame, registry_synthesize
from cakupan.registry.synthetic import history as history_module
from cakupan.registry.synthetic.history import make_employers, make_spells
from cakupan.registry.synthetic.people import make_people

pytestmark = pytest.mark.django_db
django_setup()
runner = CliRunner()
SUKAMARA = "62.08"


@pytest.fixture
def poisoned_empty(monkeypatch):
    """np.empty filled with an index far out of range, so a read of an unset cell fails here
    every time instead of only when leftover memory happens to hold a large number."""
    real = np.empty

    def empty(shape, dtype=float, *args, **kwargs):
        out = real(shape, dtype, *args, **kwargs)
        if np.dtype(dtype) == np.int64:
            out.fill(10**9)
        return out

    monkeypatch.setattr(history_module.np, "empty", empty)


def _generate(frame, n: int, seed: int = 6208):
    """What registry_synthesize draws, without writing (the CLI's default seed)."""
    rng = np.random.default_rng([seed, 62, 8])
    people = make_people(rng, frame, n)
    pu_like = int(np.isin(people.pref, [0, 2]).sum())
    employers = make_employers(rng, frame, max(5, round(pu_like / data.WORKERS_PER_EMPLOYER)))
    return people, employers, make_spells(rng, people, employers, frame, 3.0)


@pytest.mark.parametrize("n", [800, 4000, 5000, 6000])
def test_sizes_with_the_whole_province_loaded(regions, poisoned_empty, n):
    """5000 persons in Sukamara with all of Kalimantan Tengah loaded used to fail with an
    IndexError: a spell lying wholly inside an officer's Pilkada duty is cut away, and its
    employer draw read an unset index."""
    assert Region.objects.filter(level=Level.REGENCY, code__startswith="62.").count() == 14
    frame = regency_frame(SUKAMARA)
    people, employers, spells = _generate(frame, n)
    assert spells["i"].n_unique() > 0.9 * n
    e = spells["e"].to_numpy()
    with_employer = spells["segment"].is_in(["PU", "JAKON"]).to_numpy()
    assert (e[with_employer] >= 0).all() and (e[with_employer] < employers.height).all()
    assert (e[~with_employer] == -1).all()
    # the same seed still gives the same spells (no uninitialised memory behind them)
    assert _generate(frame, n)[2].equals(spells)


def test_5000_persons_written_with_the_whole_province_loaded(regions):
    result = registry_synthesize(regency_code=SUKAMARA, persons=5000, seed=6208)
    assert result.persons == Person.objects.filter(synthetic=True).count() > 4900
    assert not Spell.objects.filter(segment="PU", employer__isnull=True).exists()


def _claim_for(person, actor):
    day = dt.date(2025, 3, 3)
    return claim_services.claim_create(
        actor=actor,
        nik=person.nik,
        program="JKM",
        event="death",
        incident_date=day,
        place="Sukamara",
        circumstances="Kecelakaan di kebun.",
        reporter_name="Keluarga",
        reported_on=day,
        paid_through=day,
        synthetic=True,
    )


def test_replace_refuses_clearly_when_claims_refer_to_synthetic_persons(regions, regency_operator):
    registry_synthesize(regency_code=SUKAMARA, persons=200, seed=4)
    person = Person.objects.filter(synthetic=True, spells__isnull=False).first()
    claim = _claim_for(person, regency_operator)
    assert claim.person_id == person.pk
    before = set(Person.objects.values_list("nik", flat=True))

    with pytest.raises(DomainError) as err:
        registry_synthesize(regency_code=SUKAMARA, persons=300, seed=5, replace=True)
    assert err.value.code == "synthetic_replace_referenced"
    assert err.value.message("id").startswith("1 klaim dan 0 sertifikat merujuk orang sintetis")
    assert set(Person.objects.values_list("nik", flat=True)) == before  # nothing touched

    from cakupan.registry.cli import app

    args = ["registry", "--regency", SUKAMARA, "--persons", "300", "--replace", "--no-coverage"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "1 klaim" in said and "--replace tidak menghapus klaim" in said
    assert "Traceback" not in result.output and "IntegrityError" not in result.output
    assert Person.objects.filter(synthetic=True).count() == 200

    # other regencies' synthetic data is still replaceable
    registry_synthesize(regency_code="62.09", persons=50, seed=1)
    registry_synthesize(regency_code="62.09", persons=60, seed=2, replace=True)
    assert Person.objects.filter(regency_code="62.09").count() == 60


def test_cli_gives_a_new_regency_denominators_targets_and_facts(regions):
    from cakupan.registry.cli import app

    lamandau = "62.09"
    args = ["registry", "--regency", lamandau, "--persons", "300", "--seed", "3"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    denominators = Denominator.objects.filter(regency_code=lamandau)
    assert denominators.exists() and not denominators.exclude(basis="synthetic").exists()
    regency_rows = denominators.filter(region_code=lamandau)
    assert set(regency_rows.values_list("year", flat=True)) == set(range(2019, 2027))
    assert regency_rows.get(year=2026).working_population == 300
    assert set(Target.objects.filter(region_code=lamandau).values_list("year", "rate")) == {
        (2025, 50),
        (2026, 60),
    }
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "Penyebut sintetis" in said and "bukan statistik resmi" in said
    assert "CAKUPAN_PUBLIC_REGENCIES" in said  # why the public page stays away

    # the regency's dashboard now has a rate: facts exist for the latest month
    assert FactMonth.objects.filter(regency_code=lamandau).exists()


def test_cli_no_coverage_leaves_the_dashboard_alone(regions):
    from cakupan.registry.cli import app

    args = ["registry", "--regency", "62.09", "--persons", "100", "--no-coverage"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert not Denominator.objects.filter(regency_code="62.09").exists()
    assert "Penyebut" not in result.output


def test_cli_leaves_official_denominators_alone(regions):
    from cakupan.coverage.basis.services import denominator_set
    from cakupan.registry.cli import app
    from tests.conftest import make_user

    bappeda = make_user("bappeda_lamandau", "administrator", "62.09")
    denominator_set(
        actor=bappeda, region_code="62.09", year=2026, working_population=40_000, source="BPS"
    )
    result = runner.invoke(app, ["registry", "--regency", "62.09", "--persons", "100"])
    assert result.exit_code == 0, result.output
    assert "sudah ada penyebut resmi" in " ".join(result.output.split())
    assert Denominator.objects.get(region_code="62.09", year=2026).working_population == 40_000
    assert not Denominator.objects.filter(basis="synthetic").exists()
