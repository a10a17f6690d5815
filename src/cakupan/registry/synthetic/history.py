"""Employers and coverage histories: several spells per person over 2019–2026 with lapses.

Each person's spells are laid end to end with gaps in between, so they never overlap for any
program (every segment carries JKK and JKM). A Pilkada 2024 officer's duty spell is cut out of
whatever spell it falls into: the spell before ends the day before, the one after starts the
day after, as when the election body takes over paying for that month.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from cakupan.registry.synthetic import data
from cakupan.registry.synthetic.people import People, RegencyFrame, day_number

KMAX = 8
PU, BPU, JAKON, PMI = range(4)
OPEN = -1  # end day of an open-ended spell


def make_employers(rng, regency: RegencyFrame, n: int) -> pl.DataFrame:
    """Employers with unique 8-digit NPPs, a KBLI sector, the sector's JKK risk class and a
    Zipf weight `w` (a few large plantations, many small shops)."""
    sectors = list(data.EMPLOYER_SECTORS)
    shares = [data.EMPLOYER_SECTORS[s][0] for s in sectors]
    sector = np.array(sectors, dtype=object)[
        rng.choice(len(sectors), n, p=np.divide(shares, sum(shares)))
    ]
    words = np.array(data.EMPLOYER_WORDS, dtype=object)
    names, risk = [], []
    picks = rng.integers(0, 1 << 30, (n, 3))
    for s, (a, b, c) in zip(sector, picks, strict=True):
        _share, risk_class, forms, own = data.EMPLOYER_SECTORS[s]
        second = words[c % len(words)]
        names.append(f"{forms[a % len(forms)]} {own[b % len(own)]} {words[b % len(words)]}")
        names[-1] += f" {second}" if second not in names[-1] else ""
        risk.append(risk_class)
    npp = np.unique(rng.integers(10_000_000, 100_000_000, int(n * 1.1) + 10))
    npp = rng.permutation(npp)[:n]
    return pl.DataFrame(
        {
            "npp": npp.astype(str),
            "name": names,
            "sector": sector.astype(str),
            "risk_class": risk,
            "regency_code": regency.code,
            "region_code": np.array(regency.villages)[rng.integers(0, len(regency.villages), n)],
            "w": 1.0 / np.arange(1, n + 1) ** 1.1,
        }
    )


def _pick_employers(rng, employers: pl.DataFrame, want_sector: np.ndarray) -> np.ndarray:
    """An employer index per spell, Zipf-weighted, of the wanted sector when there is one."""
    out = np.empty(len(want_sector), dtype=np.int64)
    sector = employers["sector"].to_numpy()
    weight = employers["w"].to_numpy()
    everyone = np.arange(len(sector))
    for s in np.unique(want_sector):
        rows = np.nonzero(want_sector == s)[0]
        pool = everyone[sector == s]
        if len(pool) == 0:
            pool = everyone
        cum = np.cumsum(weight[pool])
        out[rows] = pool[np.searchsorted(cum, rng.random(len(rows)) * cum[-1])]
    return out


def _timelines(rng, people: People, mean_spells: float):
    """Per person up to KMAX spells (start, end, segment), laid end to end in its window."""
    n = len(people.birth)
    start_day, as_of = day_number(data.HISTORY_START), day_number(data.AS_OF)
    window_start = np.maximum(start_day, people.birth + int(15 * 365.2425))
    window = as_of - window_start + 1
    covered = rng.random(n) < data.COVERED_SHARE
    trailing = np.where(covered, 0, rng.integers(30, 900, n))
    trailing = np.minimum(trailing, window // 2)
    avail = window - trailing
    k = np.clip(1 + rng.poisson(mean_spells - 1, n), 1, KMAX)
    k = np.minimum(k, np.maximum(1, avail // 60))
    j = np.arange(KMAX)
    used = j[None, :] < k[:, None]
    mix = np.cumsum(np.array([data.SEGMENT_MIX[s] for s in data.SEGMENTS]), axis=1)
    segment = (rng.random((n, KMAX))[:, :, None] > mix[people.pref][:, None, :]).sum(axis=2)
    segment = np.minimum(segment, PMI)
    low = np.array([data.SPELL_DAYS[s][0] for s in data.SEGMENTS])[segment]
    high = np.array([data.SPELL_DAYS[s][1] for s in data.SEGMENTS])[segment]
    length = low + rng.random((n, KMAX)) * (high - low)
    gap = rng.uniform(*data.GAP_DAYS, (n, KMAX))
    # Many histories began before 2019: no lead-in gap for 40 %, otherwise up to a third.
    lead = np.where(rng.random(n) < 0.4, 0.0, rng.random(n) * avail / 3)
    gap[:, 0] = lead
    total = np.where(used, length + gap, 0).sum(axis=1)
    scale = np.minimum(1.0, avail / total)[:, None]
    length = np.maximum(1, np.floor(length * scale)).astype(np.int64)
    gap = np.floor(gap * scale).astype(np.int64)
    gap[:, 1:] = np.maximum(1, gap[:, 1:])
    step = np.where(used, gap + length, 0)
    start = window_start[:, None] + np.cumsum(step, axis=1) - length
    end = np.minimum(start + length - 1, as_of)
    last = j[None, :] == (k - 1)[:, None]
    end = np.where(last & covered[:, None], OPEN, end)
    keep = used & (start <= as_of)
    person, slot = np.nonzero(keep)
    return person, start[keep], end[keep], segment[person, slot], np.arange(len(person))


def _cut_election(people: People, person, start, end, segment, uid):
    """Cut each officer's duty window out of their spells; return the pieces and the duty."""
    windows = list(data.ELECTION_ROLES.values())
    e0 = np.array([day_number(w[2]) for w in windows])
    e1 = np.array([day_number(w[3]) for w in windows])
    role = people.role[person]
    officer = role >= 0
    w0, w1 = e0[np.maximum(role, 0)], e1[np.maximum(role, 0)]
    hit = officer & (start <= w1) & ((end == OPEN) | (end >= w0))
    left = hit & (start < w0)
    right = hit & ((end == OPEN) | (end > w1))
    parts = [(~hit, start, end), (left, start, w0 - 1), (right, w1 + 1, end)]
    person = np.concatenate([person[m] for m, _s, _e in parts])
    new_start = np.concatenate([s[m] for m, s, _e in parts])
    new_end = np.concatenate([e[m] for m, _s, e in parts])
    segment = np.concatenate([segment[m] for m, _s, _e in parts])
    uid = np.concatenate([uid[m] for m, _s, _e in parts])
    officers = np.nonzero(people.role >= 0)[0]
    duty = (officers, e0[people.role[officers]], e1[people.role[officers]])
    return person, new_start, new_end, segment, uid, duty


