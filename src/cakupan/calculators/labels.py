"""What the calculators call codes in words, for interfaces that are not Django templates (the
CLI, the API's JSON): code -> (Indonesian, English)."""

from __future__ import annotations

PAYERS = {
    "employer": ("Pemberi kerja", "Employer"),
    "worker": ("Pekerja", "Worker"),
    "government": ("Pemerintah", "Government"),
    "participant": ("Peserta", "Participant"),
    "apbd": ("APBD", "APBD"),
    "apbdes": ("APBDes", "APBDes"),
    "apbn": ("APBN", "APBN"),
    "sponsor": ("Sponsor", "Sponsor"),
}
RELATIONS = {
    "spouse": ("Suami/istri", "Spouse"),
    "widow": ("Janda", "Widow"),
    "widower": ("Duda", "Widower"),
    "child": ("Anak", "Child"),
    "parent": ("Orang tua", "Parent"),
    "grandchild": ("Cucu", "Grandchild"),
    "grandparent": ("Kakek/nenek", "Grandparent"),
    "sibling": ("Saudara kandung", "Sibling"),
    "parent_in_law": ("Mertua", "Parent-in-law"),
    "will_beneficiary": ("Penerima wasiat", "Will beneficiary"),
}
MARITAL = {
    "single": ("Belum menikah", "Single"),
    "married": ("Menikah", "Married"),
    "divorced": ("Cerai", "Divorced"),
    "widowed": ("Janda/duda karena kematian", "Widowed"),
    "remarried": ("Menikah lagi", "Remarried"),
}
EVENTS = {
    "death": ("kematian", "death"),
    "stmb": ("tidak mampu bekerja sementara (STMB)", "temporary incapacity to work (STMB)"),
    "ctt": ("cacat total tetap", "total permanent disability"),
    "scholarship": ("beasiswa anak", "children's scholarship"),
}
SEGMENT_LABELS = {
    "PU": ("pekerja penerima upah (PU)", "wage earners (PU)"),
    "BPU": ("pekerja bukan penerima upah (BPU)", "informal workers (BPU)"),
    "JAKON": ("jasa konstruksi", "construction project"),
    "PMI": ("pekerja migran Indonesia (PMI)", "Indonesian migrant worker (PMI)"),
}
RECIPIENTS = {
    "heirs": ("Ahli waris", "Heirs"),
    "bhp": ("Balai Harta Peninggalan", "Balai Harta Peninggalan (estate office)"),
    "funeral_arranger": (
        "Pihak yang mengurus pemakaman (biaya pemakaman saja)",
        "Whoever arranged the funeral (funeral allowance only)",
    ),
    "none": ("Tidak ada penerima", "No recipient"),
}


def label(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if (lang or "id")[:2] == "en" else pair[0]


def payer_label(code: str | None, lang: str) -> str:
    if not code:
        return "-"
    return label(PAYERS.get(code, (code, code)), lang)


def event_label(event: str, lang: str) -> str:
    code = str(event).strip().lower()
    return label(EVENTS.get(code, (code, code)), lang)
