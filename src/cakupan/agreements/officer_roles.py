"""What an election office writes in a roster's "Jabatan" column, read as one of the ad hoc
roles an agreement names (agreements.OfficerRole values).

Offices write the body, often with the seat: "Ketua KPPS", "Anggota KPPS 3", "Sekretaris PPS",
"Staf Sekretariat PPK", "Pengawas TPS", "Petugas Ketertiban TPS", "Satlinmas", "PPDP". The test
is on whole words, in an order that keeps the longer names first: "KPPS" is not "PPS", the
secretariat of a PPK is secretariat staff, a Pengawas TPS is PTPS and not KPPS.
"""

from __future__ import annotations

import re

SECRETARIAT, PTPS, PKD, PANWASCAM = "Sekretariat", "PTPS", "PKD", "Panwascam"
KPPS, LINMAS, PANTARLIH, PPK, PPS = "KPPS", "Linmas", "Pantarlih", "PPK", "PPS"
ROLES = (PPK, PPS, KPPS, PANTARLIH, LINMAS, PANWASCAM, PKD, PTPS, SECRETARIAT)


def _words(text: str) -> tuple[list[str], str]:
    words = re.sub(r"[^A-Z0-9]+", " ", (text or "").upper()).split()
    return words, " ".join(words)


def role_match(text: str | None) -> str | None:
    """The role the text names, or None when it names none (or is empty)."""
    words, joined = _words(text or "")
    if not words:
        return None
    exact = {r.upper(): r for r in ROLES}
    if joined in exact:
        return exact[joined]
    has = set(words).__contains__
    if any(w.startswith("SEKRETARI") for w in words) or has("STAF") or has("STAFF"):
        return SECRETARIAT
    if has("PTPS") or "PENGAWAS TPS" in joined or "PENGAWAS TEMPAT PEMUNGUTAN" in joined:
        return PTPS
    if has("PKD") or has("PKKEL") or re.search(r"\b(PANWAS\w*|PENGAWAS) (KEL\w*|DESA)\b", joined):
        return PKD
    if has("PANWASCAM") or re.search(r"\b(PANWAS\w*|PENGAWAS) (KEC\w*)\b", joined):
        return PANWASCAM
    if has("KPPS") or "KELOMPOK PENYELENGGARA" in joined:
        return KPPS
    if has("LINMAS") or has("SATLINMAS") or has("GASTIB") or "KETERTIBAN" in joined:
        return LINMAS
    if has("PANTARLIH") or has("PPDP") or "PEMUTAKHIRAN" in joined:
        return PANTARLIH
    if has("PPK") or "PANITIA PEMILIHAN KECAMATAN" in joined:
        return PPK
    if has("PPS") or "PANITIA PEMUNGUTAN SUARA" in joined:
        return PPS
    return None
