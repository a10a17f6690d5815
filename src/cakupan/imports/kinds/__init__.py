"""What a row of an import means. The pipeline (read → map → validate → preview → commit) is
generic; a *kind* says which fields a file may have, who may import it, which options a batch
takes, and what spell each valid row becomes. Every kind enrols persons (by NIK) and gives each
one spell, so person checks, region matching, duplicate and overlap checks and the set-based
writers are shared; a kind adds its own columns and checks.

To add a kind: subclass `ImportKind`, fill in the hooks, and `register()` it (see workers.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from cakupan.errors import DomainError

if TYPE_CHECKING:  # pragma: no cover
    from cakupan.imports.validation import Context


@dataclass(frozen=True)
class Field:
    name: str
    label: Any  # lazy translation
    synonyms: tuple[str, ...] = ()
    required: bool = False


# Fields every kind shares: the person. Kinds add their own after these.
PERSON_FIELDS = (
    Field(
        "nik",
        "NIK",
        (
            "No KTP",
            "No. KTP",
            "Nomor KTP",
            "Nomor Induk Kependudukan",
            "No Induk Kependudukan",
            "NIK KTP",
            "No NIK",
            "Nomor NIK",
        ),
        required=True,
    ),
    Field(
        "name",
        _("Nama"),
        ("Nama Lengkap", "Nama Pekerja", "Nama Peserta", "Nama Sesuai KTP"),
        required=True,
    ),
    Field("birth_date", _("Tanggal Lahir"), ("Tgl Lahir", "Tgl. Lahir", "Tanggal Lhr", "Tgl Lhr")),
    Field("sex", _("Jenis Kelamin"), ("L/P", "JK", "Kelamin", "Gender", "Sex", "L P")),
    Field(
        "village",
        _("Desa/Kelurahan"),
        ("Desa", "Kelurahan", "Desa Kelurahan", "Kel/Desa", "Nama Desa", "Desa/Kel"),
    ),
    Field("district", _("Kecamatan"), ("Kec", "Kec.", "Nama Kecamatan")),
    Field("occupation", _("Pekerjaan"), ("Jenis Pekerjaan", "Profesi", "Mata Pencaharian")),
    Field(
        "phone",
        _("No HP"),
        ("No. HP", "Nomor HP", "HP", "No Telp", "No. Telp", "Telepon", "No WA", "Nomor Telepon"),
    ),
    Field("kpj", "KPJ", ("No KPJ", "No. KPJ", "Nomor KPJ", "Nomor Kartu")),
)

# What the shared writers need in the validated frame, besides the person's columns.
SPELL_COLUMNS = {
    "start_date": pl.Date,
    "end_date": pl.Date,
    "jkk": pl.Boolean,
    "jkm": pl.Boolean,
    "jht": pl.Boolean,
    "jp": pl.Boolean,
    "jkp": pl.Boolean,
    "segment": pl.String,
    "payer": pl.String,
    "employer_id": pl.Int64,
    "agreement_id": pl.Int64,
    "wage": pl.Int64,
    "role": pl.String,
}


class ImportKind:
    name: str = ""
    label: Any = ""
    permission: str = ""
    fields: tuple[Field, ...] = PERSON_FIELDS
    # What `contribution_total` is, as the preview names it.
    total_label: Any = _("Iuran per bulan (baris sah)")

    def options_clean(self, *, actor, options: dict, area_code: str) -> dict:
        """Check the batch's options (JSON-safe dict back) or raise DomainError."""
        raise NotImplementedError

    def rows_check(self, ctx: Context, frame: pl.DataFrame) -> tuple[pl.DataFrame, list]:
        """Add every SPELL_COLUMNS column to `frame` and return the errors found (a list of
        error frames, see validation.error_frame). Runs after the person checks."""
        raise NotImplementedError

    def contribution_total(self, ctx: Context, valid: pl.DataFrame) -> int | None:
        """The monthly contribution of the valid rows, by the rules in force at their start."""
        return None

    def describe_options(self, options: dict) -> list[tuple[Any, str]]:
        """(label, value) pairs the preview shows."""
        return []

    def preview_facts(self, *, batch, user) -> list[tuple[Any, str, str]]:
        """(label, value, html id) rows the preview adds below the counts (e.g. a budget)."""
        return []

    def back_link(self, batch) -> tuple[str, Any] | None:
        """(url, label) of the page a batch of this kind belongs to, if not the import list."""
        return None


KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    KINDS[kind.name] = kind
    return kind


def kind_get(name: str) -> ImportKind:
    from cakupan.imports.kinds import roster, workers  # noqa: F401  (register themselves)

    kind = KINDS.get(name)
    if kind is None:
        raise DomainError(
            "kind_unknown",
            "Jenis impor '{name}' tidak dikenal.",
            "Unknown import kind '{name}'.",
            name=name,
        )
    return kind


def kinds_all() -> list[ImportKind]:
    kind_get("workers")
    return list(KINDS.values())
