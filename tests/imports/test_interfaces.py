"""The pages (django.test.Client), the error report XLSX, the CLI, and the background tasks."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from cakupan.bootstrap import django_setup
from cakupan.imports import services
from cakupan.imports.models import ImportBatch
from cakupan.imports.report import error_report_xlsx
from cakupan.registry.models import Spell
from tests.conftest import DESA_PULAU_NIBUNG, client_for, make_user
from tests.imports.conftest import HEADER, committed, csv_bytes, validated, worker

pytestmark = pytest.mark.django_db
django_setup()


def _rows_with_errors():
    rows = [worker(i) for i in range(1, 5)]
    rows[1][0] = "6.20802E+15"
    rows[3][7] = "500000"
    return rows


def test_error_report_xlsx_has_original_columns_and_the_problem(operator):
    batch = validated(operator, csv_bytes(_rows_with_errors()))
    data = error_report_xlsx(batch=batch)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert sheet[0] == [*HEADER, "baris", "kolom", "nilai", "aturan", "pesan"]
    assert len(sheet) == 3
    first = dict(zip(sheet[0], sheet[1], strict=True))
    assert first["NIK"] == "6.20802E+15" and first["Nama"] == "Pekerja 2"
    assert (first["baris"], first["kolom"], first["aturan"]) == (3, "NIK", "nik.excel_mangled")
    assert "dirusak Excel" in first["pesan"]
    second = dict(zip(sheet[0], sheet[2], strict=True))
    assert (second["baris"], second["aturan"]) == (5, "bpu.income_below_minimum")
    assert second["Penghasilan"] == "500000"
    english = CalamineWorkbook.from_filelike(io.BytesIO(error_report_xlsx(batch=batch, lang="en")))
    assert "mangled by Excel" in english.get_sheet_by_index(0).to_python()[1][-1]


def test_page_flow_upload_map_preview_commit(operator):
    client = client_for(operator)
    page = client.get(reverse("imports:list"))
    assert page.status_code == 200 and "Impor data pekerja" in page.content.decode()
    upload = SimpleUploadedFile("daftar.csv", csv_bytes(_rows_with_errors(), sep=";", bom=True))
    response = client.post(
        reverse("imports:list"),
        {
            "file": upload,
            "area": "62.08.02",
            "segment": "BPU",
            "payer": "apbdes",
            "programs": ["JKK", "JKM"],
            "start_date": "2025-01-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.get()
    detail = client.get(response["Location"]).content.decode()
    assert "Cocokkan kolom" in detail and 'value="nik" selected' in detail
    form = {f"col_{i}": batch.mapping.get(c, "") for i, c in enumerate(batch.columns)}
    response = client.post(reverse("imports:mapping", args=[batch.pk]), form)
    assert response.status_code == 302
    preview = client.get(reverse("imports:detail", args=[batch.pk])).content.decode()
    batch.refresh_from_db()
    assert batch.state == "in_review"
    assert (
        "Pratinjau" in preview
        and "nik.excel_mangled" in preview
        and "Simpan 2 baris sah" in preview
    )
    assert 'id="contribution-total"' in preview
    report = client.get(reverse("imports:report", args=[batch.pk]))
    assert report.status_code == 200 and report["Content-Type"].startswith("application/vnd")
    progress = client.get(reverse("imports:progress", args=[batch.pk]))
    assert progress["HX-Refresh"] == "true"
    response = client.post(reverse("imports:commit", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == "committed" and Spell.objects.count() == 2
    listing = client.get(reverse("imports:list")).content.decode()
    assert "daftar.csv" in listing and "Tersimpan" in listing


def test_progress_fragment_polls_while_running(operator):
    batch = validated(operator, csv_bytes([worker(1)]))
    ImportBatch.objects.filter(pk=batch.pk).update(
        phase="commit", progress_done=1, progress_total=4
    )
    client = client_for(operator)
    fragment = client.get(reverse("imports:progress", args=[batch.pk]))
    body = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in body and "25%" in body and "HX-Refresh" not in fragment
    page = client.get(reverse("imports:detail", args=[batch.pk])).content.decode()
    assert "Mulai: 1 Januari 2025" in page and "2025-01-01" not in page
    assert (
        f'hx-get="/impor/{batch.pk}/progres/"' in page and "<script" not in page.split("</head>")[1]
    )


def test_pages_need_login_permission_and_scope(operator, regions):
    batch = validated(
        operator, csv_bytes([worker(1)]), area="62.08.01", desa="Kartamulia", kecamatan="Sukamara"
    )
    assert client_for(operator).get(reverse("imports:detail", args=[batch.pk])).status_code == 200
    from django.test import Client

    assert Client().get(reverse("imports:list")).status_code == 302
    viewer = make_user("viewer_imp", "viewer", "62.08")
    assert client_for(viewer).get(reverse("imports:list")).status_code == 403
    desa = make_user("desa_imp", "village_operator", DESA_PULAU_NIBUNG)
    assert client_for(desa).get(reverse("imports:detail", args=[batch.pk])).status_code == 404
    assert client_for(desa).get(reverse("imports:report", args=[batch.pk])).status_code == 404
    assert client_for(desa).post(reverse("imports:commit", args=[batch.pk])).status_code == 404


def test_page_cancel(operator):
    batch = validated(operator, csv_bytes([worker(1)]))
    client_for(operator).post(reverse("imports:cancel", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == "cancelled"


def test_upload_errors_show_on_the_page(operator):
    client = client_for(operator)
    response = client.post(
        reverse("imports:list"),
        {
            "file": SimpleUploadedFile("x.pdf", b"%PDF"),
            "area": "62.08.02",
            "segment": "BPU",
            "payer": "apbd",
            "programs": ["JKK", "JKM"],
            "start_date": "2025-01-01",
        },
    )
    assert response.status_code == 200 and "tidak didukung" in response.content.decode()


def test_background_tasks_through_the_database_queue(operator, monkeypatch):
    """With the database backend the page only enqueues; `db_worker` does the work."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    # The worker closes connections between tasks; on PostgreSQL that would close the test's
    # own connection (and its transaction) under it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        batch = services.batch_upload(
            actor=operator,
            kind="workers",
            area_code="62.08.02",
            source=io.BytesIO(csv_bytes([worker(1), worker(2)])),
            filename="a.csv",
            options={"segment": "BPU", "payer": "apbd", "start_date": "2025-01-01"},
        )
        batch = services.batch_validate(actor=operator, batch_id=batch.pk)
        assert batch.phase == "validate" and batch.state == "uploaded"
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        batch.refresh_from_db()
        assert batch.state == "validated" and batch.rows_valid == 2 and not batch.phase
        services.batch_review(actor=operator, batch_id=batch.pk)
        services.batch_commit(actor=operator, batch_id=batch.pk)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        batch.refresh_from_db()
        assert batch.state == "committed" and Spell.objects.count() == 2


