"""Beasiswa for the children of a participant who died (JKM, JKK) or became totally disabled.

Until PP 82/2019 (in force 2 Dec 2019): one lump sum of Rp12 jt for one child, and for JKM only
after 5 years of membership. Since then: a yearly amount per child at the level the child
attends, for at most 2 children, and for JKM only after 3 years masa iur; JKK has no minimum.

A child is given as a level code, optionally with the years still to go at that level:
"SMA" (all 3 years ahead) or "SMA:1" (final year). The result is the most the child can
receive from the current level through university; BPJS pays it year by year on proof of
schooling, and it stops at 23, marriage or work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from cakupan.rules.calculation import Builder, Calculation
from cakupan.rules.errors import InvalidInputError
from cakupan.rules.formats import rupiah
from cakupan.rules.money import Rounding, require_count
from cakupan.rules.wording import Words, both

LEVELS = ("BELUM_SEKOLAH", "TK_SD", "SMP", "SMA", "PT")
# What people call each level: code -> (id, en). Codes stay the input/JSON vocabulary.
LEVEL_LABELS = {
    "BELUM_SEKOLAH": ("Belum sekolah", "Not yet in school"),
    "TK_SD": ("TK/SD", "Kindergarten/primary school (TK/SD)"),
    "SMP": ("SMP", "Junior secondary school (SMP)"),
    "SMA": ("SMA/SMK", "Senior secondary school (SMA/SMK)"),
    "PT": ("Perguruan tinggi", "University or college"),
}
ALIASES = {
    "BELUM": "BELUM_SEKOLAH",
    "PAUD": "BELUM_SEKOLAH",
    "BALITA": "BELUM_SEKOLAH",
    "TK": "TK_SD",
    "SD": "TK_SD",
    "MI": "TK_SD",
    "TK/SD": "TK_SD",
    "MTS": "SMP",
    "SLTP": "SMP",
    "SMK": "SMA",
    "MA": "SMA",
    "SLTA": "SMA",
    "KULIAH": "PT",
    "S1": "PT",
    "D3": "PT",
    "PERGURUAN_TINGGI": "PT",
    "PELATIHAN": "PT",
}
PROGRAMS = ("JKM", "JKK")
# The component a scholarship adds: paid per school year, not with the claim.
SCHOLARSHIP = "scholarship"
SCHOLARSHIPS_NOTE = Words(
    "Beasiswa tidak dibayar sekarang: beasiswa dibayar per tahun ajaran selama anak masih "
    "bersekolah, paling banyak sebesar jumlah yang tertera, dan berhenti bila anak tidak lagi "
    "memenuhi syarat (batas usia, menikah atau bekerja).",
    "Scholarships are not paid now: they are paid per school year while the child is in "
    "school, up to the amount shown, and stop when the child no longer qualifies (age limit, "
    "marriage or work).",
)


def level_label(code: str, lang: str = "id") -> str:
    pair = LEVEL_LABELS.get(code, (code, code))
    return pair[1] if (lang or "id")[:2] == "en" else pair[0]


def parse_child(spec: str) -> tuple[str, int | None]:
    """'SMA' -> ('SMA', None); 'sd:2' -> ('TK_SD', 2). Raises on an unknown level."""
    text = str(spec).strip().upper().replace("-", "_").replace(" ", "_")
    level, _, years = text.partition(":")
    level = ALIASES.get(level, level)
    if level not in LEVELS:
        raise InvalidInputError("benefit.level_unknown", value=spec, choices=", ".join(LEVELS))
    if not years:
        return level, None
    if not years.isdigit():
        raise InvalidInputError("input.not_integer", field="years", value=years)
    return level, int(years)


def add_scholarship(
    b: Builder,
    *,
    date: dt.date,
    program: str,
    membership_months: int,
    children: Sequence[str],
) -> None:
    """Add scholarship components for `children` to `b` (nothing if none or not eligible)."""
    if program not in PROGRAMS:
        raise InvalidInputError(
            "input.choice", field="program", choices=", ".join(PROGRAMS), value=program
        )
    parsed = [parse_child(c) for c in children]
    if not parsed:
        return
    if program == "JKM":
        minimum = b.use("jkm.scholarship_min_membership", date)
        if membership_months < minimum.value:
            b.notes.append(
                Words(
                    f"Beasiswa JKM tidak diberikan: masa iur {membership_months} bulan, "
                    f"kurang dari {minimum.value} bulan yang disyaratkan.",
                    f"No JKM scholarship: {membership_months} months of contributions, "
                    f"fewer than the {minimum.value} months required.",
                )
            )
            return
    limit = b.use("scholarship.max_children", date).value
    if len(parsed) > limit:
        b.notes.append(
            Words(
                f"Beasiswa: hanya {limit} anak pertama yang berhak.",
                f"Scholarships: only the first {limit} children are entitled.",
            )
        )
    scheme = b.use("scholarship.scheme", date).value
    if scheme == "lump_sum":
        lump = b.use("scholarship.lump_sum", date)
        for index in range(min(limit, len(parsed))):
            detail = Words(f"anak ke-{index + 1}", f"child {index + 1}")
            b.add(program, SCHOLARSHIP, lump.value, None, lump.reference, detail=detail)
        return
    table = b.use("scholarship.levels", date)
    for index, (level, years_left) in enumerate(parsed[:limit], start=1):
        for position, name in enumerate(LEVELS[LEVELS.index(level) :]):
            if name == "BELUM_SEKOLAH":
                continue
            row = table.value[name]
            years = row["years"]
            if position == 0 and years_left is not None:
                years = min(years_left, row["years"])
            if years <= 0:
                continue
            b.add(
                program,
                SCHOLARSHIP,
                Decimal(row["per_year"]) * years,
                None,
                table.reference,
                detail=both(
                    lambda lang, i=index, n=name, y=years, per=row["per_year"]: (
                        f"child {i}: {level_label(n, lang)}, {y} year{'s' * (y != 1)} "
                        f"x {rupiah(per)}"
                        if lang == "en"
                        else f"anak ke-{i}: {level_label(n, lang)}, {y} tahun x {rupiah(per)}"
                    )
                ),
            )


def scholarship(
    *,
    date: dt.date,
    program: str,
    membership_months: int,
    children: Sequence[str],
    rounding: Rounding | str = Rounding.COMPONENT_HALF_UP,
) -> Calculation:
    """Scholarships for the children of a participant who died (or CTT) on `date`."""
    membership_months = require_count("membership_months", membership_months, limit=1200)
    b = Builder(rounding)
    add_scholarship(
        b, date=date, program=program, membership_months=membership_months, children=children
    )
    return b.build()


def benefit_subtotals(calc: Calculation) -> dict[str, int]:
    """What the family receives when the claim is paid, apart from the scholarships to come.

    `paid_at_claim` adds the lump sum, the periodic benefit (paid at once), the funeral
    allowance and STMB; `scholarships_total` is the most the children can receive over their
    school years. `total` is still their sum (the documented contract).
    """
    paid = sum(c.amount for c in calc.components if not c.informational and c.name != SCHOLARSHIP)
    later = sum(c.amount for c in calc.components if not c.informational and c.name == SCHOLARSHIP)
    return {"paid_at_claim": paid, "scholarships_total": later}
