"""Reading a list of working residents (village data, DTKS …) into checked rows.

The file goes through the import pipeline's own pieces: `imports.readers` (CSV/XLSX/ODS, every
cell as text, spreadsheet row numbers), `imports.mapping` (headers by synonym), the column-wise
NIK checks and duplicate check of `imports.checks`, and desa matching with the uploader's scope
of `imports.places`. It is not an import *kind*: a kind enrols persons and gives each a spell,
while a resident list writes nothing to the registry — it is held beside it and compared.

Errors come back as (_row, field, value, code, params) like an import batch's, and read through
the same messages, so "NIK …" reads alike in both reports.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.utils.translation import gettext_lazy as _

from cakupan.imports import checks, readers
from cakupan.imports.checks import blank, error_frame, json_params
from cakupan.imports.kinds import Field
from cakupan.imports.mapping import header_key, header_score, mapping_check, mapping_propose
from cakupan.imports.messages import message as import_message
from cakupan.imports.places import Places, resolve_column
from cakupan.registry.models import Flag
from cakupan.rules.nik import mask_typed_nik

ERRORS_KEPT = 2000  # the report keeps this many problems; the counts always cover all rows
LIMITS = {"name": 150, "occupation": 100}

FIELDS = (
    Field(
        "nik",
        "NIK",
        ("No KTP", "No. KTP", "Nomor KTP", "Nomor Induk Kependudukan", "NIK KTP", "No NIK"),
        required=True,
    ),
    Field(
        "name",
        _("Nama"),
        ("Nama Lengkap", "Nama Penduduk", "Nama Pekerja", "Nama Sesuai KTP", "Nama ART"),
        required=True,
    ),
    Field(
        "village",
        _("Desa/Kelurahan"),
        ("Desa", "Kelurahan", "Desa Kelurahan", "Kel/Desa", "Nama Desa", "Kode Desa", "Desa/Kel"),
    ),
    Field("district", _("Kecamatan"), ("Kec", "Kec.", "Nama Kecamatan")),
    Field("occupation", _("Pekerjaan"), ("Jenis Pekerjaan", "Profesi", "Mata Pencaharian")),
    Field(
        "flags",
        _("Kelompok rentan"),
        ("Kategori", "Kategori Rentan", "Penanda", "Kerentanan", "Flag", "Flags", "Kelompok"),
    ),
    Field("poor", _("Miskin"), ("Keluarga Miskin", "Rumah Tangga Miskin", "DTKS", "Status DTKS")),
    Field("disability", _("Disabilitas"), ("Penyandang Disabilitas", "Difabel", "Disability")),
)

# What village files write for each flag (compared by `header_key`: no case, no spaces).
_FLAG_WORDS = {
    Flag.POOR_HOUSEHOLD: ("miskin", "dtks", "keluarga miskin", "rumah tangga miskin", "rtm"),
    Flag.DISABILITY: ("disabilitas", "difabel", "penyandang disabilitas", "cacat"),
    Flag.FARMER: ("petani", "tani", "pekebun"),
    Flag.FISHER: ("nelayan",),
    Flag.INFORMAL_TRADER: ("pedagang", "pedagang informal", "pedagang kecil", "pkl"),
    Flag.RELIGIOUS_TEACHER: ("guru ngaji", "marbot", "pekerja keagamaan", "ustadz", "imam"),
    Flag.VILLAGE_APPARATUS: ("perangkat desa", "rt", "rw", "ketua rt", "ketua rw"),
    Flag.TRANSPORT_WORKER: ("ojek", "ojol", "sopir", "supir", "kurir", "pekerja transportasi"),
}
# Words that say "no particular flag": every resident on such a list is a vulnerable worker.
_NO_FLAG = {"", "rentan", "pekerjarentan", "tidak", "tidakada", "none", "non"}
_YES = {"ya", "y", "yes", "1", "true", "x", "v", "iya", "benar"}
_NO = {"", "tidak", "t", "tdk", "no", "n", "0", "false", "bukan"}
_SPLIT = re.compile(r"[,;/|\n]+")

MESSAGES = {
    "flag.unknown": (
        "Kelompok rentan '{value}' tidak dikenal. Yang dikenal: {known}.",
        "Vulnerability group '{value}' is not recognised. Known: {known}.",
    ),
    "flag.yes_no": (
        "Isian '{value}' harus Ya atau Tidak.",
        "Value '{value}' must be Ya (yes) or Tidak (no).",
    ),
}
# A bad birth date in a NIK is told by the part that is wrong, never by its digits: they are
# the birth date, which the report (kept, and shown to whoever may import) masks everywhere.
_BIRTH_DATE = {
    "day": (
        "Hari lahir pada NIK (digit ke-7–8) tidak mungkin: harus 01–31, atau 41–71 untuk "
        "perempuan.",
        "The day of birth in the NIK (digits 7–8) is impossible: it must be 01–31, or 41–71 "
        "for a woman.",
    ),
    "month": (
        "Bulan lahir pada NIK (digit ke-9–10) tidak mungkin: harus 01–12.",
        "The month of birth in the NIK (digits 9–10) is impossible: it must be 01–12.",
    ),
    "date": (
        "Tanggal lahir pada NIK (digit ke-7–12) tidak ada di kalender (mis. 31 Februari).",
        "The birth date in the NIK (digits 7–12) is not a real date (e.g. 31 February).",
    ),
    "": (
        "Tanggal lahir pada NIK (digit ke-7–12) tidak mungkin.",
        "The birth date in the NIK (digits 7–12) is impossible.",
    ),
}


class ResidentFields:
    """What the mapping helpers need from an import kind: the fields a file may have."""

    name = "residents"
    fields = FIELDS


RESIDENT_FIELDS = ResidentFields()


def _flag_table() -> dict[str, str]:
    table = {}
    for flag, words in _FLAG_WORDS.items():
        for word in (flag.value, str(flag.label), *words):
            table[header_key(word)] = flag.value
    return table


FLAG_TABLE = _flag_table()


def flags_parse(text: str | None) -> tuple[list[str], list[str]]:
    """'Petani, Miskin' → (['farmer', 'poor_household'], []); unknown words come back second."""
    found, unknown = set(), []
    for part in _SPLIT.split(text or ""):
        key = header_key(part)
        if key in _NO_FLAG:
            continue
        if key in FLAG_TABLE:
            found.add(FLAG_TABLE[key])
        else:
            unknown.append(part.strip())
    return sorted(found), unknown


def row_message(code: str, params: dict | str | None, lang: str = "id") -> str:
    if isinstance(params, str):
        params = json.loads(params or "{}")
    en = (lang or "id")[:2] == "en"
    if code == "nik.birth_date":  # reports kept before the part was recorded say no part
        texts = _BIRTH_DATE.get((params or {}).get("part", ""), _BIRTH_DATE[""])
        return texts[1 if en else 0]
    if code in MESSAGES:
        return MESSAGES[code][1 if en else 0].format(**(params or {}))
    return import_message(code, params, lang)


def row_errors_shown(errors: list[dict], lang: str = "id") -> list[dict]:
    """A kept report's problems as pages and the API show them: the message in `lang`, and an
    empty cell as empty (not "None"), also in reports kept before that was stored so."""
    return [
        {**e, "value": e.get("value") or "", "message": row_message(e["code"], e["params"], lang)}
        for e in errors
    ]


def nik_shown(value: str | None) -> str:
    return mask_typed_nik(value)


def _birth_part(ddmmyy: str) -> str:
    """Which part of a NIK's impossible birth date is wrong: 'day', 'month' or 'date' (each
    part possible, the day not in that month)."""
    try:
        day, month = int(ddmmyy[:2]), int(ddmmyy[2:4])
    except ValueError:
        return ""
    day = day - 40 if day > 40 else day
    if not 1 <= month <= 12:
        return "month"
    if not 1 <= day <= 31:
        return "day"
    return "date"


def _params_kept(field_name: str, code: str, params: dict) -> dict:
    """The parameters a kept report may hold: nothing that repeats a NIK's digits."""
    if code == "nik.birth_date":
        return {"part": _birth_part(str(params.get("ddmmyy", "")))}
    if field_name == "nik" and "raw" in params:
        return {**params, "raw": nik_shown(params["raw"])}
    return params