def test_cli_preview_then_commit(operator, tmp_path):
    from cakupan.imports.cli import app

    runner = CliRunner()
    path = tmp_path / "daftar.csv"
    path.write_bytes(csv_bytes(_rows_with_errors()))
    report = tmp_path / "galat.xlsx"
    args = [
        "run",
        str(path),
        "--kind",
        "workers",
        "--region",
        "62.08.02",
        "--user",
        operator.username,
        "--payer",
        "apbd",
        "--start",
        "2025-01-01",
    ]
    result = runner.invoke(app, [*args, "--report", str(report)])
    assert result.exit_code == 1, result.output
    assert "Memeriksa" in result.output and "Baris" in result.output
    assert "nik.excel_mangled" in result.output and "Belum disimpan" in result.output
    assert report.exists() and Spell.objects.count() == 0
    result = runner.invoke(app, [*args, "--commit", "--chunk-rows", "1", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert (
        "Committing" in result.output and "Committed: 2 new persons, 2 new spells" in result.output
    )
    assert Spell.objects.count() == 2


def test_cli_map_option_and_errors(operator, tmp_path):
    from cakupan.imports.cli import app

    runner = CliRunner()
    header = ["Nomor", *HEADER[1:]]
    path = tmp_path / "d.csv"
    path.write_bytes(csv_bytes([worker(1)], header=header))
    base = ["run", str(path), "--region", "62.08.02", "--start", "2025-01-01", "--payer", "apbd"]
    assert runner.invoke(app, [*base, "--user", "nobody"]).exit_code == 2
    missing = runner.invoke(app, [*base, "--user", operator.username])
    assert missing.exit_code == 2 and "Kolom wajib belum dipetakan: NIK" in missing.output
    mapped = runner.invoke(
        app, [*base, "--user", operator.username, "--map", "Nomor=nik", "--commit"]
    )
    assert mapped.exit_code == 0, mapped.output
    assert Spell.objects.count() == 1


def test_committed_helper_is_idempotent_across_interfaces(operator):
    committed(operator, csv_bytes([worker(1)]))
    assert committed(operator, csv_bytes([worker(1)])).committed_spells == 0
