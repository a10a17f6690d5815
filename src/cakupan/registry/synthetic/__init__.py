"""Realistic synthetic registry data for any regency, for demos and benchmarks.

`registry_synthesize(regency_code="62.08")` fills the registry with the regency's workers:

* how many: population (Dukcapil Dec 2024, shipped in regions/data/population_area_prov_kab.csv)
  × 69 % aged 15–70 × TPAK 74.58 % × (1 − TPT 1.98 %) — for Sukamara 67,234 -> ≈ 33,900
  persons — or an explicit `persons`;
* persons: valid NIKs built from the regency's real kecamatan codes, agreeing with sex and
  birth date (ages 15–70; men weighted by TPAK 84.66 % against women's 56.42 %), 3 % with a
  NIK from a neighbouring regency; common Kalimantan names; domicile spread over the desa with
  random weights (kelurahan heavier); an occupation and KBLI sector mix heavy on plantations
  and farming; vulnerability flags (farmer, fisher, informal trader, religious teacher,
  village apparatus, transport worker, poor household, disability);
* employers with unique 8-digit NPPs, a sector and its JKK risk class;
* about three spells per person over 2019–2026 with lapses in between, never overlapping:
  PU with employers (wage around the UMK: Sukamara 2025 Rp3,716,340, Kepgub Kalteng
  188.44/578/2024), BPU paid by the worker, APBD or APBDes on a declared income of mostly
  Rp1,000,000 (some with JHT), a few Jakon and PMI; 45 % of persons covered on 31 Oct 2026;
* Pilkada 2024 officers (KPPS, Linmas, PPS, PPK; numbers from the regency's TPS, desa and
  kecamatan counts) with a JKK+JKM spell paid through one synthetic PKS, or by the election body.

Every row is `synthetic=True`; the same seed gives the same rows. Written set-based (COPY on
PostgreSQL, executemany on SQLite) in one transaction; ids are the database's own. Figures and
their sources: `synthetic/data.py`.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field

import numpy as np
import polars as pl
from django.db import transaction
from django.utils import timezone

from cakupan.accounts.scope import region_filter
from cakupan.errors import DomainError
from cakupan.registry.synthetic import data, writer
from cakupan.registry.synthetic.history import make_employers, make_spells
from cakupan.registry.synthetic.people import RegencyFrame, make_people

DEMO_REGENCY = "62.08"
DEMO_SEED = 6208
SOURCE = "synthetic"


@dataclass
class SynthResult:
    regency_code: str
    persons: int = 0
    flags: int = 0
    employers: int = 0
    spells: int = 0
    deleted: dict[str, int] = field(default_factory=dict)
    seconds_generate: float = 0.0
    seconds_write: float = 0.0
    skipped: bool = False

    @property
    def seconds(self) -> float:
        return self.seconds_generate + self.seconds_write

    def __str__(self) -> str:
        if self.skipped:
            return f"Registri sintetis {self.regency_code} sudah ada (tidak diubah)."

        def num(x: int) -> str:
            return f"{x:,}".replace(",", ".")

        return (
            f"{num(self.persons)} orang, {num(self.flags)} penanda, "
            f"{num(self.employers)} pemberi kerja, {num(self.spells)} masa kepesertaan "
            f"untuk {self.regency_code} dalam {self.seconds:.1f} detik "
            f"(buat {self.seconds_generate:.1f} + tulis {self.seconds_write:.1f})"
        )


def _population(code: str) -> tuple[int, float]:
    from cakupan.regions.services import DATA_DIR

    with open(DATA_DIR / "population_area_prov_kab.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["code"] == code and row["total_population"]:
                total = int(row["total_population"])
                return total, int(row["male"]) / total if row["male"] else 0.5
    raise DomainError(
        "synthetic_population_unknown",
        "Jumlah penduduk {code} tidak diketahui; sebutkan --persons.",
        "The population of {code} is unknown; give --persons.",
        code=code,
    )


def regency_frame(code: str) -> RegencyFrame:
    """The regency's kecamatan and desa (as loaded), population, neighbours and UMK."""
    from cakupan.regions.models import Level, Region

    regency = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if regency is None:
        raise DomainError(
            "synthetic_regency_unknown",
            "Kabupaten/kota {code} belum dimuat (cakupan regions load).",
            "Regency {code} is not loaded (cakupan regions load).",
            code=code,
        )
    districts = list(
        Region.objects.filter(parent_id=code, level=Level.DISTRICT).values_list("code", flat=True)
    )
    villages = list(
        Region.objects.filter(parent_id__in=districts, level=Level.VILLAGE)
        .order_by("code")
        .values_list("code", "parent_id", "is_kelurahan")
    )
    if not villages:
        raise DomainError(
            "synthetic_regency_empty",
            "Kabupaten/kota {code} tidak punya desa/kelurahan yang dimuat.",
            "Regency {code} has no desa/kelurahan loaded.",
            code=code,
        )
    neighbours = data.NEIGHBOURS.get(code)
    others = Region.objects.filter(level=Level.DISTRICT).exclude(parent_id=code)
    if neighbours:
        others = others.filter(parent_id__in=neighbours)
    else:
        others = others.filter(region_filter(code.split(".")[0], "code"))  # the province
    population, male_share = _population(code)
    umk, umk_source = data.UMK.get(code, data.UMK[data.DEFAULT_UMK_REGENCY])
    return RegencyFrame(
        code=code,
        name=regency.name,
        population=population,
        male_share=male_share,
        districts=districts,
        villages=[v[0] for v in villages],
        village_district=[districts.index(v[1]) for v in villages],
        kelurahan=[bool(v[2]) for v in villages],
        migrant_districts=sorted(others.values_list("code", flat=True)),
        umk=umk,
        umk_source=umk_source,
    )


