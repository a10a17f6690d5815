"""Row errors: a stable code (what other tools and the error report's `aturan` column match on)
and a message in Indonesian and English. NIK and BPU income codes are the rules package's own,
so a NIK reads the same in the registration form and in an import report."""

import json

from cakupan.rules.errors import MESSAGES as RULE_MESSAGES
from cakupan.rules.errors import render as rule_render
from cakupan.rules.formats import long_date

MESSAGES: dict[str, tuple[str, str]] = {
    "nik.duplicate_in_file": (
        "NIK yang sama muncul lebih dari sekali dalam berkas (baris {rows}).",
        "The same NIK appears more than once in the file (rows {rows}).",
    ),
    "nik.birth_date_mismatch": (
        "Tanggal lahir {row_date} tidak cocok dengan tanggal lahir pada NIK ({nik_date}).",
        "Birth date {row_date} does not match the birth date in the NIK ({nik_date}).",
    ),
    "nik.sex_mismatch": (
        "Jenis kelamin {row_sex} tidak cocok dengan NIK ({nik_sex}).",
        "Sex {row_sex} does not match the NIK ({nik_sex}).",
    ),
    "name.required": ("Nama wajib diisi.", "The name is required."),
    "text.too_long": (
        "Isian terlalu panjang (maksimal {limit} karakter).",
        "The value is too long (at most {limit} characters).",
    ),
    "sex.invalid": (
        "Jenis kelamin harus L atau P (diberikan '{value}').",
        "Sex must be L or P (got '{value}').",
    ),
    "date.invalid": (
        "Tanggal '{value}' tidak dapat dibaca; tulis misalnya 27/11/2024.",
        "Date '{value}' cannot be read; write e.g. 27/11/2024.",
    ),
    "date.future": (
        "Tanggal lahir {value} ada di masa depan.",
        "Birth date {value} is in the future.",
    ),
    "dates.reversed": (
        "Tanggal akhir sebelum tanggal mulai.",
        "The end date is before the start date.",
    ),
    "region.village_required": (
        "Desa/kelurahan wajib diisi: wilayah impor ini lebih luas dari satu desa.",
        "The desa/kelurahan is required: this import covers more than one desa.",
    ),
    "region.village_unknown": (
        "Desa/kelurahan '{name}' tidak ditemukan di {area}. Mungkin maksud Anda: {hint}",
        "Desa/kelurahan '{name}' was not found in {area}. Did you mean: {hint}",
    ),
    "region.district_unknown": (
        "Kecamatan '{name}' tidak ditemukan di {area}. Mungkin maksud Anda: {hint}",
        "Kecamatan '{name}' was not found in {area}. Did you mean: {hint}",
    ),
    "region.village_in_other_district": (
        "Desa {name} ada di Kecamatan {district}, bukan {given}.",
        "Desa {name} is in Kecamatan {district}, not {given}.",
    ),
    "region.ambiguous": (
        "Nama desa '{name}' ada di beberapa kecamatan ({candidates}); isi kolom Kecamatan.",
        "Desa name '{name}' exists in several kecamatan ({candidates}); fill in Kecamatan.",
    ),
    "region.outside_area": (
        "Desa {name} berada di luar wilayah impor ini ({area}).",
        "Desa {name} lies outside this import's area ({area}).",
    ),
    "region.outside_scope": (
        "Desa {name} berada di luar wilayah kewenangan Anda.",
        "Desa {name} lies outside the region you may register in.",
    ),
    "phone.invalid": (
        "Nomor HP '{value}' tidak sah (8-15 angka).",
        "Phone number '{value}' is not valid (8-15 digits).",
    ),
    "kpj.invalid": (
        "Nomor KPJ '{value}' harus berupa angka (maksimal 16).",
        "KPJ number '{value}' must be digits (at most 16).",
    ),
    "income.required": (
        "Penghasilan/upah wajib diisi.",
        "The income/wage is required.",
    ),
    "income.invalid": (
        "Penghasilan/upah '{value}' bukan angka rupiah.",
        "Income/wage '{value}' is not an amount in rupiah.",
    ),
    "spell.overlap": (
        "Sudah terdaftar: masa kepesertaan {programs} {start} s.d. {end} (#{spell_id}) "
        "bertumpang tindih untuk program yang sama.",
        "Already enrolled: spell #{spell_id} ({programs}, {start} to {end}) overlaps for the "
        "same program.",
    ),
    "spell.overlap_agreement": (
        "Sudah terdaftar sebagai {role} pada PKS {agreement}: masa kepesertaan {programs} "
        "{start} s.d. {end} (#{spell_id}) bertumpang tindih dengan masa tugas ini.",
        "Already enrolled as {role} under agreement {agreement}: spell #{spell_id} ({programs}, "
        "{start} to {end}) overlaps this duty period.",
    ),
    "spell.overlap_concurrent": (
        "Baru saja didaftarkan oleh impor lain untuk masa yang bertumpang tindih; baris ini "
        "tidak disimpan. Periksa daftar petugas PKS lalu unggah ulang bila perlu.",
        "Another import enrolled this NIK for an overlapping period a moment ago; this row was "
        "not stored. Check the agreement's officers and upload again if needed.",
    ),
    "roster.role_required": (
        "Jabatan wajib diisi (jabatan dalam PKS: {roles}).",
        "The role is required (roles in the agreement: {roles}).",
    ),
    "roster.role_unknown": (
        "Jabatan '{value}' tidak dikenal. Jabatan dalam PKS: {roles}.",
        "Role '{value}' is not recognised. Roles in the agreement: {roles}.",
    ),
    "roster.role_not_in_agreement": (
        "Jabatan {role} tidak termasuk PKS {number} (yang dilindungi: {roles}).",
        "Role {role} is not covered by agreement {number} (covered: {roles}).",
    ),
    "roster.duty_outside": (
        "Masa tugas {start} s.d. {end} di luar masa berlaku PKS {number} "
        "({valid_from} s.d. {valid_to}).",
        "Duty {start} to {end} lies outside agreement {number}'s validity "
        "({valid_from} to {valid_to}).",
    ),
    "roster.under_age": (
        "Usia {age} tahun pada awal tugas ({start}); usia minimum {role} adalah {minimum} tahun.",
        "Aged {age} on the first day of duty ({start}); the minimum age for {role} is {minimum}.",
    ),
    "roster.tps_invalid": (
        "Nomor TPS '{value}' tidak memuat angka.",
        "TPS '{value}' holds no number.",
    ),
    "person.outside_scope": (
        "NIK ini sudah terdaftar di luar wilayah Anda; hubungi operator kabupaten.",
        "This NIK is already registered outside your region; contact the regency operator.",
    ),
}


