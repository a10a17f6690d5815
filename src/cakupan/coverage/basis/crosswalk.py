"""BPS ↔ Kemendagri region codes, so a BPS-coded table lands on the right region.

The codes differ: Sukamara is Kemendagri 62.08 but BPS 6206, and BPS 6208 is Seruyan
(Kemendagri 62.07). A 4-digit code alone cannot say which system it is in, so every import
names its code system and never guesses.

The table is BPS 2020 semester 2 (provinces, regencies, kecamatan), shipped under
regions/data/crosswalk (source and licence in regions/data/README.md); there is no village-level
crosswalk, so BPS desa codes are refused with a message.
"""

from __future__ import annotations

import csv
import functools

from cakupan.errors import DomainError

FILES = {
    2: "bps_kemendagri_provinces_2020.csv",
    4: "bps_kemendagri_regencies_2020.csv",
    7: "bps_kemendagri_districts_2020.csv",
}


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from cakupan.regions.services import DATA_DIR

    out: dict[str, str] = {}
    for name in FILES.values():
        with open(DATA_DIR / "crosswalk" / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[row["bps_code"].strip()] = row["kemendagri_code_2020"].strip()
    return out


def bps_to_kemendagri(bps_code: str) -> str:
    """The Kemendagri code of a BPS province (62), regency (6206) or kecamatan (6206020)."""
    code = (bps_code or "").strip().replace(".", "")
    found = _table().get(code)
    if found is None:
        raise DomainError(
            "bps_code_unknown",
            "Kode BPS {code} tidak ada di tabel padanan BPS–Kemendagri (provinsi, "
            "kabupaten/kota, kecamatan; BPS 2020).",
            "BPS code {code} is not in the BPS–Kemendagri crosswalk (provinces, regencies, "
            "kecamatan; BPS 2020).",
            code=bps_code,
        )
    return found


def code_to_kemendagri(code: str, code_system: str) -> str:
    """The Kemendagri code a file's code stands for: BPS codes through the table above,
    Kemendagri codes normalised (6208 → 62.08). The system is never guessed."""
    from cakupan.regions.names import region_normalise_code

    if code_system == "bps":
        return bps_to_kemendagri(code)
    normal = region_normalise_code(code)
    if normal is None:
        raise DomainError(
            "region_code_invalid",
            "Kode wilayah Kemendagri {code} tidak sah.",
            "Kemendagri region code {code} is not valid.",
            code=code or "-",
        )
    return normal
