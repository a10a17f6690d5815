"""NIK (Nomor Induk Kependudukan): `PPKKCC DDMMYY SSSS`, 16 digits.

PPKKCC is the Kemendagri kecamatan code at first registration (it never changes when the
person moves, so codes from before a regency split stay valid), DD is the birth day with 40
added for women, SSSS a serial 0001-9999. `parse_nik` reports every problem it finds, each
with a stable code, instead of stopping at the first; warnings (a former kecamatan code) do
not make the NIK invalid.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any

from cakupan.rules.errors import NikError, render

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_FLOAT_TEXT = re.compile(r"^(\d{1,17})[.,]0*$")
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class NikProblem:
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"  # or "warning"

    def message(self, lang: str = "id") -> str:
        return render(self.code, self.params, lang)


@dataclass(frozen=True)
class NormalizedNik:
    value: str
    problems: tuple[NikProblem, ...] = ()


@dataclass(frozen=True)
class NikResult:
    value: str
    problems: tuple[NikProblem, ...]
    sex: str | None = None  # 'L' or 'P'
    birth_date: dt.date | None = None
    kecamatan: str | None = None  # dotted, e.g. '62.08.01'
    serial: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> tuple[NikProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[NikProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


def normalize_nik(raw: Any) -> NormalizedNik:
    """Strip spaces, dots and dashes; flag values Excel turned into numbers.

    Excel keeps 15 significant digits, so a NIK stored as a number shows as '6.20801E+15' or
    loses its last digit to a 0. A float (or float-looking text) is therefore flagged
    `nik.excel_mangled`. A 16-digit text ending in 0 cannot be told from a real NIK on its
    own; `column_looks_excel_mangled` judges a whole column instead.
    """
    if raw is None:
        return NormalizedNik("", (NikProblem("nik.empty"),))
    if isinstance(raw, float):
        digits = str(int(raw)) if raw == raw and raw.is_integer() else ""
        return NormalizedNik(digits, (NikProblem("nik.excel_mangled", {"raw": repr(raw)}),))
    text = str(raw).strip().lstrip("'").strip()
    if not text:
        return NormalizedNik("", (NikProblem("nik.empty"),))
    if _SCIENTIFIC.match(text):
        return NormalizedNik("", (NikProblem("nik.excel_mangled", {"raw": text}),))
    float_text = _FLOAT_TEXT.match(text)
    if float_text:
        problem = NikProblem("nik.excel_mangled", {"raw": text})
        return NormalizedNik(float_text.group(1), (problem,))
    return NormalizedNik(_SEPARATORS.sub("", text))


def column_looks_excel_mangled(values: Iterable[str], *, minimum: int = 20) -> bool:
    """True when every NIK of a column of at least `minimum` ends in 0 (about 1 in 10 should)."""
    count = 0
    for value in values:
        if not value or not value.endswith("0"):
            return False
        count += 1
    return count >= minimum


def _birth_date(ddmmyy: str, today: dt.date) -> tuple[str, dt.date] | None:
    day, month, year = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    sex = "L"
    if day > FEMALE_DAY_OFFSET:
        sex, day = "P", day - FEMALE_DAY_OFFSET
    for century in (2000, 1900):  # the latest date that is not in the future
        try:
            born = dt.date(century + year, month, day)
        except ValueError:
            continue
        if born <= today:
            return sex, born
    return None


def parse_nik(
    value: Any,
    *,
    kecamatan_codes: Container[str] | None = None,
    former_kecamatan_codes: Container[str] | None = None,
    today: dt.date | None = None,
) -> NikResult:
    """Check a NIK and decode it. `kecamatan_codes` holds 6-digit undotted codes (None: skip)."""
    normalized = normalize_nik(value)
    nik = normalized.value
    problems = list(normalized.problems)
    if problems:
        return NikResult(nik, tuple(problems))
    today = today or dt.date.today()
    if len(nik) != NIK_LENGTH:
        problems.append(NikProblem("nik.length", {"length": len(nik)}))
    if not nik.isdigit():
        problems.append(NikProblem("nik.not_digits"))
    if len(nik) != NIK_LENGTH:
        return NikResult(nik, tuple(problems))
    region, ddmmyy, serial = nik[:6], nik[6:12], nik[12:]
    sex = born = kecamatan = None
    if region.isdigit():
        kecamatan = f"{region[:2]}.{region[2:4]}.{region[4:]}"
        current = kecamatan_codes is not None and region in kecamatan_codes
        former = former_kecamatan_codes is not None and region in former_kecamatan_codes
        if former and not current:
            problems.append(NikProblem("nik.region_former", {"code": kecamatan}, "warning"))
        elif kecamatan_codes is not None and not current:
            problems.append(NikProblem("nik.region_unknown", {"code": kecamatan}))
    if ddmmyy.isdigit():
        decoded = _birth_date(ddmmyy, today)
        if decoded is None:
            problems.append(NikProblem("nik.birth_date", {"ddmmyy": ddmmyy}))
        else:
            sex, born = decoded
    if serial.isdigit():
        if serial == "0000":
            problems.append(NikProblem("nik.serial_zero"))
    else:
        serial = None
    return NikResult(nik, tuple(problems), sex, born, kecamatan, serial)


def require_nik(value: Any, **options: Any) -> NikResult:
    """`parse_nik`, raising NikError on the first error (warnings pass)."""
    result = parse_nik(value, **options)
    if result.errors:
        first = result.errors[0]
        raise NikError(first.code, **first.params)
    return result


def build_nik(*, kecamatan: str, birth_date: dt.date, sex: str, serial: int) -> str:
    """The NIK a person with these facts would get (tests, demo data)."""
    region = kecamatan.replace(".", "")
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == "P" else 0)
    return f"{region}{day:02d}{birth_date:%m}{birth_date:%y}{serial:04d}"


def mask_nik(value: str) -> str:
    """'6208014101900003' -> '620801••••••0003': region and serial stay readable."""
    text = str(value)
    if len(text) < 10:
        return "•" * len(text)
    return text[:6] + "•" * (len(text) - 10) + text[-4:]


_TYPED_SEPARATORS = re.compile(r"[\s.\-']")


def mask_typed_nik(value: str | None) -> str:
    """A cell someone typed as a NIK, as a report may show it: masked when it holds a NIK's
    digits, even typed with separators ('6208.01.410190.0003'); anything else (an Excel-mangled
    '6.20802E+15', a typo) as typed, so the row can still be found and fixed."""
    text = (value or "").strip()
    digits = _TYPED_SEPARATORS.sub("", text)
    return mask_nik(digits) if re.fullmatch(r"\d{10,}", digits) else text
