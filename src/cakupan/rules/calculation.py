"""The result every calculator returns: integer-rupiah components and a trace of what was used.

`Calculation.total` adds the non-informational components. Informational components (parts of
a contribution recomposed to JKP, deferred JP, discounts) explain the money without moving it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cakupan.rules.errors import InvalidInputError
from cakupan.rules.money import Rounding, to_rupiah
from cakupan.rules.params import ParameterValue, param

# Labels for component names, shown by interfaces: name -> (id, en).
LABELS: dict[str, tuple[str, str]] = {
    "jkk": ("Iuran JKK", "JKK contribution"),
    "jkm": ("Iuran JKM", "JKM contribution"),
    "jht_employer": ("Iuran JHT pemberi kerja", "JHT contribution, employer"),
    "jht_worker": ("Iuran JHT pekerja", "JHT contribution, worker"),
    "jht": ("Iuran JHT", "JHT contribution"),
    "jp_employer": ("Iuran JP pemberi kerja", "JP contribution, employer"),
    "jp_worker": ("Iuran JP pekerja", "JP contribution, worker"),
    "jp_deferred_employer": ("Iuran JP ditunda, pemberi kerja", "JP deferred, employer"),
    "jp_deferred_worker": ("Iuran JP ditunda, pekerja", "JP deferred, worker"),
    "jkp_government": ("Iuran JKP dibayar Pemerintah", "JKP contribution, government"),
    "jkp_from_jkk": ("JKP dari rekomposisi iuran JKK", "JKP recomposed from JKK"),
    "jkp_from_jkm": ("JKP dari rekomposisi iuran JKM", "JKP recomposed from JKM"),
    "jkk_discount": ("Potongan iuran JKK", "JKK contribution discount"),
    "jkm_discount": ("Potongan iuran JKM", "JKM contribution discount"),
    "pmi_pre_placement": ("Iuran PMI sebelum bekerja", "Migrant worker, before placement"),
    "pmi_placement": ("Iuran PMI selama dan setelah bekerja", "Migrant worker, placement"),
    "pmi_extension": ("Iuran PMI perpanjangan", "Migrant worker, extension months"),
    "lump_sum": ("Santunan sekaligus", "Lump-sum benefit"),
    # The multiple of the wage is in the component's detail ("48 x upah Rp1.000.000", or the
    # JKM floor): not in the label, where it would repeat or contradict the detail.
    "death_lump_sum": ("Santunan kematian", "Death benefit"),
    "ctt_lump_sum": ("Santunan cacat total tetap", "Total permanent disability benefit"),
    "partial_anatomical": (
        "Santunan cacat sebagian anatomis",
        "Permanent partial disability benefit, anatomical",
    ),
    "partial_functional": (
        "Santunan cacat sebagian fungsi",
        "Permanent partial disability benefit, functional",
    ),
    "periodic": ("Santunan berkala (dibayar sekaligus)", "Periodic benefit (paid at once)"),
    "funeral": ("Biaya pemakaman", "Funeral allowance"),
    "scholarship": ("Beasiswa", "Scholarship"),
    "stmb": ("Santunan tidak mampu bekerja (STMB)", "Temporary incapacity (STMB)"),
}

# Why an informational component does not add to the totals, shown next to it: name -> (id, en).
INFO_NOTES: dict[str, tuple[str, str]] = {
    "jkp_from_jkk": (
        "bagian dari iuran JKK, tidak menambah jumlah",
        "part of the JKK contribution, not added to the total",
    ),
    "jkp_from_jkm": (
        "bagian dari iuran JKM, tidak menambah jumlah",
        "part of the JKM contribution, not added to the total",
    ),
    "jkk_discount": (
        "potongan, sudah dikurangkan dari iuran JKK",
        "discount, already taken off the JKK contribution",
    ),
    "jkm_discount": (
        "potongan, sudah dikurangkan dari iuran JKM",
        "discount, already taken off the JKM contribution",
    ),
    "jp_deferred_employer": (
        "ditunda, tidak dibayar sekarang",
        "deferred, not paid now",
    ),
    "jp_deferred_worker": (
        "ditunda, tidak dibayar sekarang",
        "deferred, not paid now",
    ),
}
# The component an informational one belongs to: shown right under it, indented.
INFO_PARENTS: dict[str, str] = {
    "jkp_from_jkk": "jkk",
    "jkp_from_jkm": "jkm",
    "jkk_discount": "jkk",
    "jkm_discount": "jkm",
    "jp_deferred_employer": "jp_employer",
    "jp_deferred_worker": "jp_worker",
}
INFO_NOTE_DEFAULT = (
    "informasi, tidak ditambahkan ke jumlah",
    "information, not added to the total",
)


@dataclass(frozen=True)
class TraceItem:
    parameter: str
    value: Any
    effective_from: dt.date
    reference: str
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "value": _json(self.value),
            "effective_from": self.effective_from.isoformat(),
            "reference": self.reference,
            "note": self.note,
        }


@dataclass(frozen=True)
class Component:
    program: str  # JKK, JKM, JHT, JP, JKP
    name: str  # key of LABELS
    amount: int  # whole rupiah
    payer: str | None  # employer, worker, government, participant, apbd, ...; None for benefits
    reference: str
    exact: Decimal = Decimal(0)  # before rounding
    informational: bool = False  # explains money, does not add to the total
    detail: str | None = None  # e.g. "anak 1, SMA 3 x Rp3.000.000"

    def label(self, lang: str = "id") -> str:
        pair = LABELS.get(self.name, (self.name, self.name))
        return pair[1] if (lang or "id")[:2] == "en" else pair[0]

    def info_note(self, lang: str = "id") -> str | None:
        """Why this component is not in the totals (None when it is counted)."""
        if not self.informational:
            return None
        pair = INFO_NOTES.get(self.name, INFO_NOTE_DEFAULT)
        return pair[1] if (lang or "id")[:2] == "en" else pair[0]

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "program": self.program,
            "name": self.name,
            "label": self.label(lang),
            "amount": self.amount,
            "exact": str(self.exact),
            "payer": self.payer,
            "reference": self.reference,
            "informational": self.informational,
            "info_note": self.info_note(lang),
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Calculation:
    total: int
    components: list[Component]
    trace: list[TraceItem]
    notes: list[str] = field(default_factory=list)

    @property
    def totals_by_payer(self) -> dict[str, int]:
        """Money each payer owes; informational components excluded."""
        totals: dict[str, int] = {}
        for c in self.components:
            if not c.informational and c.payer is not None:
                totals[c.payer] = totals.get(c.payer, 0) + c.amount
        return totals

    def amount(self, name: str) -> int:
        """Sum of the components called `name` (0 if none): handy in tests and reports."""
        return sum(c.amount for c in self.components if c.name == name)

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "total": self.total,
            "totals_by_payer": self.totals_by_payer,
            "components": [c.as_dict(lang) for c in self.components],
            "trace": [t.as_dict() for t in self.trace],
            "notes": self.notes,
        }


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Builder:
    """Collects parameters used and components computed, then rounds once at `build`."""

    def __init__(self, rounding: Rounding | str = Rounding.COMPONENT_HALF_UP):
        if rounding not in set(Rounding):
            raise InvalidInputError(
                "input.choice",
                field="rounding",
                choices=", ".join(r.value for r in Rounding),
                value=rounding,
            )
        self.rounding = Rounding(rounding)
        self.trace: list[TraceItem] = []
        self._seen: set[tuple[str, dt.date]] = set()
        self._parts: list[tuple[str, str, Decimal, str | None, str, bool, str | None]] = []
        self.notes: list[str] = []

    def use(self, name: str, date: dt.date, note: str | None = None) -> ParameterValue:
        found = param(name).at(date)
        self.record(found, note)
        return found

    def record(self, found: ParameterValue, note: str | None = None) -> None:
        key = (found.name, found.effective_from)
        if key not in self._seen:
            self._seen.add(key)
            self.trace.append(
                TraceItem(
                    found.name,
                    found.value,
                    found.effective_from,
                    str(found.reference),
                    note or found.reference.note,
                )
            )

    def add(
        self,
        program: str,
        name: str,
        exact: Decimal | int,
        payer: str | None,
        reference: Any,
        *,
        informational: bool = False,
        detail: str | None = None,
    ) -> None:
        self._parts.append(
            (program, name, Decimal(exact), payer, str(reference), informational, detail)
        )

    def build(self) -> Calculation:
        components = [
            Component(prog, name, to_rupiah(exact, self.rounding), payer, ref, exact, info, det)
            for prog, name, exact, payer, ref, info, det in self._parts
        ]
        if self.rounding is Rounding.TOTAL_HALF_UP:
            total = to_rupiah(sum((c.exact for c in components if not c.informational), Decimal(0)))
        else:
            total = sum(c.amount for c in components if not c.informational)
        return Calculation(total, components, self.trace, self.notes)


def display_order(components: list[Component]) -> list[Component]:
    """Components in reading order: each informational one right after the one it is part of
    (JKP recomposed from JKK under the JKK contribution), so the eye does not add it twice."""
    names = [c.name for c in components]
    under: dict[int, list[Component]] = {}
    for c in components:
        parent = INFO_PARENTS.get(c.name)
        if parent in names:
            last = len(names) - 1 - names[::-1].index(parent)
            under.setdefault(last, []).append(c)
    moved = {id(c) for kids in under.values() for c in kids}
    ordered: list[Component] = []
    for i, c in enumerate(components):
        if id(c) not in moved:
            ordered.append(c)
        ordered.extend(under.get(i, []))
    return ordered
