"""Who receives a deceased participant's benefits (ahli waris), in legal order.

Groups are tried in the order of `heirs.order` (Permenaker 5/2021 as amended by 1/2025) and
the first group with a living, admissible member takes the benefit. With nobody: JHT goes to
the Balai Harta Peninggalan, the JKM/JKK funeral allowance to whoever arranged the funeral.
JP survivors follow their own order (spouse, children, parents). Scholarships go to the
children themselves, whoever receives the lump sum.

How money is split inside a group is not in any regulation found [U]: the result names the
group, and the claims app records one recipient account plus the list.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cakupan.rules.errors import HeirsError, InvalidInputError
from cakupan.rules.params import param
from cakupan.rules.wording import Words

RELATIONS = (
    "spouse",
    "widow",
    "widower",
    "child",
    "parent",
    "grandchild",
    "grandparent",
    "sibling",
    "parent_in_law",
    "will_beneficiary",
)
PROGRAMS = ("JKM", "JKK", "JHT", "JP")
MARITAL = ("single", "married", "divorced", "widowed", "remarried")
DESCENDANTS = {"child", "grandchild"}
ANCESTORS = {"parent", "grandparent", "parent_in_law"}
# A child may be born after the father's death (up to a normal pregnancy's length).
POSTHUMOUS_DAYS = 300
MAX_SPOUSES = {"L": 4, "P": 1}
SPOUSE_EXCLUDED = {
    "divorced": Words("sudah bercerai dari peserta", "divorced from the participant"),
    "remarried": Words("sudah menikah lagi", "remarried"),
}


@dataclass(frozen=True)
class Deceased:
    sex: str  # 'L' or 'P', as on the NIK
    death_date: dt.date
    birth_date: dt.date | None = None
    nik: str | None = None


@dataclass(frozen=True)
class Relative:
    relation: str
    alive: bool = True
    nik: str | None = None
    name: str | None = None
    birth_date: dt.date | None = None
    marital_status: str | None = None
    working: bool = False
    notarial_deed: bool = False  # only for will_beneficiary

    @property
    def kind(self) -> str:
        return "spouse" if self.relation in ("spouse", "widow", "widower") else self.relation

    def who(self) -> str:
        return self.name or self.nik or self.relation


@dataclass(frozen=True)
class HeirsResult:
    program: str
    recipient: str  # 'heirs', 'bhp' (JHT), 'funeral_arranger' (JKM/JKK), 'none' (JP)
    group: tuple[Relative, ...]
    group_rank: int | None  # 1 = spouse and children
    reference: str
    scholarship_children: tuple[Relative, ...]
    excluded: tuple[tuple[Relative, str], ...] = ()


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _check(deceased: Deceased, relatives: Sequence[Relative]) -> None:
    if deceased.sex not in MAX_SPOUSES:
        raise InvalidInputError("input.choice", field="sex", choices="L, P", value=deceased.sex)
    death = deceased.death_date
    if deceased.birth_date and death < deceased.birth_date:
        raise HeirsError(
            "heirs.death_before_birth",
            death=death.isoformat(),
            birth=deceased.birth_date.isoformat(),
        )
    niks = Counter(r.nik for r in relatives if r.nik)
    if deceased.nik:
        niks[deceased.nik] += 1
    for nik, count in niks.items():
        if count > 1:
            raise HeirsError("heirs.duplicate_nik", nik=nik)
    for r in relatives:
        if r.relation not in RELATIONS:
            raise HeirsError(
                "heirs.relation_unknown", relation=r.relation, choices=", ".join(RELATIONS)
            )
        if r.marital_status is not None and r.marital_status not in MARITAL:
            raise InvalidInputError(
                "input.choice",
                field="marital_status",
                choices=", ".join(MARITAL),
                value=r.marital_status,
            )
        if (r.relation == "widow" and deceased.sex != "L") or (
            r.relation == "widower" and deceased.sex != "P"
        ):
            raise HeirsError("heirs.spouse_relation", relation=r.relation)
        _check_dates(deceased, r)
    living = sum(1 for r in relatives if r.kind == "spouse" and r.alive)
    if living > MAX_SPOUSES[deceased.sex]:
        sex_id, sex_en = ("perempuan", "female") if deceased.sex == "P" else ("laki-laki", "male")
        raise HeirsError("heirs.too_many_spouses", count=living, sex_id=sex_id, sex_en=sex_en)


def _check_dates(deceased: Deceased, r: Relative) -> None:
    if r.birth_date is None:
        return
    born, own = r.birth_date, deceased.birth_date
    latest = deceased.death_date + dt.timedelta(days=POSTHUMOUS_DAYS if r.kind == "child" else 0)
    if born > latest:
        raise HeirsError(
            "heirs.born_after_death",
            who=r.who(),
            relation=r.relation,
            birth=born.isoformat(),
            death=deceased.death_date.isoformat(),
        )
    if own is None:
        return
    if r.kind in DESCENDANTS and born <= own:
        raise HeirsError(
            "heirs.child_older_than_parent",
            who=r.who(),
            birth=born.isoformat(),
            parent_birth=own.isoformat(),
        )
    if r.kind in ANCESTORS and born >= own:
        raise HeirsError(
            "heirs.parent_younger_than_child",
            who=r.who(),
            relation=r.relation,
            birth=born.isoformat(),
            child_birth=own.isoformat(),
        )


def _child_in_school_age(r: Relative, on: dt.date, max_age: int) -> Words | None:
    """Why a child cannot receive a scholarship or JP survivor pension, or None."""
    if r.birth_date is None:
        return Words("tanggal lahir tidak diketahui", "birth date unknown")
    if _age(r.birth_date, on) >= max_age:
        return Words(f"berusia {max_age} tahun atau lebih", f"aged {max_age} or more")
    if r.marital_status in ("married", "divorced", "widowed", "remarried"):
        return Words("sudah menikah", "married")
    if r.working:
        return Words("sudah bekerja", "working")
    return None


def heirs_entitled(
    *, deceased: Deceased, relatives: Sequence[Relative], program: str
) -> HeirsResult:
    """The group entitled to `program`'s death benefit, in legal order, with the reference."""
    program = str(program).upper()
    if program not in PROGRAMS:
        raise HeirsError("heirs.program_unknown", program=program, choices=", ".join(PROGRAMS))
    _check(deceased, relatives)
    on = deceased.death_date
    max_age = param("scholarship.max_age").at(on).value
    needs_deed = param("heirs.will_requires_notarial_deed").at(on).value
    order = param("heirs.jp_order" if program == "JP" else "heirs.order").at(on)
    excluded: list[tuple[Relative, str]] = []
    admissible: list[Relative] = []
    for r in relatives:
        reason: Words | None = None
        if not r.alive:
            reason = Words("sudah meninggal", "not alive")
        elif r.kind == "will_beneficiary" and needs_deed and not r.notarial_deed:
            reason = Words(
                "wasiat tanpa akta notaris (Permenaker 1/2025)",
                "will without notarial deed (Permenaker 1/2025)",
            )
        elif r.kind == "spouse" and r.marital_status in ("divorced", "remarried"):
            reason = SPOUSE_EXCLUDED[r.marital_status]
        elif program == "JP" and r.kind == "child":
            reason = _child_in_school_age(r, on, max_age)
        if reason:
            excluded.append((r, reason))
        else:
            admissible.append(r)
    group: tuple[Relative, ...] = ()
    rank = None
    for index, kinds in enumerate(order.value, start=1):
        members = tuple(r for r in admissible if r.kind in kinds)
        if members:
            group, rank = members, index
            break
    if group:
        recipient = "heirs"
    else:
        recipient = {"JHT": "bhp", "JP": "none"}.get(program, "funeral_arranger")
    eligible = []
    for r in relatives:
        if r.kind == "child" and r.alive and _child_in_school_age(r, on, max_age) is None:
            eligible.append(r)
    eligible.sort(key=lambda r: r.birth_date)
    return HeirsResult(
        program=program,
        recipient=recipient,
        group=group,
        group_rank=rank,
        reference=str(order.reference),
        scholarship_children=tuple(eligible),
        excluded=tuple(excluded),
    )
