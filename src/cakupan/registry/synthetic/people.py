"""Synthetic persons of one regency: NIK, name, sex, birth date, domicile, occupation, flags.

Column-wise (NumPy and Polars): one million persons take seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from cakupan.registry.names import name_key
from cakupan.registry.synthetic import data

EPOCH = dt.date(1970, 1, 1)
YEAR = 365.2425


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


@dataclass
class RegencyFrame:
    """What the generator needs to know about the regency (read once from the database)."""

    code: str
    name: str
    population: int
    male_share: float
    districts: list[str]
    villages: list[str]  # desa/kelurahan codes
    village_district: list[int]  # index into districts
    kelurahan: list[bool]
    migrant_districts: list[str] = field(default_factory=list)
    umk: int = 0
    umk_source: str = ""

    @property
    def default_persons(self) -> int:
        share = (
            data.WORKING_AGE_SHARE * data.LABOUR_FORCE_PARTICIPATION * (1 - data.OPEN_UNEMPLOYMENT)
        )
        return round(self.population * share)

    def election_officers(self) -> dict[str, int]:
        """Officers per role the regency's Pilkada 2024 needed (TPS from the population)."""
        tps = int(np.ceil(self.population * data.VOTER_SHARE / data.VOTERS_PER_TPS))
        units = {"tps": tps, "village": len(self.villages), "district": len(self.districts)}
        return {role: m * units[per] for role, (m, per, _s, _e) in data.ELECTION_ROLES.items()}


@dataclass
class People:
    frame: pl.DataFrame  # the registry_person columns (and nothing else)
    birth: np.ndarray  # day numbers
    pref: np.ndarray  # index into data.SEGMENTS
    sector: np.ndarray  # KBLI letters
    flags: pl.DataFrame  # person index `i`, `flag`
    role: np.ndarray  # index into ELECTION_ROLES, -1 for none


def _pick(rng, weights, size) -> np.ndarray:
    weights = np.asarray(weights, dtype=float)
    return rng.choice(len(weights), size=size, p=weights / weights.sum())


def _names(rng, female: np.ndarray) -> tuple[pl.Series, pl.Series]:
    n = len(female)

    def draw(male_list, female_list) -> np.ndarray:
        male, fem = np.array(male_list, dtype=object), np.array(female_list, dtype=object)
        return np.where(
            female, fem[rng.integers(0, len(fem), n)], male[rng.integers(0, len(male), n)]
        )

    given = draw(data.MALE_NAMES, data.FEMALE_NAMES)
    middle = draw(data.MALE_NAMES, data.FEMALE_NAMES)
    surname = draw(data.MALE_SURNAMES, data.FEMALE_SURNAMES)
    u = rng.random(n)
    parts = pl.DataFrame(
        {
            "g": given.astype(str),
            "m": middle.astype(str),
            "s": surname.astype(str),
            "three": u < data.THREE_NAMES_SHARE,
            "one": u > 1 - data.ONE_NAME_SHARE,
        }
    )
    name = parts.select(
        pl.when(pl.col("one"))
        .then(pl.col("g"))
        .when(pl.col("three") & (pl.col("g") != pl.col("m")))
        .then(pl.concat_str("g", "m", "s", separator=" "))
        .otherwise(pl.concat_str("g", "s", separator=" "))
    ).to_series()
    # The words carry no titles or accents, so upper case is exactly what name_key() gives.
    vocab = {*data.MALE_NAMES, *data.FEMALE_NAMES, *data.MALE_SURNAMES, *data.FEMALE_SURNAMES}
    assert all(name_key(w) == w.upper() for w in vocab), "a name word is a title"
    return name.alias("name"), name.str.to_uppercase().alias("name_key")


def _serials(rng: np.random.Generator, keys: pl.Series, migrant: np.ndarray) -> np.ndarray:
    """A serial per row, unique among rows with the same key (kecamatan + birth date + sex).

    Each key walks its range from a random start with a random stride coprime to the range
    size, so serials are spread (not all 0001 or 7001) and never repeat inside a key. Draws
    come from `rng`, so the same seed gives the same NIKs.
    """
    n = len(keys)
    first = np.where(migrant, data.MIGRANT_SERIALS[0], data.NATIVE_SERIALS[0])
    span = np.where(migrant, data.MIGRANT_SERIALS[1], data.NATIVE_SERIALS[1])
    strides = np.array(data.SERIAL_STRIDES)
    frame = pl.DataFrame(
        {
            "k": keys,
            "m": migrant,
            "offset": rng.integers(0, 1 << 30, n),
            "stride": strides[rng.integers(0, len(strides), n)],
        }
    ).select(
        pl.int_range(pl.len()).over("k", "m").alias("rank"),
        pl.col("offset").first().over("k", "m"),
        pl.col("stride").first().over("k", "m"),
    )
    rank = frame["rank"].to_numpy()
    if len(rank) and (rank >= span).any():
        raise ValueError("more synthetic persons share a birth date than NIK serials exist")
    offset = frame["offset"].to_numpy()
    stride = frame["stride"].to_numpy()
    return first + (offset + rank * stride) % span


