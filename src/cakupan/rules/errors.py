"""Errors the rules package raises: a stable `code`, its `params`, and a message in id and en.

Interfaces (web, API, CLI) show `err.message(lang)`; the code is what other systems match on.
Every message lives in `MESSAGES` below, so a test can prove both languages are complete.
"""

from __future__ import annotations

from typing import Any

from cakupan.rules.formats import rupiah

# code -> (Indonesian, English). Placeholders are `str.format` fields filled from `params`;
# a field written `{name_rp}` is filled with `params["name"]` formatted as Rp1.234.567.
MESSAGES: dict[str, tuple[str, str]] = {
    # parameters
    "param.unknown": (
        "Parameter '{name}' tidak dikenal.",
        "Unknown parameter '{name}'.",
    ),
    "param.not_in_force": (
        "Parameter '{name}' belum berlaku pada {date}; nilai pertama berlaku sejak {first}.",
        "Parameter '{name}' is not in force on {date}; its first value applies from {first}.",
    ),
    "param.invalid": (
        "Berkas parameter {file}: {detail}",
        "Parameter file {file}: {detail}",
    ),
    # generic input
    "input.negative": (
        "{field} tidak boleh negatif (diberikan {value}).",
        "{field} must not be negative (got {value}).",
    ),
    "input.not_positive": (
        "{field} harus lebih dari 0 (diberikan {value}).",
        "{field} must be more than 0 (got {value}).",
    ),
    "input.not_integer": (
        "{field} harus bilangan bulat rupiah/hari/bulan (diberikan {value}).",
        "{field} must be a whole number (got {value}).",
    ),
    "input.too_large": (
        "{field} terlalu besar (diberikan {value}, batas {limit}).",
        "{field} is too large (got {value}, limit {limit}).",
    ),
    "input.choice": (
        "{field} harus salah satu dari {choices} (diberikan '{value}').",
        "{field} must be one of {choices} (got '{value}').",
    ),
    "input.date": (
        "{field} harus tanggal YYYY-MM-DD (diberikan '{value}').",
        "{field} must be a YYYY-MM-DD date (got '{value}').",
    ),
    "input.json": (
        "Data JSON tidak dapat dibaca: {detail}",
        "The JSON data cannot be read: {detail}",
    ),
    "input.required": (
        "{field} wajib diisi.",
        "{field} is required.",
    ),
    # contributions
    "pu.risk_class": (
        "Kelas risiko JKK harus 1 sampai 5 (diberikan {value}).",
        "The JKK risk class must be 1 to 5 (got {value}).",
    ),
    "pu.program_not_in_force": (
        "Program {program} belum ada pada {date} (berlaku sejak {first}).",
        "Program {program} did not exist on {date} (in force from {first}).",
    ),
    "bpu.income_below_minimum": (
        "Penghasilan yang dilaporkan {income_rp} di bawah batas minimum BPU {minimum_rp}.",
        "Declared income {income_rp} is below the BPU minimum of {minimum_rp}.",
    ),
    "bpu.income_above_maximum": (
        "Penghasilan yang dilaporkan {income_rp} di atas batas maksimum BPU {maximum_rp}.",
        "Declared income {income_rp} is above the BPU maximum of {maximum_rp}.",
    ),
    "jakon.basis": (
        "Isi nilai kontrak proyek atau total upah pekerja, bukan keduanya.",
        "Give either the project contract value or the workers' total wages, not both.",
    ),
    "pmi.contract_months": (
        "Jangka waktu perjanjian kerja PMI harus 1 bulan atau lebih (diberikan {value}).",
        "A migrant worker's contract must be at least 1 month long (got {value}).",
    ),
    # benefits
    "benefit.death_before_membership": (
        "Tanggal meninggal {date} sebelum awal kepesertaan {start}.",
        "Date of death {date} is before membership began on {start}.",
    ),
    "benefit.level_unknown": (
        "Jenjang pendidikan '{value}' tidak dikenal; gunakan {choices}.",
        "Unknown school level '{value}'; use {choices}.",
    ),
    "benefit.event_unknown": (
        "Jenis kejadian '{event}' tidak tersedia untuk program {program}.",
        "Event '{event}' is not available for program {program}.",
    ),
    "benefit.percent": (
        "{field} harus persen lebih dari 0 dan paling banyak 100 (diberikan {value}).",
        "{field} must be a percentage above 0 and at most 100 (got {value}).",
    ),
    "benefit.partial_not_below_total": (
        "Persen tabel cacat {value} % tidak di bawah {limit} %, persen cacat total tetap: "
        "catat klaim sebagai cacat total tetap.",
        "A disability table percentage of {value} % is not below {limit} %, the total "
        "permanent disability percentage: record the claim as total permanent disability.",
    ),
    # heirs
    "heirs.duplicate_nik": (
        "NIK {nik} muncul lebih dari sekali dalam daftar ahli waris.",
        "NIK {nik} appears more than once in the list of heirs.",
    ),
    "heirs.too_many_spouses": (
        "Peserta {sex_id} tidak dapat meninggalkan {count} pasangan yang masih hidup.",
        "A {sex_en} participant cannot leave {count} living spouses.",
    ),
    "heirs.spouse_relation": (
        "Hubungan '{relation}' tidak sesuai dengan jenis kelamin peserta yang meninggal.",
        "Relation '{relation}' does not match the deceased participant's sex.",
    ),
    "heirs.child_older_than_parent": (
        "Anak {who} lahir {birth} tidak mungkin lebih tua dari peserta (lahir {parent_birth}).",
        "Child {who} born {birth} cannot be older than the participant (born {parent_birth}).",
    ),
    "heirs.parent_younger_than_child": (
        "{who} ({relation}) lahir {birth}, tidak mungkin lebih muda dari peserta (lahir "
        "{child_birth}).",
        "{who} ({relation}) born {birth} cannot be younger than the participant (born "
        "{child_birth}).",
    ),
    "heirs.born_after_death": (
        "{who} ({relation}) lahir {birth}, setelah peserta meninggal pada {death}.",
        "{who} ({relation}) was born {birth}, after the participant died on {death}.",
    ),
    "heirs.relation_unknown": (
        "Hubungan keluarga '{relation}' tidak dikenal; gunakan {choices}.",
        "Unknown relation '{relation}'; use {choices}.",
    ),
    "heirs.program_unknown": (
        "Program '{program}' tidak dikenal untuk penetapan ahli waris; gunakan {choices}.",
        "Unknown program '{program}' for heirs; use {choices}.",
    ),
    "heirs.death_before_birth": (
        "Tanggal meninggal {death} sebelum tanggal lahir peserta {birth}.",
        "Date of death {death} is before the participant's birth date {birth}.",
    ),
    # NIK (problems, also raised by `require_nik`)
    "nik.empty": ("NIK kosong.", "The NIK is empty."),
    "nik.length": (
        "NIK harus 16 digit (diberikan {length}).",
        "A NIK has 16 digits (got {length}).",
    ),
    "nik.not_digits": (
        "NIK hanya boleh berisi angka.",
        "A NIK may contain digits only.",
    ),
    "nik.excel_mangled": (
        "NIK '{raw}' tampaknya dirusak Excel (format angka/ilmiah); ketik ulang sebagai teks.",
        "NIK '{raw}' looks mangled by Excel (number/scientific format); re-enter it as text.",
    ),
    "nik.region_unknown": (
        "Kode kecamatan {code} pada NIK tidak dikenal.",
        "Kecamatan code {code} in the NIK is unknown.",
    ),
    "nik.region_former": (
        "Kode kecamatan {code} pada NIK adalah kode lama (sebelum pemekaran); tetap sah.",
        "Kecamatan code {code} in the NIK is a former code (before a split); still valid.",
    ),
    "nik.birth_date": (
        "Tanggal lahir pada NIK ({ddmmyy}) tidak mungkin.",
        "The birth date in the NIK ({ddmmyy}) is impossible.",
    ),
    "nik.serial_zero": (
        "Nomor urut NIK tidak boleh 0000.",
        "The NIK serial number cannot be 0000.",
    ),
}

