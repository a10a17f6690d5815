"""The hook an import kind plugs into. The pipeline (upload → map → validate → preview →
commit, in `services.py` and `pipeline.py`) is generic: it knows nothing of workers, rosters or
the registry's tables. What a row *means* is a kind, owned by the app whose feature it is
(`registry.workers_kind`: informal and wage workers; `agreements.roster_kind`: a PKS's election
officers), which registers it when Django starts:

    # <app>/apps.py
    class RegistryConfig(AppConfig):
        def ready(self):
            from cakupan.imports.kinds import kind_register
            from cakupan.registry.workers_kind import WorkersKind

            kind_register(WorkersKind())

A kind is a subclass of `ImportKind` (below) and provides:

- `name` (stored on the batch, `--kind` on the command line), `label` (the pages' name of it)
  and `permission`: who may import it, checked inside the batch's area for every write, and
  the scope in which its batches are seen.
- `fields`: the columns a file may hold (`Field`: name, label, header synonyms, required),
  starting with `PERSON_FIELDS`; the mapping of a file's headers to them is proposed from the
  labels and synonyms (`mapping.py`).
- `options_clean`: the batch's options (segment, agreement, dates …), checked at upload.
- `rows_check`: the kind's own row checks, column-wise over a Polars frame, after the person
  checks every kind shares; it adds every `SPELL_COLUMNS` column and returns its error frames.
- `existing` and `rows_write`: the registry read the checks need (which of these NIKs are
  stored, and their spells) and the commit writer (one chunk of valid rows, with its audit
  row, in one transaction); `write_refused` says whether a failed write was the database
  refusing an overlap, so the pipeline names those rows and writes the rest.
- `contribution_total`, `describe_options`, `preview_facts`, `back_link`: what the preview
  page shows beside the counts.
- The CLI hook: the shared runner in `imports/cli.py` (`batch_run`) takes a `RunHook` from
  the kind's command (`cakupan imports run --kind …` uses the plain one; `cakupan roster
  import` in `agreements/cli.py` adds the agreement and its budget).

Every kind enrols persons (by NIK) and gives each one spell, so person checks, region matching,
and duplicate and overlap checks are shared (`validation.py`); a kind adds its own columns and
checks.
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
    """Base of every import kind: subclass it, fill in the hooks, `kind_register` an instance.
    The hooks without a default (`options_clean`, `rows_check`, `existing`, `rows_write`)
    must be provided."""

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
        error frames, see checks.error_frame). Runs after the person checks."""
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

    def existing(self, niks: pl.Series) -> tuple[pl.DataFrame, pl.DataFrame]:
        """What the registry holds about these NIKs: the persons (`nik`, `person_id`,
        `person_region`) and all their spells (`nik`, `spell_id`, `s_jkk` … `s_jkp`,
        `s_start`, `s_end`, `s_agreement`, `s_role`, `s_agreement_number`), whatever the
        uploader's scope (the checks say "outside your area" without showing more)."""
        raise NotImplementedError

    def rows_write(self, *, actor, batch, rows: pl.DataFrame, now, audit: dict) -> tuple[int, int]:
        """Write one chunk of valid rows (the validated frame's columns) in one transaction
        with one audit row (`audit`: action, object_type, object_id, after, which the writer
        completes with its counts). Returns (persons new, spells new)."""
        raise NotImplementedError

    def write_refused(self, exc: BaseException) -> bool:
        """Whether `rows_write` failed because the database refused an overlapping spell that
        another writer stored after this batch was checked."""
        return False


KINDS: dict[str, ImportKind] = {}


def kind_register(kind: ImportKind) -> ImportKind:
    """Make `kind` known to the pipeline (from its app's `AppConfig.ready`)."""
    if not kind.name or not kind.permission:
        raise ValueError("an import kind names itself and the permission it needs")
    KINDS[kind.name] = kind
    return kind


def kind_get(name: str) -> ImportKind:
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
    return list(KINDS.values())
