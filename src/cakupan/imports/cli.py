"""The shared command-line runner of an import (upload → validate → preview → commit), and
`cakupan imports run FILE --kind workers --region 62.08.02.2002 --user USERNAME`.

The runner drives the same services as the pages, inline with a progress bar. Without
`--commit` it stops after the preview (nothing written to the registry), so an operator can
look at the errors first; `--report galat.xlsx` saves the error report. Exit codes: 0 done,
1 validated with row errors and not committed, 2 error (bad option, unknown user, failed batch).

A kind's own command (`cakupan roster import` in agreements/cli.py) passes a `RunHook`: how it
finds the batch's area and options, what it adds to the preview, and its own wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(help="Impor data massal (daftar pekerja).", no_args_is_help=True)
OK, HAS_ERRORS, ERROR = 0, 1, 2

TEXT = {
    "validate": ("Memeriksa", "Validating"),
    "commit": ("Menyimpan", "Committing"),
    "rows": ("Baris", "Rows"),
    "valid": ("Sah", "Valid"),
    "invalid": ("Bermasalah", "Invalid"),
    "persons_new": ("Orang baru", "New persons"),
    "persons_existing": ("Orang sudah terdaftar", "Existing persons"),
    "spells_new": ("Masa kepesertaan baru", "New spells"),
    "spells_unchanged": ("Masa kepesertaan sudah ada", "Spells already present"),
    "total": ("Iuran per bulan", "Monthly contribution"),
    "batch": ("Batch", "Batch"),
    "state": ("Status", "State"),
    "more": ("… dan {n} galat lain (lihat --report).", "… and {n} more errors (see --report)."),
    "not_committed": (
        "Belum disimpan. Jalankan lagi dengan --commit untuk menyimpan baris yang sah.",
        "Not committed. Run again with --commit to store the valid rows.",
    ),
    "committed": (
        "Tersimpan: {persons} orang baru, {spells} masa kepesertaan baru.",
        "Committed: {persons} new persons, {spells} new spells.",
    ),
    "bad_user": ("Pengguna '{value}' tidak ditemukan.", "User '{value}' not found."),
    "bad_map": (
        "--map harus berbentuk kolom=isian (diberikan '{value}').",
        "--map must look like column=field (got '{value}').",
    ),
}


def _t(key: str, lang: str, **params) -> str:
    text = TEXT[key][1 if lang == "en" else 0]
    return text.format(**params) if params else text


class RunHook:
    """What a kind's command gives the runner. Subclass it for a kind with its own command."""

    kind: str = "workers"
    text: dict[str, tuple[str, str]] = {}  # (Indonesian, English) overriding TEXT
    total_in_table = True  # the contribution total as the preview table's last line

    def t(self, key: str, lang: str, **params) -> str:
        text = {**TEXT, **self.text}[key][1 if lang == "en" else 0]
        return text.format(**params) if params else text

    def setup(self, *, actor, console: Console, lang: str) -> tuple[str, dict]:
        """The batch's area code and options; print why and raise typer.Exit(ERROR) if none."""
        raise NotImplementedError

    def preview(self, *, console: Console, batch, actor, lang: str) -> None:
        """Lines after the counts table, before the row errors."""


class OptionsHook(RunHook):
    """A kind whose area and options come straight from the command line."""

    def __init__(self, *, kind: str, area_code: str, options: dict):
        self.kind, self.area_code, self.options = kind, area_code, options

    def setup(self, *, actor, console, lang):
        return self.area_code, self.options


