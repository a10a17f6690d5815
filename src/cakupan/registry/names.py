"""Name keys: how search and de-duplication compare names typed by different offices."""

import re
import unicodedata

# Titles and honorifics that offices add or drop at will ("H. Ahmad", "AHMAD, S.Pd").
_TITLES = {
    "H", "HJ", "HAJI", "HAJJAH", "DR", "DRS", "DRA", "IR", "ST", "SE", "SH", "SPD", "SAG", "SKM",
    "AMD", "AMK", "MM", "MPD", "MSI", "SSOS", "SIP", "SKOM", "BAPAK", "BPK", "IBU", "SDR", "ALM",
}  # fmt: skip


def name_key(name: str) -> str:
    """Upper case, accents and punctuation removed, titles dropped, single spaces."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    text = re.sub(r"[^A-Z\s]", " ", text.replace(".", ""))
    words = [w for w in text.split() if w not in _TITLES]
    return " ".join(words)
