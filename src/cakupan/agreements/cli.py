"""`cakupan roster import FILE --agreement NUMBER_OR_ID --user USERNAME [--commit]`: a PKS's
officer roster through the shared import runner (imports/cli.py: upload → validate → preview →
commit, inline with a progress bar), with the roster's hook: the agreement gives the area and
options, and the preview adds the premium of the new officers and the budget left.

Without `--commit` it stops after the preview and writes nothing to the registry;
`--report galat.xlsx` saves the error report. Exit codes: 0 done, 1 validated with row errors
and not committed, 2 error (bad option, unknown user or agreement, failed batch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cakupan.imports.cli import ERROR, RunHook, batch_run, lang_of

app = typer.Typer(help="Daftar petugas PKS: impor dan pendaftaran.", no_args_is_help=True)

TEXT = {
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
    "bad_agreement": (
        "PKS '{value}' tidak ditemukan atau di luar wilayah Anda.",
        "Agreement '{value}' not found or outside your region.",
    ),
}
BUDGET_LINES = {"budget-ceiling": "ceiling", "budget-used": "used", "budget-left": "left"}


class RosterHook(RunHook):
    kind = "roster"
    text = TEXT
    total_in_table = False  # the premium has its own line, beside the budget

    def __init__(self, *, agreement: str, duty_start: str, duty_end: str):
        self.agreement, self.duty_start, self.duty_end = agreement, duty_start, duty_end

    def setup(self, *, actor, console: Console, lang: str) -> tuple[str, dict]:
        found = _find_agreement(actor, self.agreement)
        if found is None:
            console.print(self.t("bad_agreement", lang, value=self.agreement), style="red")
            raise typer.Exit(ERROR)
        return found.region_code, {
            "agreement_id": found.pk,
            "duty_start": self.duty_start or None,
            "duty_end": self.duty_end or None,
        }

    def preview(self, *, console: Console, batch, actor, lang: str) -> None:
        """The premium and the budget lines of the preview, in the command's language."""
        from django.utils import translation

        from cakupan.imports.kinds import kind_get
        from cakupan.rules.formats import rupiah

        with translation.override(lang):
            facts = kind_get(self.kind).preview_facts(batch=batch, user=actor)
        console.print(f"{self.t('premium', lang)}: {rupiah(batch.contribution_total or 0)}")
        for _label, value, key in facts:
            if key in BUDGET_LINES:
                console.print(f"{self.t(BUDGET_LINES[key], lang)}: {value}")
            elif key == "budget-over":
                console.print(self.t("over", lang), style="yellow")


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
    batch_run(
        hook=RosterHook(agreement=agreement, duty_start=duty_start, duty_end=duty_end),
        file=file,
        user=user,
        mapping=mapping,
        commit=commit,
        chunk_rows=chunk_rows,
        report=report,
        lang=lang_of(lang),
    )
