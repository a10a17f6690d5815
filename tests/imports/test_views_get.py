"""A GET changes nothing: reading any batch page, in any state the batch can be in, leaves the
batch's row and the audit log exactly as they were (issue #12: "GET requests change nothing")."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from cakupan.audit.models import AuditEvent
from cakupan.imports import services
from cakupan.imports.models import ImportBatch
from tests.agreements.conftest import make_agreement
from tests.conftest import client_for
from tests.imports.conftest import committed, csv_bytes, upload, validated, worker
from tests.imports.test_roster import HEADER, officer, roster_validated

pytestmark = pytest.mark.django_db

PAGES = ("imports:detail", "imports:progress", "imports:report")


def _picture(batch_id: int) -> tuple[dict, list]:
    row = model_to_dict(ImportBatch.objects.get(pk=batch_id))
    row["updated_at"] = ImportBatch.objects.values_list("updated_at", flat=True).get(pk=batch_id)
    return row, list(AuditEvent.objects.order_by("pk").values_list("pk", "action"))


def _batches(operator):
    rows = [worker(1), worker(2)]
    reviewed = validated(operator, csv_bytes(rows))
    services.batch_review(actor=operator, batch_id=reviewed.pk)
    agreement = make_agreement(operator, budget_ceiling=1_000_000)
    return {
        "uploaded": upload(operator, csv_bytes(rows)),
        # Checked without the page (CLI, API): validated, not yet in review. The GET of its
        # preview used to move it on; now the commit POST does (see imports.views).
        "validated": validated(operator, csv_bytes(rows)),
        "in_review": reviewed,
        "committed": committed(operator, csv_bytes([worker(3)])),
        "roster_validated": roster_validated(
            operator, agreement, csv_bytes([officer(1), officer(2)], HEADER)
        ),
    }


@pytest.mark.parametrize("page", PAGES)
def test_a_get_of_each_batch_page_leaves_batch_and_audit_log_unchanged(operator, page):
    client = client_for(operator)
    for state, batch in _batches(operator).items():
        if page == "imports:report" and batch.validated_at is None:
            continue  # no report before the check
        before = _picture(batch.pk)
        response = client.get(reverse(page, args=[batch.pk]))
        assert response.status_code == 200, (state, response.status_code)
        assert _picture(batch.pk) == before, state


def test_a_get_of_the_list_leaves_batches_and_audit_log_unchanged(operator):
    batches = _batches(operator)
    before = [_picture(b.pk) for b in batches.values()]
    assert client_for(operator).get(reverse("imports:list")).status_code == 200
    assert [_picture(b.pk) for b in batches.values()] == before


def test_a_batch_checked_elsewhere_is_committed_from_its_page(operator):
    batch = validated(operator, csv_bytes([worker(1), worker(2)]))
    client = client_for(operator)
    page = client.get(reverse("imports:detail", args=[batch.pk])).content.decode()
    assert "Simpan 2 baris sah" in page
    assert client.post(reverse("imports:commit", args=[batch.pk])).status_code == 302
    batch.refresh_from_db()
    assert batch.state == "committed" and batch.committed_spells == 2
    actions = list(
        AuditEvent.objects.filter(object_type="import_batch", object_id=str(batch.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[1:4] == [
        "imports.batch_validate",
        "imports.batch_review",
        "imports.batch_commit_start",
    ]