def _bar(console: Console, label: str):
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def batch_run(
    *,
    hook: RunHook,
    file: Path,
    user: str,
    mapping: list[str],
    commit: bool,
    chunk_rows: int,
    report: Path | None,
    lang: str,
) -> None:
    """Upload `file` as `user`, check it, show the preview and (with `commit`) store the valid
    rows; ends with typer.Exit(HAS_ERRORS / ERROR) where the run does not end committed."""
    from cakupan.accounts.models import User
    from cakupan.errors import is_domain_error
    from cakupan.imports import selectors, services
    from cakupan.imports.models import BatchState
    from cakupan.imports.report import error_report_xlsx

    t = hook.t
    console = Console()
    actor = User.objects.filter(username=user, is_active=True).first()
    if actor is None:
        console.print(t("bad_user", lang, value=user), style="red")
        raise typer.Exit(ERROR)
    area_code, options = hook.setup(actor=actor, console=console, lang=lang)
    pairs = {}
    for item in mapping:
        if "=" not in item:
            console.print(t("bad_map", lang, value=item), style="red")
            raise typer.Exit(ERROR)
        column, field = item.split("=", 1)
        pairs[column.strip()] = field.strip()
    try:
        with open(file, "rb") as source:
            batch = services.batch_upload(
                actor=actor,
                kind=hook.kind,
                area_code=area_code,
                source=source,
                filename=file.name,
                options=options,
            )
        if pairs:
            services.batch_mapping_set(
                actor=actor, batch_id=batch.pk, mapping={**batch.mapping, **pairs}
            )
        with _bar(console, t("validate", lang)) as bar:
            task = bar.add_task("validate", total=None)
            batch = services.batch_validate(
                actor=actor,
                batch_id=batch.pk,
                inline=True,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        if batch.state != BatchState.VALIDATED:
            console.print(f"{t('batch', lang)} #{batch.pk}: {batch.error_message}", style="red")
            raise typer.Exit(ERROR)
        batch = services.batch_review(actor=actor, batch_id=batch.pk)
        _preview(console, hook, batch, lang)
        hook.preview(console=console, batch=batch, actor=actor, lang=lang)
        _errors(console, hook, selectors.batch_errors(batch=batch, lang=lang), lang)
        if report is not None:
            report.write_bytes(error_report_xlsx(batch=batch, lang=lang, user=actor))
        if not commit:
            console.print(t("not_committed", lang))
            raise typer.Exit(HAS_ERRORS if batch.rows_invalid else OK)
        with _bar(console, t("commit", lang)) as bar:
            task = bar.add_task("commit", total=batch.rows_valid)
            batch = services.batch_commit(
                actor=actor,
                batch_id=batch.pk,
                inline=True,
                chunk_rows=chunk_rows,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except Exception as exc:
        if not is_domain_error(exc):
            raise
        console.print(exc.message(lang), style="red")
        raise typer.Exit(ERROR) from None
    if batch.state != BatchState.COMMITTED:
        console.print(f"{t('batch', lang)} #{batch.pk}: {batch.error_message}", style="red")
        raise typer.Exit(ERROR)
    console.print(
        t(
            "committed",
            lang,
            persons=batch.committed_persons,
            spells=batch.committed_spells,
            refused=batch.rows_invalid,
        )
    )


def _preview(console: Console, hook: RunHook, batch, lang: str) -> None:
    table = Table(title=f"{hook.t('batch', lang)} #{batch.pk} — {batch.original_name}")
    table.add_column("")
    table.add_column("", justify="right")
    for key, value in (
        ("rows", batch.rows_total),
        ("valid", batch.rows_valid),
        ("invalid", batch.rows_invalid),
        ("persons_new", batch.persons_new),
        ("persons_existing", batch.persons_existing),
        ("spells_new", batch.spells_new),
        ("spells_unchanged", batch.spells_unchanged),
    ):
        table.add_row(hook.t(key, lang), f"{value:,}".replace(",", "."))
    if hook.total_in_table and batch.contribution_total is not None:
        total = f"Rp{batch.contribution_total:,}".replace(",", ".")
        table.add_row(hook.t("total", lang), total)
    console.print(table)


def _errors(console: Console, hook: RunHook, errors: list[dict], lang: str, shown=20) -> None:
    for error in errors[:shown]:
        console.print(
            f"  {error['row']:>7} · {error['column']} · {error['value']!r}: {error['message']}"
            f" ({error['code']})",
            markup=False,
            highlight=False,
        )
    if len(errors) > shown:
        console.print(hook.t("more", lang, n=len(errors) - shown))


def lang_of(value: str) -> str:
    return "en" if value.lower().startswith("en") else "id"


@app.callback()
def _main() -> None:
    """Impor data massal."""


@app.command("run")
def run(
    file: Annotated[Path, typer.Argument(help="Berkas CSV, XLSX atau ODS.", exists=True)],
    region: Annotated[str, typer.Option("--region", help="Wilayah impor (kode desa/kecamatan).")],
    user: Annotated[str, typer.Option("--user", help="Atas nama pengguna ini (username).")],
    kind: Annotated[str, typer.Option("--kind", help="Jenis impor.")] = "workers",
    mapping: Annotated[list[str], typer.Option("--map", help="kolom=isian, bisa berulang.")] = [],  # noqa: B006
    commit: Annotated[bool, typer.Option("--commit", help="Simpan baris yang sah.")] = False,
    segment: Annotated[str, typer.Option(help="BPU atau PU.")] = "BPU",
    payer: Annotated[str, typer.Option(help="Pembayar: self, apbd, apbdes, employer …")] = "",
    programs: Annotated[str, typer.Option(help="Program, mis. JKK,JKM.")] = "",
    start: Annotated[str, typer.Option(help="Mulai berlaku YYYY-MM-DD.")] = "",
    end: Annotated[str, typer.Option(help="Sampai YYYY-MM-DD (kosong: tanpa batas).")] = "",
    income_default: Annotated[int, typer.Option(help="Penghasilan bila tak ada kolomnya.")] = 0,
    npp: Annotated[str, typer.Option(help="NPP pemberi kerja (PU).")] = "",
    chunk_rows: Annotated[int, typer.Option(help="Baris per transaksi saat menyimpan.")] = 10_000,
    report: Annotated[Path | None, typer.Option(help="Simpan laporan galat XLSX ke sini.")] = None,
    lang: Annotated[str, typer.Option(help="id atau en.")] = "id",
) -> None:
    """Impor BERKAS: periksa, tampilkan pratinjau, dan (dengan --commit) simpan."""
    from cakupan.bootstrap import django_setup

    django_setup(database="ready")
    from django.utils import timezone

    options = {
        "segment": segment.upper(),
        "payer": payer,
        "programs": [p.strip().upper() for p in programs.split(",") if p.strip()],
        "start_date": start or timezone.localdate().isoformat(),
        "end_date": end or None,
        "income_default": income_default or None,
        "employer_npp": npp,
    }
    batch_run(
        hook=OptionsHook(kind=kind, area_code=region, options=options),
        file=file,
        user=user,
        mapping=mapping,
        commit=commit,
        chunk_rows=chunk_rows,
        report=report,
        lang=lang_of(lang),
    )
