"""What the audit log may hold about a person: enough to follow a change, never a full NIK.

A NIK's digits 7-12 are the holder's birth date (DDMMYY, day + 40 for women), so a masked NIK
(`620801••••••0003`) stored beside a full birth date gives the NIK back. The audit log is read
by administrators who may not open NIKs, so every before/after picture passes through
`audit_redact` on its way in (and again on its way out, for rows written before this rule):

- a NIK is masked (`620801••••••0003`);
- a birth date keeps only its year (`1990`): a birth date with a NIK beside it, or in another
  row about the same person, would undo the mask;
- a phone number keeps only its last 3 digits (`•••••••••123`).

The full values stay in the records themselves, behind region scope and the audited NIK view.
"""

import re
from typing import Any

from cakupan.rules.nik import mask_nik

_NIK_TEXT = re.compile(r"^\d{16}$")
_BIRTH_KEYS = ("birth_date", "tanggal_lahir", "date_of_birth", "dob")
_PHONE_KEYS = ("phone", "telepon", "telp", "no_hp", "hp", "mobile", "whatsapp", "wa")


def _is_nik_key(key: str) -> bool:
    return key == "nik" or key.endswith("_nik") or key.startswith("nik_")


def _is_birth_key(key: str) -> bool:
    return any(key == k or key.endswith("_" + k) for k in _BIRTH_KEYS)


def _is_phone_key(key: str) -> bool:
    parts = key.split("_")
    return any(key == k or k in parts for k in _PHONE_KEYS) or "phone" in key


def mask_phone(value: Any) -> Any:
    """`081234567123` -> `•••••••••123`: enough to tell two numbers apart, not to call."""
    if not isinstance(value, str) or not value.strip():
        return value
    digits = re.sub(r"\D", "", value)
    if len(digits) <= 3:
        return "•" * len(digits)
    return "•" * (len(digits) - 3) + digits[-3:]


def birth_year(value: Any) -> Any:
    """`1990-01-05` -> `1990`; anything that is not a date text is kept only if empty."""
    if value in (None, ""):
        return value
    text = str(value)
    if len(text) >= 4 and text[:4].isdigit():
        return text[:4]
    return "••••"


def _redact_value(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        return audit_redact(value)
    if isinstance(value, list):
        return [_redact_value(key, v) for v in value]
    if _is_nik_key(key) and isinstance(value, str) and "•" not in value:
        return mask_nik(value) if value else value
    if _is_birth_key(key):
        return birth_year(value)
    if _is_phone_key(key):
        return mask_phone(value)
    if isinstance(value, str) and _NIK_TEXT.match(value):
        return mask_nik(value)  # a NIK under a key we do not know is still a NIK
    return value


def audit_redact(data: dict | None) -> dict | None:
    """A copy of an audit picture with NIKs masked, birth dates cut to the year and phone
    numbers cut to their last 3 digits, at any depth."""
    if data is None:
        return None
    if not isinstance(data, dict):
        return data
    return {key: _redact_value(str(key).lower(), value) for key, value in data.items()}
