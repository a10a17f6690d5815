"""The audit page reads as words: action labels in the user's language, and before/after as
a short table of the fields that changed, with dates and money written for people."""

import pytest
from django.db import transaction

from cakupan.accounts.services import user_update
from cakupan.audit.actions import Action
from cakupan.audit.presentation import audit_changes
from cakupan.audit.services import audit_record
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _log(client, **params) -> str:
    html = client.get("/audit/", params).content.decode()
    start = html.find('id="audit-log"')
    return html[start : html.find("</table>\n</div>", start)]


def test_actions_are_labels_and_changes_are_a_small_table(admin_regency, operator_jelai):
    user_update(actor=admin_regency, user_id=operator_jelai.pk, office="Kantor", reason="awal")
    client = client_for(admin_regency)
    log = _log(client, object_type="user")
    assert "Data pengguna diubah" in log
    assert ">accounts.user_update<" not in log  # the code is only a tooltip
    assert 'class="changes"' in log and "Instansi" in log and "Kantor" in log
    assert "{&#x27;" not in log and "{'" not in log  # no Python dict text
    # Only what changed: the user's name did not.
    assert "Op_Jelai" not in log
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = _log(client, object_type="user")
    assert "Office" in english and "Instansi" not in english  # field labels follow the language


def test_dates_and_money_are_formatted_and_system_reasons_translated(admin_regency):
    with transaction.atomic():
        audit_record(
            actor=admin_regency,
            action="agreements.update",
            object_type="agreement",
            object_id=7,
            region_code="62.08",
            before={"budget_ceiling": 100_000_000, "end_date": "2024-12-31", "title": "PKS"},
            after={"budget_ceiling": 250_000_000, "end_date": "2025-06-30", "title": "PKS"},
            reason="full NIKs exported",
        )
    log = _log(client_for(admin_regency), object_type="agreement")
    assert "PKS diubah" in log
    assert "Rp100.000.000" in log and "Rp250.000.000" in log
    assert "31 Desember 2024" in log and "30 Juni 2025" in log
    assert "2025-06-30" not in log
    assert "NIK lengkap diekspor" in log
    assert "Kabupaten Sukamara" in log  # the region by name, not only its code


def test_a_new_record_lists_what_it_was_given():
    changes = audit_changes(
        object_type="user",
        before=None,
        after={"username": "budi", "is_active": True, "is_staff": False, "office": ""},
    )
    assert [(c.before, c.after) for c in changes] == [("—", "budi"), ("—", "Ya")]


def test_every_action_the_code_writes_has_a_label():
    """A new action code without a label would show raw on the page: list it here."""
    import pathlib
    import re

    src = pathlib.Path(__file__).resolve().parents[2] / "src" / "cakupan"
    written = set()
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', text))
        written |= {f"imports.{a}" for a in re.findall(r'action="(batch_[a-z_]+)"', text)}
        written |= set(re.findall(r'_transition\(actor, claim, "([a-z_]+\.[a-z_]+)"', text))
    missing = sorted(written - set(Action.values))
    assert not missing, missing