def make_spells(
    rng, people: People, employers: pl.DataFrame, regency: RegencyFrame, mean_spells: float
) -> pl.DataFrame:
    """Spells with person index `i` (the caller maps it to the inserted person's id) and
    employer index `e` (-1 for none), `agreement` True where the election PKS pays."""
    person, start, end, segment, uid = _timelines(rng, people, mean_spells)
    m0 = len(uid)  # draws are per original spell, so both pieces of a cut spell agree
    pieces = _cut_election(people, person, start, end, segment, uid)
    person, start, end, segment, uid, duty = pieces
    m = len(person)
    flags = people.flags
    village = np.zeros(len(people.birth), dtype=bool)
    village[flags.filter(pl.col("flag") == "village_apparatus")["i"].to_numpy()] = True
    poor = np.zeros(len(people.birth), dtype=bool)
    poor[flags.filter(pl.col("flag") == "poor_household")["i"].to_numpy()] = True

    payer = np.empty(m, dtype=object)
    bpu_payers = np.array([p for p, _w in data.BPU_PAYERS], dtype=object)
    drawn = bpu_payers[rng.choice(len(bpu_payers), m0, p=[w for _p, w in data.BPU_PAYERS])][uid]
    drawn = np.where(poor[person], "apbd", drawn)
    drawn = np.where(village[person], "apbdes", drawn)
    payer[:] = np.where(segment == BPU, drawn, "employer")
    payer[segment == PMI] = "self"

    with_employer = (segment == PU) | (segment == JAKON)
    employer = np.full(m, -1, dtype=np.int64)
    if len(employers):
        # Per original spell (pieces share person and segment). A spell lying wholly inside
        # an officer's duty window has no piece left: it keeps no employer and is never read.
        spell_owner = np.zeros(m0, dtype=np.int64)
        spell_owner[uid] = person
        spell_segment = np.full(m0, -1, dtype=np.int64)
        spell_segment[uid] = segment
        want = np.where(spell_segment == JAKON, "F", people.sector[spell_owner]).astype(object)
        per_spell = np.zeros(m0, dtype=np.int64)
        own = np.nonzero((spell_segment == PU) | (spell_segment == JAKON))[0]
        per_spell[own] = _pick_employers(rng, employers, want[own])
        # Most PU workers go back to the same employer after a lapse.
        usual = _pick_employers(rng, employers, people.sector)
        back = (spell_segment == PU) & (rng.random(m0) < 0.6)
        per_spell[back] = usual[spell_owner[back]]
        employer[with_employer] = per_spell[uid[with_employer]]
    else:
        payer[with_employer] = "self"

    u = rng.random((3, m0))[:, uid]
    jht = (segment == PU) | ((segment == BPU) & (payer == "self") & (u[0] < data.BPU_JHT_SHARE))
    jht |= (segment == PMI) & (u[0] < 0.5)
    jp = (segment == PU) & (u[1] < data.PU_JP_SHARE)
    jkp = jp & (u[2] < data.PU_JKP_SHARE)
    umk_wage = np.round(regency.umk * np.exp(np.abs(rng.normal(0, 0.12, m0))), -3)[uid]
    bpu_income = np.where(
        rng.random(m0) < 0.7,
        data.BPU_INCOME_TYPICAL,
        np.array(data.BPU_INCOME_OTHER)[rng.integers(0, len(data.BPU_INCOME_OTHER), m0)],
    )[uid]
    wage = np.where(segment == BPU, bpu_income, umk_wage)
    roles = list(data.ELECTION_ROLES)
    officers, d0, d1 = duty
    by_body = rng.random(len(officers)) < data.ELECTION_BODY_SHARE
    regular = pl.DataFrame(
        {
            "i": person,
            "start": start,
            "end": end,
            "segment": np.array(data.SEGMENTS)[segment],
            "payer": payer.astype(str),
            "e": employer,
            "agreement": np.zeros(m, dtype=bool),
            "wage": np.where(segment == PMI, -1, wage).astype(np.int64),
            "jht": jht,
            "jp": jp,
            "jkp": jkp,
            "role": "",
        }
    )
    election = pl.DataFrame(
        {
            "i": officers,
            "start": d0,
            "end": d1,
            "segment": "BPU",
            "payer": np.where(by_body, "election_body", "apbd"),
            "e": np.full(len(officers), -1, dtype=np.int64),
            "agreement": ~by_body,
            "wage": np.full(len(officers), data.BPU_INCOME_TYPICAL, dtype=np.int64),
            "jht": False,
            "jp": False,
            "jkp": False,
            "role": np.array(roles)[people.role[officers]],
        }
    )
    both = pl.concat([regular, election], how="vertical_relaxed").sort("i", "start")
    epoch = pl.lit(0).cast(pl.Date)
    return both.with_columns(
        start_date=epoch + pl.duration(days=pl.col("start")),
        end_date=pl.when(pl.col("end") == OPEN)
        .then(None)
        .otherwise(epoch + pl.duration(days=pl.col("end"))),
        wage=pl.when(pl.col("wage") < 0).then(None).otherwise(pl.col("wage")),
    ).drop("start", "end")