LANGS = ("id", "en")


def render(code: str, params: dict[str, Any], lang: str = "id") -> str:
    """The message for `code` in `lang` ('id' default; unknown languages fall back to 'id')."""
    pair = MESSAGES.get(code)
    if pair is None:
        return code
    text = pair[1] if (lang or "id")[:2] == "en" else pair[0]
    fields = dict(params)
    for key, value in params.items():
        if isinstance(value, int) and not isinstance(value, bool):
            fields[f"{key}_rp"] = rupiah(value)
    return text.format(**fields)


class RuleError(ValueError):
    """A domain error from the rules package. Subclasses only narrow what went wrong."""

    def __init__(self, code: str, **params: Any):
        if code not in MESSAGES:
            raise KeyError(f"no message for rule error code {code!r}")
        self.code = code
        self.params = params
        super().__init__(render(code, params, "en"))

    def message(self, lang: str = "id") -> str:
        return render(self.code, self.params, lang)


class ParameterError(RuleError):
    """A parameter file is malformed, or a parameter is unknown."""


class NotInForceError(RuleError):
    """A rule is asked about a date before it existed (never answered with 0)."""


class InvalidInputError(RuleError):
    """An input value a user typed or imported is impossible or out of range."""


class HeirsError(InvalidInputError):
    """The family data given for a deceased participant is inconsistent."""


class NikError(InvalidInputError):
    """A NIK failed validation (raised by `require_nik`; `parse_nik` returns problems)."""