@dataclass
class ReadOutcome:
    columns: list[str]
    mapping: dict[str, str]
    rows_total: int
    valid: pl.DataFrame  # _row, nik, name, birth_year, sex, region_code, occupation, flags
    errors: list[dict] = field(default_factory=list)  # row, field, column, value, code, params
    rows_invalid: int = 0


def residents_read(*, path: Path, places: Places, kecamatan_codes, today: dt.date) -> ReadOutcome:
    """Every row checked at once; a bad row is reported by number and reason, the others kept."""
    table = readers.read_table(path, header_score=header_score(RESIDENT_FIELDS))
    columns = [c for c in table.columns if c != readers.ROW]
    mapping = mapping_check(
        kind=RESIDENT_FIELDS,
        columns=columns,
        mapping=mapping_propose(kind=RESIDENT_FIELDS, columns=columns),
    )
    frame = table.select(pl.col("_row"), *[pl.col(c).alias(f) for c, f in mapping.items()])
    frame = frame.with_columns(
        pl.lit(None, dtype=pl.String).alias(f.name) for f in FIELDS if f.name not in frame.columns
    )
    frame, errors = checks.nik_columns(frame, kecamatan_codes=kecamatan_codes, today=today)
    frame = frame.with_columns(
        name=pl.col("name").str.replace_all(r"\s+", " ").str.strip_chars(),
        occupation=pl.col("occupation").str.replace_all(r"\s+", " ").str.strip_chars(),
    )
    errors.append(error_frame(frame, blank(pl.col("name")), "name", "name.required"))
    for name_field, limit in LIMITS.items():
        errors.append(
            error_frame(
                frame,
                pl.col(name_field).str.len_chars() > limit,
                name_field,
                "text.too_long",
                {"limit": limit},
            )
        )
    frame, region_errors = _regions(places, frame)
    frame, flag_errors = _flags(frame)
    errors += region_errors + flag_errors
    errors.append(checks.duplicates_in_file(frame))
    error_rows = pl.concat(
        [e.select([pl.col(k).cast(t) for k, t in checks.ERROR_SCHEMA.items()]) for e in errors]
    ).sort("_row", "field")
    bad = error_rows["_row"].unique()
    valid = frame.filter(~pl.col("_row").is_in(bad.implode())).select(
        "_row",
        "nik",
        "name",
        pl.col("_nik_birth").dt.year().alias("birth_year"),
        pl.col("_nik_sex").fill_null("").alias("sex"),
        "region_code",
        pl.col("occupation").fill_null(""),
        "flags",
    )
    headers = {f: c for c, f in mapping.items()}
    labels = {f.name: str(f.label) for f in FIELDS}
    report = [
        {
            "row": row["_row"],
            "field": row["field"],
            "column": headers.get(row["field"]) or labels.get(row["field"], row["field"]),
            # Masked: the report is kept, and a NIK in it must not outlive its purpose.
            "value": nik_shown(row["value"]) if row["field"] == "nik" else (row["value"] or ""),
            "code": row["code"],
            "params": _params_kept(row["field"], row["code"], json.loads(row["params"] or "{}")),
        }
        for row in error_rows.head(ERRORS_KEPT).iter_rows(named=True)
    ]
    return ReadOutcome(columns, mapping, frame.height, valid, report, bad.len())


