"""Region names as people type them: "Kec. Jelai", "KECAMATAN  JELAI", "jelai" are one name."""

import re

# Prefixes offices put before a name; dropped so the bare name is compared.
_PREFIXES = (
    "KABUPATEN", "KAB", "KOTA", "KECAMATAN", "KEC", "DISTRIK", "KELURAHAN", "KEL", "DESA",
    "DS", "PROVINSI", "PROV",
)  # fmt: skip
_PREFIX_RE = re.compile(r"^(?:" + "|".join(_PREFIXES) + r")\b\.?\s*")


def region_normalise_name(text: str) -> str:
    """Upper case, punctuation as spaces, one space, administrative prefix dropped."""
    value = re.sub(r"[^0-9A-Z]+", " ", (text or "").upper().replace(".", ". ")).strip()
    value = _PREFIX_RE.sub("", value).strip()
    return re.sub(r"\s+", " ", value)


_LEVEL_HINTS = {
    "PROVINSI": "province", "PROV": "province", "KABUPATEN": "regency", "KAB": "regency",
    "KOTA": "regency", "KECAMATAN": "district", "KEC": "district", "DISTRIK": "district",
    "KELURAHAN": "village", "KEL": "village", "DESA": "village", "DS": "village",
}  # fmt: skip


def region_level_hint(text: str) -> str | None:
    """The level a typed prefix names ("Kec. Jelai" → district), or None without a prefix."""
    value = re.sub(r"[^0-9A-Z]+", " ", (text or "").upper().replace(".", ". ")).strip()
    first = value.split(" ", 1)[0] if value else ""
    return _LEVEL_HINTS.get(first) if " " in value else None


def region_normalise_code(text: str) -> str | None:
    """A dotted Kemendagri code from "62.08.02", "620802", "6208022002" …, else None."""
    raw = (text or "").strip()
    digits = raw.replace(".", "")
    if not digits.isdigit() or len(digits) not in (2, 4, 6, 10):
        return None
    if "." in raw and raw.replace(".", "") == digits:
        parts = raw.split(".")
        if [len(p) for p in parts] != [2, 2, 2, 4][: len(parts)]:
            return None
    widths = (2, 2, 2, 4)
    parts, i = [], 0
    for w in widths:
        if i >= len(digits):
            break
        parts.append(digits[i : i + w])
        i += w
    return ".".join(parts)