def synthetic_count(regency_code: str) -> int:
    from cakupan.registry.models import Person

    return Person.objects.filter(regency_code=regency_code, synthetic=True).count()


def election_agreement(regency_code: str):
    """The synthetic PKS paying for the regency's Pilkada 2024 officers (made once)."""
    from cakupan.agreements.models import Agreement

    spec = data.ELECTION_AGREEMENT
    agreement, _created = Agreement.objects.get_or_create(
        regency_code=regency_code,
        number=spec["number"],
        defaults={**spec, "region_code": regency_code, "synthetic": True},
    )
    return agreement


def replace_blockers(regency_code: str) -> dict[str, int]:
    """Claims and certificates pointing at rows `--replace` would delete, by kind.

    Such rows are case files with heirs, documents, decisions and payments (and certificates
    handed to officers); `--replace` leaves them alone rather than deleting them silently."""
    from django.db.models import Q

    from cakupan.agreements.models import Certificate
    from cakupan.claims.models import Claim

    # The same rows writer.delete_synthetic() deletes: synthetic spells, spells of synthetic
    # persons, synthetic persons.
    spells = Q(spell__regency_code=regency_code, spell__synthetic=True) | Q(
        spell__person__regency_code=regency_code, spell__person__synthetic=True
    )
    persons = Q(person__regency_code=regency_code, person__synthetic=True)
    counts = {
        "claims": Claim.objects.filter(persons | spells).count(),
        "certificates": Certificate.objects.filter(spells).count(),
    }
    return {k: v for k, v in counts.items() if v}


def replace_blockers_check(regency_code: str) -> None:
    blockers = replace_blockers(regency_code)
    if blockers:
        raise DomainError(
            "synthetic_replace_referenced",
            "{claims} klaim dan {certificates} sertifikat merujuk orang sintetis di {code}; "
            "--replace tidak menghapus klaim atau sertifikat, jadi data sintetis tidak diganti. "
            "Pakai direktori data baru (--data-dir) atau kabupaten lain.",
            "{claims} claims and {certificates} certificates refer to synthetic persons in "
            "{code}; --replace does not delete claims or certificates, so the synthetic data "
            "was not replaced. Use a fresh data directory (--data-dir) or another regency.",
            code=regency_code,
            claims=blockers.get("claims", 0),
            certificates=blockers.get("certificates", 0),
        )


def registry_synthesize(
    *,
    regency_code: str,
    persons: int | None = None,
    seed: int = DEMO_SEED,
    replace: bool = False,
    spells_per_person: float = 3.0,
) -> SynthResult:
    """Generate and write a synthetic registry for the regency (see the module docstring)."""
    result = SynthResult(regency_code=regency_code)
    started = time.perf_counter()
    regency = regency_frame(regency_code)
    if replace:
        replace_blockers_check(regency_code)
    n = max(1, persons if persons is not None else regency.default_persons)
    rng = np.random.default_rng([seed, *(int(p) for p in regency_code.split("."))])
    people = make_people(rng, regency, n)
    pu_like = int(np.isin(people.pref, [0, 2]).sum())
    employers = make_employers(rng, regency, max(5, round(pu_like / data.WORKERS_PER_EMPLOYER)))
    spells = make_spells(rng, people, employers, regency, spells_per_person)
    result.seconds_generate = time.perf_counter() - started

    started = time.perf_counter()
    with transaction.atomic():
        if replace:
            result.deleted = writer.delete_synthetic(regency_code)
        elif synthetic_count(regency_code):
            raise DomainError(
                "synthetic_exists",
                "{code} sudah berisi data sintetis; pakai --replace untuk menggantinya.",
                "{code} already holds synthetic data; use --replace to replace it.",
                code=regency_code,
            )
        _write(rng, regency, people, employers, spells, result)
    result.seconds_write = time.perf_counter() - started
    return result


