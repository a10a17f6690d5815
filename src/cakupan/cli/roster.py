"""`cakupan roster import FILE --agreement NUMBER_OR_ID --user USERNAME [--commit]`: a PKS's
officer roster through the same pipeline as the pages (upload → validate → preview → commit),
run inline with a progress bar.

Without `--commit` it stops after the preview (counts, premium of the new officers, budget left)
and writes nothing to the registry; `--report galat.xlsx` saves the error report. Exit codes:
0 done, 1 validated with row errors and not committed, 2 error (bad option, unknown user or
agreement, failed batch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cakupan.cli.imports import ERROR, HAS_ERRORS, OK, _bar
from cakupan.cli.imports import _t as _count_label

app = typer.Typer(help="Daftar petugas PKS: impor dan pendaftaran.", no_args_is_help=True)

TEXT = {
    "validate": ("Memeriksa", "Validating"),
    "commit": ("Menyimpan", "Committing"),
    "batch": ("Batch", "Batch"),
    "premium": ("Premi untuk petugas baru", "Premium of the new officers"),
    "ceiling": ("Pagu anggaran PKS", "Agreement budget ceiling"),
    "used": ("Sudah terpakai", "Already used"),
    "left": ("Sisa pagu setelah disimpan", "Budget left after commit"),
    "over": ("Premi melebihi pagu PKS.", "The premium exceeds the agreement's ceiling."),
    "not_committed": (
        "Belum disimpan. Jalankan lagi dengan --commit untuk mendaftarkan baris yang sah.",
        "Not committed. Run again with --commit to enrol the valid rows.",
    ),
    "committed": (
        "Tersimpan: {persons} orang baru, {spells} masa kepesertaan baru; {refused} baris ditolak.",
        "Committed: {persons} new persons, {spells} new spells; {refused} rows refused.",
    ),
    "bad_user": ("Pengguna '{value}' tidak ditemukan.", "User '{value}' not found."),
    "bad_agreement": (
        "PKS '{value}' tidak ditemukan atau di luar wilayah Anda.",
        "Agreement '{value}' not found or outside your region.",
    ),
    "bad_map": (
        "--map harus berbentuk kolom=isian (diberikan '{value}').",
        "--map must look like column=field (got '{value}').",
    ),
}


def _t(key: str, lang: str, **params) -> str:
    text = TEXT[key][1 if lang == "en" else 0]
    return text.format(**params) if params else text


@app.callback()
def _main() -> None:
    """Daftar petugas PKS."""


def _find_agreement(actor, value: str):
    """By number (exact, in the user's scope) or by id."""
    from cakupan.agreements.selectors import agreement_queryset

    qs = agreement_queryset(user=actor, permission="agreements.import_roster")
    found = qs.filter(number=value.strip()).first()
    if found is None and value.strip().isdigit():
        found = qs.filter(pk=int(value)).first()
    return found


@app.command("import")
def roster_import(
    file: Annotated[Path, typer.Argument(help="Berkas CSV, XLSX atau ODS.", exists=True)],
    agreement: Annotated[str, typer.Option("--agreement", help="Nomor atau id PKS.")],
    user: Annotated[str, typer.Option("--user", help="Atas nama pengguna ini (username).")],
    mapping: Annotated[list[str], typer.Option("--map", help="kolom=isian, bisa berulang.")] = [],  # noqa: B006
    commit: Annotated[bool, typer.Option("--commit", help="Daftarkan baris yang sah.")] = False,
    duty_start: Annotated[str, typer.Option(help="Mulai tugas bila berkas tak memuatnya.")] = "",
    duty_end: Annotated[str, typer.Option(help="Akhir tugas bila berkas tak memuatnya.")] = "",
    chunk_rows: Annotated[int, typer.Option(help="Baris per transaksi saat menyimpan.")] = 10_000,
    report: Annotated[Path | None, typer.Option(help="Simpan laporan galat XLSX ke sini.")] = None,
    lang: Annotated[str, typer.Option(help="id atau en.")] = "id",
) -> None:
    """Impor daftar petugas BERKAS untuk satu PKS: periksa, pratinjau, (--commit) daftarkan."""
    from cakupan.bootstrap import django_setup

    django_setup(database="ready")
    from cakupan.accounts.models import User
    from cakupan.errors import is_domain_error
    from cakupan.imports import selectors, services
    from cakupan.imports.kinds import kind_get
    from cakupan.imports.models import BatchState
    from cakupan.imports.report import error_report_xlsx

    lang = "en" if lang.lower().startswith("en") else "id"
    console = Console()
    actor = User.objects.filter(username=user, is_active=True).first()
    if actor is None:
        console.print(_t("bad_user", lang, value=user), style="red")
        raise typer.Exit(ERROR)
    found = _find_agreement(actor, agreement)
    if found is None:
        console.print(_t("bad_agreement", lang, value=agreement), style="red")
        raise typer.Exit(ERROR)
    pairs = {}
    for item in mapping:
        if "=" not in item:
            console.print(_t("bad_map", lang, value=item), style="red")
            raise typer.Exit(ERROR)
        column, field = item.split("=", 1)
        pairs[column.strip()] = field.strip()
    options = {
        "agreement_id": found.pk,
        "duty_start": duty_start or None,
        "duty_end": duty_end or None,
    }
    try:
        with open(file, "rb") as source:
            batch = services.batch_upload(
                actor=actor,
                kind="roster",
                area_code=found.region_code,
                source=source,
                filename=file.name,
                options=options,
            )
        if pairs:
            services.batch_mapping_set(
                actor=actor, batch_id=batch.pk, mapping={**batch.mapping, **pairs}
            )
        with _bar(console, _t("validate", lang)) as bar:
            task = bar.add_task("validate", total=None)
            batch = services.batch_validate(
                actor=actor,
                batch_id=batch.pk,
                inline=True,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        if batch.state != BatchState.VALIDATED:
            console.print(f"{_t('batch', lang)} #{batch.pk}: {batch.error_message}", style="red")
            raise typer.Exit(ERROR)
        batch = services.batch_review(actor=actor, batch_id=batch.pk)
        _preview(console, batch, lang)
        _budget(console, kind_get("roster"), batch, actor, lang)
        _errors(console, selectors.batch_errors(batch=batch, lang=lang), lang)
        if report is not None:
            report.write_bytes(error_report_xlsx(batch=batch, lang=lang, user=actor))
        if not commit:
            console.print(_t("not_committed", lang))
            raise typer.Exit(HAS_ERRORS if batch.rows_invalid else OK)
        with _bar(console, _t("commit", lang)) as bar:
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
        console.print(f"{_t('batch', lang)} #{batch.pk}: {batch.error_message}", style="red")
        raise typer.Exit(ERROR)
    console.print(
        _t(
            "committed",
            lang,
            persons=batch.committed_persons,
            spells=batch.committed_spells,
            refused=batch.rows_invalid,
        )
    )


def _preview(console: Console, batch, lang: str) -> None:
    from rich.table import Table

    table = Table(title=f"{_t('batch', lang)} #{batch.pk} — {batch.original_name}")
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
        table.add_row(_count_label(key, lang), f"{value:,}".replace(",", "."))
    console.print(table)


def _errors(console: Console, errors: list[dict], lang: str, shown: int = 20) -> None:
    for error in errors[:shown]:
        console.print(
            f"  {error['row']:>7} · {error['column']} · {error['value']!r}: {error['message']}"
            f" ({error['code']})",
            markup=False,
            highlight=False,
        )
    if len(errors) > shown:
        console.print(_count_label("more", lang, n=len(errors) - shown))


def _budget(console: Console, kind, batch, actor, lang: str) -> None:
    """The premium and the budget lines of the preview, in the CLI's language."""
    from django.utils import translation

    with translation.override(lang):
        facts = kind.preview_facts(batch=batch, user=actor)
    names = {"budget-ceiling": "ceiling", "budget-used": "used", "budget-left": "left"}
    from cakupan.rules.formats import rupiah

    console.print(f"{_t('premium', lang)}: {rupiah(batch.contribution_total or 0)}")
    for _label, value, key in facts:
        if key in names:
            console.print(f"{_t(names[key], lang)}: {value}")
        elif key == "budget-over":
            console.print(_t("over", lang), style="yellow")
