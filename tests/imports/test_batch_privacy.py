"""Privacy of import batches: row errors never tell an uploader about persons outside their
scope, batches are seen only by their uploader and by users whose scope covers the uploader's,
and pages show NIKs masked."""

import io

import pytest
from python_calamine import CalamineWorkbook

from cakupan.imports.report import error_report_xlsx
from cakupan.imports.selectors import batch_errors
from cakupan.rules.nik import mask_nik
from tests.conftest import DESA_PULAU_NIBUNG, client_for
from tests.imports.conftest import committed, csv_bytes, validated, worker

pytestmark = pytest.mark.django_db


def _report_rows(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_person_outside_scope_gets_one_neutral_message(operator, operator_jelai):
    # Registered in Kecamatan Sukamara with a spell that overlaps the Jelai operator's row.
    committed(
        operator,
        csv_bytes([worker(1, desa="Kartamulia", kecamatan="Sukamara")]),
        area="62.08",
    )
    batch = validated(operator_jelai, csv_bytes([worker(1)]), start_date="2025-03-01")
    errors = batch_errors(batch=batch)
    assert [e["code"] for e in errors] == ["person.outside_scope"]
    text = errors[0]["message"]
    assert "luar wilayah Anda" in text
    for detail in ("JKK", "2025", "#", "s.d."):
        assert detail not in text
    report = _report_rows(error_report_xlsx(batch=batch, user=operator_jelai))
    cells = " ".join(str(c) for row in report for c in row)
    assert "luar wilayah Anda" in cells and "JKK" not in cells and "spell" not in cells


def test_person_inside_scope_still_hears_of_the_overlap(operator, operator_jelai):
    committed(operator, csv_bytes([worker(1, desa="Sungai Baru")]))
    batch = validated(operator_jelai, csv_bytes([worker(1)]), start_date="2025-03-01")
    assert [e["code"] for e in batch_errors(batch=batch)] == ["spell.overlap"]


@pytest.mark.parametrize(
    "name,method",
    [
        ("imports:detail", "get"),
        ("imports:progress", "get"),
        ("imports:report", "get"),
        ("imports:commit", "post"),
        ("imports:cancel", "post"),
    ],
)
def test_desa_operator_cannot_open_a_wider_operators_batch(
    operator_jelai, village_operator, name, method
):
    from django.urls import reverse

    batch = validated(operator_jelai, csv_bytes([worker(1), ["1", *worker(2)[1:]]]))
    batch_in_desa = validated(
        operator_jelai, csv_bytes([worker(3), ["1", *worker(4)[1:]]]), area=DESA_PULAU_NIBUNG
    )
    client = client_for(village_operator)
    for target in (batch, batch_in_desa):
        response = getattr(client, method)(reverse(name, args=[target.pk]))
        assert response.status_code == 404
    target_state = type(batch).objects.get(pk=batch_in_desa.pk).state
    assert target_state == "validated"  # nothing committed or cancelled
    listing = client.get(reverse("imports:list")).content.decode()
    assert f"/impor/{batch_in_desa.pk}/" not in listing


def test_wider_operator_sees_desa_batch_with_masked_niks(operator_jelai, village_operator):
    from django.urls import reverse

    row = worker(1)
    row[2] = "31/02/1980"  # an unreadable birth date: one error on an otherwise fine row
    dup = worker(2)
    batch = validated(village_operator, csv_bytes([row, dup, dup]), area=DESA_PULAU_NIBUNG)
    page = client_for(operator_jelai).get(reverse("imports:detail", args=[batch.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert mask_nik(dup[0]) in html and dup[0] not in html
    # The uploader's own page masks too; their XLSX report keeps their file as sent.
    own = client_for(village_operator).get(reverse("imports:detail", args=[batch.pk]))
    assert dup[0] not in own.content.decode()
    mine = _report_rows(
        client_for(village_operator).get(reverse("imports:report", args=[batch.pk])).content
    )
    assert dup[0] in [str(c) for r in mine for c in r]
    theirs = _report_rows(
        client_for(operator_jelai).get(reverse("imports:report", args=[batch.pk])).content
    )
    cells = [str(c) for r in theirs for c in r]
    assert dup[0] not in cells and mask_nik(dup[0]) in cells