def _write(rng, regency, people, employers, spells, result: SynthResult) -> None:
    from cakupan.accounts.scope import SystemActor
    from cakupan.audit.services import audit_record

    now = writer.timestamp(timezone.now())
    code = regency.code
    frame = people.frame.with_row_index("i").with_columns(pl.col("i").cast(pl.Int64))
    taken = writer.existing_values("registry_person", "nik", frame["nik"].str.slice(0, 6).unique())
    if taken:  # a real (or other) person already has this NIK: leave the synthetic one out
        frame = frame.filter(~pl.col("nik").is_in(list(taken)))
    stamped = frame.sort("nik")  # in index order: the unique index grows at its end
    stamped = stamped.with_columns(synthetic=True, created_at=pl.lit(now), updated_at=pl.lit(now))
    result.persons = writer.bulk_insert("registry_person", stamped, writer.PERSON_COLUMNS)
    ids = frame.select("i", "nik").join(writer.ids_by_key("registry_person", "nik", code), on="nik")
    flags = people.flags.join(ids, on="i").rename({"id": "person_id"})
    flags = flags.with_columns(regency_code=pl.lit(code))
    result.flags = writer.bulk_insert("registry_personflag", flags, writer.FLAG_COLUMNS)

    taken = writer.existing_values("registry_employer", "npp", employers["npp"].str.slice(0, 4))
    employers = employers.with_row_index("e").with_columns(pl.col("e").cast(pl.Int64))
    employers = employers.filter(~pl.col("npp").is_in(list(taken)))
    stamped = employers.with_columns(synthetic=True, created_at=pl.lit(now))
    result.employers = writer.bulk_insert("registry_employer", stamped, writer.EMPLOYER_COLUMNS)
    employer_ids = employers.select("e", "npp").join(
        writer.ids_by_key("registry_employer", "npp", code), on="npp"
    )

    agreement_id = election_agreement(code).pk
    first_year = spells.group_by("i").agg(pl.col("start_date").min().dt.year().alias("y"))
    kpj = first_year.with_columns(
        kpj=(pl.col("y") % 100).cast(pl.String).str.zfill(2)
        + pl.Series(rng.integers(100_000_000, 1_000_000_000, first_year.height)).cast(pl.String)
    ).select("i", "kpj")
    rows = (
        spells.join(ids.rename({"id": "person_id"}), on="i")
        .join(kpj, on="i")
        .join(frame.select("i", "region_code"), on="i")
        .join(employer_ids.rename({"id": "employer_id"}), on="e", how="left")
        # an employer left out (its NPP was taken) takes its spells with it
        .filter((pl.col("e") < 0) | pl.col("employer_id").is_not_null())
        .with_columns(
            agreement_id=pl.when(pl.col("agreement")).then(pl.lit(agreement_id)),
            regency_code=pl.lit(code),
            jkk=True,
            jkm=True,
            source=pl.lit(SOURCE),
            synthetic=True,
            created_at=pl.lit(now),
        )
        .sort("person_id", "start_date")
    )
    result.spells = writer.bulk_insert("registry_spell", rows, writer.SPELL_COLUMNS)
    audit_record(
        actor=SystemActor(job="synthetic registry", region_codes=(code,)),
        action="registry.synthetic_fill",
        object_type="regency",
        object_id=code,
        region_code=code,
        after={
            "persons": result.persons,
            "employers": result.employers,
            "spells": result.spells,
            "deleted": result.deleted,
        },
        reason="Synthetic registry (demo / benchmark data)",
    )


def demo_registry_fill() -> SynthResult:
    """Sukamara's synthetic registry for `cakupan demo`: written once, left alone after."""
    if synthetic_count(DEMO_REGENCY):
        return SynthResult(regency_code=DEMO_REGENCY, skipped=True)
    return registry_synthesize(regency_code=DEMO_REGENCY, seed=DEMO_SEED)
