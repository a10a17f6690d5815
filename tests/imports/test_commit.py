"""Commit: set-based, idempotent, one transaction per chunk, scoped, audited, cancellable."""

import datetime as dt

import pytest

from cakupan.audit.models import AuditEvent
from cakupan.errors import PermissionDenied
from cakupan.imports import pipeline, services
from cakupan.imports.models import ImportBatch
from cakupan.imports.selectors import batch_errors
from cakupan.registry.models import Person, Spell
from cakupan.registry.services import bulk
from cakupan.rules.contributions import contribution_bpu
from tests.conftest import DESA_PULAU_NIBUNG
from tests.imports.conftest import (
    committed,
    csv_bytes,
    ods_bytes,
    upload,
    validated,
    worker,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def test_preview_counts_and_contribution_total(operator):
    rows = [worker(1, income="1500000"), worker(2, income="2.000.000"), worker(3), worker(4)]
    rows[3][0] = "1"
    batch = validated(operator, csv_bytes(rows), payer="apbd")
    assert (batch.rows_total, batch.rows_valid, batch.rows_invalid) == (4, 3, 1)
    assert (batch.persons_new, batch.persons_existing) == (3, 0)
    assert (batch.spells_new, batch.spells_unchanged) == (3, 0)
    day = dt.date(2025, 1, 1)
    expected = sum(
        contribution_bpu(date=day, income=i, payer="apbd").total
        for i in (1_500_000, 2_000_000, 1_500_000)
    )
    assert batch.contribution_total == expected
    assert Person.objects.count() == 0  # nothing written before commit


def test_commit_writes_persons_and_spells_with_source_and_audit(operator):
    batch = committed(operator, csv_bytes([worker(1), worker(2, sex="P")]), end_date="2025-12-31")
    assert batch.state == "committed"
    assert (batch.committed_persons, batch.committed_spells) == (2, 2)
    spell = Spell.objects.select_related("person").get(person__name="Pekerja 2")
    assert spell.source == f"import:{batch.pk}"
    assert (spell.jkk, spell.jkm, spell.jht) == (True, True, False)
    assert (spell.start_date, spell.end_date) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (spell.segment, spell.payer, spell.wage) == ("BPU", "apbd", 1_500_000)
    assert spell.region_code == DESA_PULAU_NIBUNG and spell.regency_code == "62.08"
    assert spell.created_by == operator
    person = spell.person
    assert person.sex == "P" and person.name_key == "PEKERJA" and person.occupation == "Petani"
    actions = list(
        AuditEvent.objects.filter(object_type="import_batch", object_id=str(batch.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "imports.batch_upload",
        "imports.batch_validate",
        "imports.batch_review",
        "imports.batch_commit_start",
        "imports.chunk_commit",
        "imports.batch_commit",
    ]
    chunk = AuditEvent.objects.get(action="imports.chunk_commit")
    assert chunk.after["persons_new"] == 2 and chunk.after["rows"] == [2, 3]


def test_reupload_of_the_same_file_adds_nothing(operator):
    data = csv_bytes([worker(i) for i in range(1, 6)])
    first = committed(operator, data)
    second = committed(operator, data)
    assert first.committed_spells == 5
    assert (second.persons_existing, second.spells_unchanged, second.spells_new) == (5, 5, 0)
    assert (second.committed_persons, second.committed_spells) == (0, 0)
    assert Spell.objects.count() == 5 and Person.objects.count() == 5
    assert first.sha256 == second.sha256


def test_corrected_reupload_adds_only_the_fixed_rows(operator):
    rows = [worker(i) for i in range(1, 6)]
    good_nik = rows[1][0]
    rows[1][0] = "12345"
    rows[3][7] = "100"
    first = committed(operator, csv_bytes(rows))
    assert first.committed_spells == 3
    rows[1][0] = good_nik
    rows[3][7] = "1500000"
    second = committed(operator, csv_bytes(rows))
    assert second.rows_invalid == 0
    assert (second.committed_persons, second.committed_spells) == (2, 2)
    assert Spell.objects.count() == 5


def test_failure_in_chunk_two_keeps_chunk_one_and_none_of_chunk_two(operator, monkeypatch):
    rows = [worker(i) for i in range(1, 6)]  # chunks of 2: rows 2-3, 4-5, 6
    # The registry's bulk writer fails on the spells of chunk 2, after its persons went in.
    real = bulk._spells_insert
    calls = []

    def flaky(frame, **kw):
        calls.append(frame.height)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(frame, **kw)

    monkeypatch.setattr(bulk, "_spells_insert", flaky)
    batch = committed(operator, csv_bytes(rows), chunk_rows=2)
    assert batch.state == "failed" and batch.committed_chunks == 1
    assert "Potongan 2 (baris 4–5)" in batch.error_message and "disk full" in batch.error_message
    assert set(Person.objects.values_list("name", flat=True)) == {"Pekerja 1", "Pekerja 2"}
    assert Spell.objects.count() == 2
    # Retried after the cause is gone, it resumes and ends whole.
    monkeypatch.setattr(bulk, "_spells_insert", real)
    again = services.batch_commit(actor=operator, batch_id=batch.pk, inline=True, chunk_rows=2)
    assert again.state == "committed" and Spell.objects.count() == 5


def test_a_constraint_violation_names_the_row_and_keeps_the_rest(operator):
    """Another writer enrols row 4's person between validation and commit: the database's
    no-overlap guard refuses chunk 2 and rolls it back; the commit names row 4 as a row error
    (also in the error report), writes the rest of the chunk again, and nothing overlaps."""
    rows = [worker(i) for i in range(1, 5)]
    batch = validated(operator, csv_bytes(rows))
    services.batch_review(actor=operator, batch_id=batch.pk)
    other = committed(operator, csv_bytes([rows[2]]), start_date="2024-06-01")
    assert other.state == "committed"
    result = services.batch_commit(actor=operator, batch_id=batch.pk, inline=True, chunk_rows=2)
    assert result.state == "committed" and result.committed_chunks == 2
    assert (result.rows_valid, result.rows_invalid, result.committed_spells) == (3, 1, 3)
    found = batch_errors(batch=result)
    assert [(e["row"], e["code"]) for e in found] == [(4, "spell.overlap_concurrent")]
    assert "impor lain" in found[0]["message"]
    pekerja_3 = Spell.objects.filter(person__name="Pekerja 3")
    assert [s.source for s in pekerja_3] == [f"import:{other.pk}"]  # only the other batch's
    assert Spell.objects.count() == 4


def test_killed_mid_chunk_leaves_none_of_that_chunk(operator, monkeypatch):
    rows = [worker(i) for i in range(1, 6)]
    batch = validated(operator, csv_bytes(rows))
    services.batch_review(actor=operator, batch_id=batch.pk)
    real = bulk.audit_record  # the chunk's audit row, written by the registry's bulk writer
    seen = []

    def killed(**kw):
        seen.append(kw)
        if len(seen) == 2:  # inside chunk 2's transaction, after its inserts
            raise KeyboardInterrupt
        return real(**kw)

    monkeypatch.setattr(bulk, "audit_record", killed)
    with pytest.raises(KeyboardInterrupt):
        services.batch_commit(actor=operator, batch_id=batch.pk, inline=True, chunk_rows=2)
    assert Spell.objects.count() == 2 and Person.objects.count() == 2
    stuck = ImportBatch.objects.get(pk=batch.pk)
    assert stuck.phase == "commit" and stuck.committed_chunks == 1
    # The worker is restarted: the same task resumes after the last whole chunk.
    monkeypatch.setattr(bulk, "audit_record", real)
    done = pipeline.commit_run(batch_id=batch.pk, chunk_rows=2)
    assert done.state == "committed" and Spell.objects.count() == 5


def test_cancel_stops_at_a_chunk_boundary(operator, monkeypatch):
    rows = [worker(i) for i in range(1, 6)]
    batch = validated(operator, csv_bytes(rows))
    services.batch_review(actor=operator, batch_id=batch.pk)

    def cancel_after_first(done, total):
        if done == 2:
            services.batch_cancel(actor=operator, batch_id=batch.pk)

    result = services.batch_commit(
        actor=operator, batch_id=batch.pk, inline=True, chunk_rows=2, progress=cancel_after_first
    )
    assert result.state == "cancelled" and result.committed_chunks == 1
    assert Spell.objects.count() == 2
    assert AuditEvent.objects.filter(action="imports.batch_cancel_request").exists()


def test_cancel_before_commit_and_states_are_enforced(operator):
    batch = validated(operator, csv_bytes([worker(1)]))
    from cakupan.imports.services import BatchStateError

    with pytest.raises(BatchStateError):  # validated, not yet reviewed
        services.batch_commit(actor=operator, batch_id=batch.pk, inline=True)
    cancelled = services.batch_cancel(actor=operator, batch_id=batch.pk)
    assert cancelled.state == "cancelled"
    with pytest.raises(BatchStateError):
        services.batch_review(actor=operator, batch_id=batch.pk)
    assert Spell.objects.count() == 0


def test_desa_operator_cannot_import_for_another_desa(village_operator):
    rows = [worker(1), worker(2, desa="Sungai Baru")]
    batch = committed(village_operator, csv_bytes(rows), area=DESA_PULAU_NIBUNG)
    errors = batch_errors(batch=batch)
    assert [(e["row"], e["code"]) for e in errors] == [(3, "region.outside_scope")]
    assert batch.committed_spells == 1
    assert set(Person.objects.values_list("region_code", flat=True)) == {DESA_PULAU_NIBUNG}
    with pytest.raises(PermissionDenied):
        upload(village_operator, csv_bytes(rows), area="62.08.02")
    with pytest.raises(PermissionDenied):
        upload(village_operator, csv_bytes(rows), area="62.08.01.2005")


def test_batches_outside_scope_are_invisible(operator, village_operator):
    from cakupan.errors import NotFound
    from cakupan.imports.selectors import batch_get, batch_list

    theirs = upload(operator, csv_bytes([worker(1)]), area="62.08.01")
    mine = upload(village_operator, csv_bytes([worker(1)]), area=DESA_PULAU_NIBUNG)
    assert [b.pk for b in batch_list(user=village_operator)] == [mine.pk]
    with pytest.raises(NotFound):
        batch_get(user=village_operator, batch_id=theirs.pk)


def test_existing_person_elsewhere_is_an_error(operator, village_operator):
    committed(operator, csv_bytes([worker(1, desa="Sungai Baru")]))
    batch = validated(village_operator, csv_bytes([worker(1)]), area=DESA_PULAU_NIBUNG)
    assert [e["code"] for e in batch_errors(batch=batch)] == ["person.outside_scope"]


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_spreadsheets_end_to_end(operator, fmt):
    rows = [worker(1, name="Ñoño Peña"), worker(2)]
    rows[1][2] = "45292"  # a date cell that lost its format: 2024-01-01 as an Excel serial
    rows[1][0] = nik(dt.date(2024, 1, 1), "L", 2)
    data = xlsx_bytes(rows) if fmt == "xlsx" else ods_bytes(rows)
    batch = committed(operator, data, name=f"daftar.{fmt}")
    assert batch.state == "committed", batch_errors(batch=batch)
    assert batch.committed_spells == 2
    assert Person.objects.get(name="Ñoño Peña").name_key == "NONO PENA"


def test_xlsx_nik_typed_as_number_is_reported(operator):
    rows = [worker(1), worker(2)]
    batch = validated(operator, xlsx_bytes(rows, numbers={0: True}), name="a.xlsx")
    codes = {(e["row"], e["code"]) for e in batch_errors(batch=batch)}
    assert codes == {(2, "nik.excel_mangled"), (3, "nik.excel_mangled")}


def test_mapping_by_hand_for_unknown_headers(operator):
    header = ["Nomor", "Pekerja", "Lahir", "Kelamin", "Kampung", "Kec", "Kerja", "Duit"]
    batch = upload(operator, csv_bytes([worker(1)], header=header))
    assert batch.mapping.get("Nomor") is None
    mapping = {
        "Nomor": "nik",
        "Pekerja": "name",
        "Lahir": "birth_date",
        "Kelamin": "sex",
        "Kampung": "village",
        "Kec": "district",
        "Duit": "income",
    }
    services.batch_mapping_set(actor=operator, batch_id=batch.pk, mapping=mapping)
    batch = services.batch_validate(actor=operator, batch_id=batch.pk, inline=True)
    assert batch.rows_valid == 1, batch_errors(batch=batch)


def nik(born, sex, serial):
    from tests.imports.conftest import nik as make

    return make(born, sex, serial)
