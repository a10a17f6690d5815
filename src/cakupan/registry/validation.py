"""Checks shared by the registration form, the API and bulk imports."""

import datetime as dt

from cakupan.errors import DomainError
from cakupan.regions.models import Level, Region
from cakupan.regions.selectors import kecamatan_codes_undotted, region_get
from cakupan.rules.nik import parse_nik


class NikInvalid(DomainError):
    """Every problem of the NIK at once, so the operator fixes them in one go."""


def check_nik(
    nik: str, *, birth_date: dt.date | None, sex: str | None, exception_reason: str = ""
) -> str:
    """The normalised NIK, or NikInvalid listing each failure.

    The NIK encodes birth date and sex; a mismatch with what was entered is usually a typo, but
    a NIK issued with a wrong date does exist, so the operator may confirm it with a reason.
    """
    result = parse_nik(nik, kecamatan_codes=kecamatan_codes_undotted())
    if result.errors:
        raise NikInvalid(
            "nik_invalid",
            "NIK tidak valid: {problems}",
            "Invalid NIK: {problems_en}",
            problems="; ".join(p.message("id") for p in result.errors),
            problems_en="; ".join(p.message("en") for p in result.errors),
            codes=[p.code for p in result.errors],
        )
    mismatches = []
    if birth_date is not None and result.birth_date != birth_date:
        mismatches.append(("tanggal lahir", "birth date"))
    if sex and result.sex != sex:
        mismatches.append(("jenis kelamin", "sex"))
    if mismatches and not exception_reason.strip():
        raise DomainError(
            "nik_mismatch",
            "NIK tidak cocok dengan {fields_id} yang diisi. Periksa kembali, atau isi alasan "
            "pengecualian bila NIK memang demikian.",
            "The NIK does not match the {fields_en} entered. Check again, or give a reason for "
            "the exception if the NIK really is so.",
            fields_id=" dan ".join(m[0] for m in mismatches),
            fields_en=" and ".join(m[1] for m in mismatches),
        )
    return result.value


def check_village(region_code: str) -> Region:
    region = region_get(code=region_code)
    if region.level != Level.VILLAGE:
        raise DomainError(
            "region_not_village",
            "Pilih desa/kelurahan, bukan {name}.",
            "Choose a desa/kelurahan, not {name}.",
            name=region.name,
        )
    return region