def make_people(rng: np.random.Generator, regency: RegencyFrame, n: int) -> People:
    as_of = day_number(data.AS_OF)
    male_w = regency.male_share * data.TPAK_MALE
    female_w = (1 - regency.male_share) * data.TPAK_FEMALE
    female = rng.random(n) < female_w / (male_w + female_w)
    band = np.array(data.AGE_BANDS)[_pick(rng, data.AGE_WEIGHTS, n)]
    age = band + rng.random(n) * 5
    age = np.maximum(age, 15.5)
    birth = as_of - np.floor(age * YEAR).astype(np.int64)

    # Domicile: random desa weights, towns heavier.
    weights = rng.dirichlet(np.full(len(regency.villages), 2.0))
    weights *= np.where(regency.kelurahan, data.KELURAHAN_WEIGHT, 1.0)
    village = _pick(rng, weights, n)
    districts = np.array(regency.districts, dtype=object)
    home = np.array(regency.village_district)[village]
    # NIK kecamatan: mostly where they live, some moved within the regency, a few from next door.
    u = rng.random(n)
    nik_district = np.where(u < 0.9, home, rng.integers(0, len(districts), n))
    kec = districts[nik_district]
    migrant = np.zeros(n, dtype=bool)
    if regency.migrant_districts:
        migrant = u > 1 - data.MIGRANT_SHARE
        others = np.array(regency.migrant_districts, dtype=object)
        kec = np.where(migrant, others[rng.integers(0, len(others), n)], kec)
    kec6 = pl.Series(kec.astype(str)).str.replace_all(".", "", literal=True)
    born = pl.Series("birth_date", birth.astype("datetime64[D]")).cast(pl.Date)
    day = born.dt.day() + pl.Series(female.astype(np.int8) * 40)
    prefix = kec6 + day.cast(pl.String).str.zfill(2) + born.dt.strftime("%m%y")
    serial = _serials(rng, prefix, migrant)
    nik = prefix + pl.Series(serial).cast(pl.String).str.zfill(4)

    occ = _pick(rng, [o[4] for o in data.OCCUPATIONS], n)
    occupations = np.array([o[0] for o in data.OCCUPATIONS], dtype=object)
    sectors = np.array([o[1] for o in data.OCCUPATIONS], dtype=object)
    pref_of = np.array([data.SEGMENTS.index(o[3]) for o in data.OCCUPATIONS])
    prefixes = np.array(["0812", "0813", "0821", "0852", "0853", "0857", "0878", "0895"])
    phone = pl.Series(prefixes[rng.integers(0, len(prefixes), n)]) + pl.Series(
        rng.integers(10_000_000, 100_000_000, n)
    ).cast(pl.String)
    phone = pl.select(
        pl.when(pl.Series(rng.random(n) < data.PHONE_SHARE)).then(phone).otherwise(pl.lit(""))
    ).to_series()
    name, key = _names(rng, female)
    frame = pl.DataFrame(
        {
            "nik": nik,
            "name": name,
            "name_key": key,
            "sex": np.where(female, "P", "L"),
            "birth_date": born,
            "regency_code": regency.code,
            "region_code": np.array(regency.villages, dtype=object)[village].astype(str),
            "phone": phone,
            "occupation": occupations[occ].astype(str),
            "sector": sectors[occ].astype(str),
            "nik_exception_reason": "",
        }
    )
    return People(
        frame=frame,
        birth=birth,
        pref=pref_of[occ],
        sector=sectors[occ],
        flags=_flags(rng, occ, n),
        role=_officers(rng, regency, birth, n),
    )


def _flags(rng, occ: np.ndarray, n: int) -> pl.DataFrame:
    occ_flag = np.array([o[2] for o in data.OCCUPATIONS], dtype=object)[occ]
    parts = [pl.DataFrame({"i": np.nonzero(occ_flag != "")[0], "flag": occ_flag[occ_flag != ""]})]
    for flag, share in (
        ("poor_household", data.POOR_HOUSEHOLD_SHARE),
        ("disability", data.DISABILITY_SHARE),
    ):
        idx = np.nonzero(rng.random(n) < share)[0]
        parts.append(pl.DataFrame({"i": idx, "flag": np.full(len(idx), flag, dtype=object)}))
    return pl.concat([p.with_columns(pl.col("flag").cast(pl.String)) for p in parts])


def _officers(rng, regency: RegencyFrame, birth: np.ndarray, n: int) -> np.ndarray:
    """Pilkada 2024 officers among persons of age, scaled to the registry's size."""
    role = np.full(n, -1, dtype=np.int64)
    election = day_number(dt.date(2024, 11, 27))
    low, high = data.ELECTION_AGE
    age = (election - birth) / YEAR
    eligible = np.nonzero((age >= low) & (age < high))[0]
    scale = min(1.0, n / max(1, regency.default_persons))
    wanted = [round(k * scale) for k in regency.election_officers().values()]
    total = min(sum(wanted), len(eligible))
    chosen = rng.choice(eligible, size=total, replace=False)
    role[chosen] = np.repeat(np.arange(len(wanted)), wanted)[:total]
    return role
