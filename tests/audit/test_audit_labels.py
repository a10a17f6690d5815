"""The audit page names every field in the user's language (never `approved_by` or
"Approved by"), shows users by username instead of their id, and choice codes by label."""

import pathlib
import re

import pytest
from django.db import transaction

from cakupan.audit.presentation import audit_changes
from cakupan.audit.services import audit_record
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# What a fresh-eye tester saw on the audit page: raw attribute names in English.
ENGLISH_NAMES = {
    "Approved by", "Verified by", "Original name", "Content type", "Size", "Sha256", "Claim",
    "Region code", "Relation", "Alive", "Marital status", "School level", "Person", "Spell",
    "Agreement", "Entered by", "Spells", "Rules", "Persons new", "Spells new", "Rows valid",
    "Chunk", "Start date", "Segment", "Payer", "Created by",
}  # fmt: skip


def _labels(object_type: str, after: dict) -> dict[str, str]:
    return {
        c.label: c.after for c in audit_changes(object_type=object_type, before={}, after=after)
    }


def test_heir_fields_and_choice_codes_read_in_indonesian():
    changes = _labels(
        "claim_heir",
        {
            "claim": 4,
            "relation": "child",
            "alive": True,
            "marital_status": "single",
            "school_level": "TK_SD",
            "region_code": "62.08.02.2001",
        },
    )
    assert changes["Hubungan"] == "Anak"
    assert changes["Status perkawinan"] == "Belum kawin"
    assert changes["Jenjang sekolah"] == "TK/SD"
    assert changes["Masih hidup"] == "Ya"
    assert "Klaim" in changes and "Wilayah" in changes
    widower = _labels("claim_heir", {"relation": "widower"})
    assert widower["Hubungan"] == "Duda"


def test_no_english_attribute_names_on_any_audited_object(admin_regency):
    keys = {
        "claim": ["approved_by", "verified_by", "entered_by", "person", "spell", "agreement"],
        "claim_document": ["original_name", "content_type", "size", "sha256", "claim"],
        "spell": ["region_code", "person", "start_date", "segment", "payer", "created_by"],
        "import_batch": ["spells", "rules", "persons_new", "spells_new", "rows_valid", "chunk"],
        "claim_heir": ["relation", "alive", "marital_status", "school_level"],
    }
    seen = set()
    for object_type, names in keys.items():
        seen |= set(_labels(object_type, {name: "x" for name in names}))
    assert not seen & ENGLISH_NAMES, seen & ENGLISH_NAMES


def test_user_ids_show_as_usernames_and_codes_as_words(admin_regency, operator_jelai):
    changes = _labels(
        "claim",
        {"approved_by": admin_regency.pk, "verified_by": str(operator_jelai.pk)},
    )
    assert changes["Disetujui oleh"] == admin_regency.username
    assert changes["Diverifikasi oleh"] == operator_jelai.username
    spell = _labels("spell", {"source": "registration", "created_by": admin_regency.pk})
    assert spell["Sumber"] == "pendaftaran"
    assert spell["Dibuat oleh"] == admin_regency.username


def test_audit_page_shows_usernames_and_indonesian_labels(admin_regency, operator_jelai):
    with transaction.atomic():
        audit_record(
            actor=admin_regency,
            action="claims.approve",
            object_type="claim",
            object_id=1,
            region_code="62.08",
            before={"approved_by": None},
            after={"approved_by": operator_jelai.pk},
        )
    html = client_for(admin_regency).get("/audit/", {"object_type": "claim"}).content.decode()
    assert "Disetujui oleh" in html and "Approved by" not in html
    assert operator_jelai.username in html


def test_dates_and_labels_do_not_break_mid_word():
    """Long words (a month, a label) wrap at spaces; only an unbreakable token may be split."""
    css = (
        pathlib.Path(__file__).resolve().parents[2]
        / "src/cakupan/web/static/cakupan/css/cakupan.css"
    ).read_text(encoding="utf-8")
    assert not re.search(r"\.changes td[^}]*overflow-wrap:\s*anywhere", css)
    template = (
        pathlib.Path(__file__).resolve().parents[2] / "src/cakupan/audit/templates/audit/log.html"
    ).read_text(encoding="utf-8")
    assert 'class="when"' in template and re.search(r"\.table \.when[^}]*keep-all", css)