def _regions(places: Places, frame: pl.DataFrame) -> tuple[pl.DataFrame, list]:
    resolved = resolve_column(places, frame)
    frame = frame.with_columns(
        pl.col("district").fill_null(""), pl.col("village").fill_null("")
    ).join(resolved, on=["district", "village"], how="left")
    errors = []
    for region_field in ("village", "district"):
        failed = (pl.col("_region_field") == region_field) & (pl.col("_region_error") != "")
        errors.append(
            error_frame(
                frame, failed, region_field, pl.col("_region_error"), pl.col("_region_params")
            )
        )
    return frame, errors


def _flags(frame: pl.DataFrame) -> tuple[pl.DataFrame, list]:
    """The flags column (several words) and the yes/no columns, each distinct value parsed
    once in Python and joined back (a file holds a few dozen distinct values)."""
    known = ", ".join(str(f.label) for f in Flag)
    parsed = {v: flags_parse(v) for v in frame["flags"].unique().to_list()}
    lookup = pl.DataFrame(
        {
            "flags": list(parsed),
            "_flag_list": [p[0] for p in parsed.values()],
            "_flag_unknown": [", ".join(p[1]) for p in parsed.values()],
        },
        schema={"flags": pl.String, "_flag_list": pl.List(pl.String), "_flag_unknown": pl.String},
    )
    frame = frame.join(lookup, on="flags", how="left", nulls_equal=True)
    errors = [
        error_frame(
            frame,
            pl.col("_flag_unknown") != "",
            "flags",
            "flag.unknown",
            json_params(value=pl.col("_flag_unknown"), known=pl.lit(known)),
        )
    ]
    extra = []
    for column, flag in (("poor", Flag.POOR_HOUSEHOLD), ("disability", Flag.DISABILITY)):
        key = pl.col(column).fill_null("").str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")
        errors.append(
            error_frame(
                frame,
                ~key.is_in(list(_YES | _NO)),
                column,
                "flag.yes_no",
                json_params(value=pl.col(column)),
            )
        )
        extra.append(pl.when(key.is_in(list(_YES))).then(pl.lit([flag.value])).otherwise([]))
    frame = frame.with_columns(
        flags=pl.concat_list([pl.col("_flag_list").fill_null([]), *extra]).list.unique().list.sort()
    )
    return frame, errors