DATE_PARAMS = frozenset({"start", "end", "valid_from", "valid_to", "row_date", "nik_date"})

# The same codes when there is no near name to suggest ("Mungkin maksud Anda: -" helps nobody).
WITHOUT_HINT: dict[str, tuple[str, str]] = {
    "region.village_unknown": (
        "Desa/kelurahan '{name}' tidak ditemukan di {area}.",
        "Desa/kelurahan '{name}' was not found in {area}.",
    ),
    "region.district_unknown": (
        "Kecamatan '{name}' tidak ditemukan di {area}.",
        "Kecamatan '{name}' was not found in {area}.",
    ),
}


def message(code: str, params: dict | str | None, lang: str = "id") -> str:
    if isinstance(params, str):
        params = json.loads(params or "{}")
    params = params or {}
    # Dates travel as ISO text and are read in the reader's language: "29 November 2026".
    params = {
        k: long_date(v, lang) if k in DATE_PARAMS and isinstance(v, str) else v
        for k, v in params.items()
    }
    if code in MESSAGES:
        texts = MESSAGES[code]
        if code in WITHOUT_HINT and params.get("hint", "-") in ("", "-"):
            texts = WITHOUT_HINT[code]
        text = texts[1 if (lang or "id")[:2] == "en" else 0]
        return text.format(**params)
    if code in RULE_MESSAGES:
        if code.startswith("bpu."):  # amounts travel as JSON text; the rules format ints as Rp
            params = {k: int(v) if str(v).isdigit() else v for k, v in params.items()}
        return rule_render(code, params, lang)
    return code
