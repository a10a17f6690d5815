"""`cakupan coverage report --region 62.08 --date 2026-10-31 --format pdf|xlsx --output FILE
[--as USERNAME]`: the rakor report as a file (mounted by `coverage/cli.py`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from cakupan.coverage.cli_options import LangOpt, fail, lang_of, shell_actor

REPORT_TEXT = {
    "bad_date": (
        "--{field}: tanggal harus YYYY-MM-DD (diberikan '{value}').",
        "--{field}: the date must be YYYY-MM-DD (got '{value}').",
    ),
    "bad_format": ("--format: pdf atau xlsx.", "--format: pdf or xlsx."),
    "bad_user": ("Pengguna '{value}' tidak ditemukan.", "User '{value}' not found."),
    "written": (
        "Laporan {region} per {date} ditulis ke {path} (nomor dokumen {reference}).",
        "Report for {region} as of {date} written to {path} (document number {reference}).",
    ),
    # The figures are those of the last month end with facts on or before the date asked;
    # the line names that month end, as the file does, and the date asked beside it.
    "written_month": (
        "Laporan {region} tanggal {date}, angka per {month}, ditulis ke {path} "
        "(nomor dokumen {reference}).",
        "Report for {region} dated {date}, figures as of {month}, written to {path} "
        "(document number {reference}).",
    ),
}


def _report_date(text: str, field: str, lang: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise fail(REPORT_TEXT["bad_date"][lang == "en"].format(field=field, value=text)) from None


def report(
    region: Annotated[str, typer.Option("--region", help="Kode wilayah, mis. 62.08.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Berkas keluaran.")],
    date: Annotated[
        str,
        typer.Option(
            "--date",
            help="Tanggal laporan YYYY-MM-DD (bawaan: akhir bulan terakhir yang sudah dihitung).",
        ),
    ] = "",
    fmt: Annotated[str, typer.Option("--format", help="pdf atau xlsx.")] = "pdf",
    acting: Annotated[
        str,
        typer.Option(
            "--as",
            "--user",
            help="Buat laporan sebagai pengguna ini (username), dalam wilayahnya. Tanpa ini: "
            "operator shell, seluruh provinsi wilayah itu.",
        ),
    ] = "",
    lang: LangOpt = "id",
    persons: Annotated[
        int | None, typer.Option("--sim-persons", help="Simulasi: jumlah orang.")
    ] = None,
    months: Annotated[int | None, typer.Option("--sim-months", help="Simulasi: bulan.")] = None,
    start: Annotated[str, typer.Option("--sim-start", help="Simulasi: mulai YYYY-MM-DD.")] = "",
    income: Annotated[
        int | None, typer.Option("--sim-income", help="Simulasi: penghasilan (Rp).")
    ] = None,
    with_jht: Annotated[bool, typer.Option("--sim-jht", help="Simulasi: dengan JHT.")] = False,
) -> None:
    """Laporan rakor cakupan (PDF atau XLSX) untuk satu wilayah dan tanggal.

    Kode keluar: 0 = berkas ditulis, 2 = galat (wilayah tidak dikenal, belum ada fakta
    cakupan, tanggal salah, tidak berwenang).
    """
    lang = lang_of(lang)
    fmt = fmt.lower().strip()
    if fmt not in ("pdf", "xlsx"):
        raise fail(REPORT_TEXT["bad_format"][lang == "en"])
    day = _report_date(date, "date", lang) if date else None
    first = _report_date(start, "sim-start", lang) if start else None

    from cakupan.bootstrap import django_setup

    django_setup(database="ready")

    from cakupan.accounts.models import User
    from cakupan.coverage.report.contents import SimulationRequest
    from cakupan.coverage.report.export import report_export
    from cakupan.errors import is_domain_error

    if acting:
        viewer = User.objects.filter(username=acting, is_active=True).first()
        if viewer is None:
            raise fail(REPORT_TEXT["bad_user"][lang == "en"].format(value=acting))
    else:
        # the shell operator, who holds the database, as the system for the region's province
        viewer = shell_actor("cakupan coverage report", [region.strip().split(".")[0] or "-"])
    asked = SimulationRequest(
        persons=persons, months=months, start=first, income=income, with_jht=with_jht
    )
    try:
        found = report_export(
            user=viewer,
            region_code=region.strip(),
            on=day,
            fmt=fmt,
            simulation=asked,
            lang=lang,
            via="cli",
        )
    except Exception as exc:
        if not is_domain_error(exc):
            raise
        raise fail(exc.message(lang)) from None
    output.write_bytes(found.content)
    from cakupan.rules.formats import long_date

    done = found.report
    key = "written" if done.date == done.month else "written_month"
    typer.echo(
        REPORT_TEXT[key][lang == "en"].format(
            region=done.region_name,
            date=long_date(done.month if key == "written" else done.date, lang),
            month=long_date(done.month, lang),
            path=output,
            reference=done.reference,
        )
    )
