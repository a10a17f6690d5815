"""The `cakupan` command: demo, serve, regions, calc, and Django's management commands.

Sub-commands live in one module each (cli/demo.py, an app's cli.py, …) and are registered here.
"""

import os
from pathlib import Path

import typer

app = typer.Typer(
    help="Cakupan — jaminan sosial ketenagakerjaan untuk setiap pekerja.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _options(
    data_dir: Path = typer.Option(
        None,
        "--data-dir",
        envvar="CAKUPAN_DATA_DIR",
        help="Direktori data (berkas SQLite). Bawaan: ./cakupan-data. / Data directory.",
    ),
) -> None:
    if data_dir is not None:
        os.environ["CAKUPAN_DATA_DIR"] = str(data_dir)


def django_setup(database: str = "any") -> None:
    """Configure Django for commands that touch the database (not for pure calculators).

    database="ready" stops with a clear message when the database has not been set up yet
    (a command run outside the demo's directory would otherwise die on "no such table");
    database="migrate" sets it up first (for set-up commands such as `regions load`).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cakupan.settings")
    import django

    django.setup()
    if database == "any":
        return
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not pending:
        return
    if database == "migrate":
        call_command("migrate", verbosity=0)
        return
    from django.conf import settings

    typer.echo(
        f"Basis data di {settings.DATA_DIR} belum disiapkan. Jalankan `cakupan demo` di "
        "direktori ini, atau beri --data-dir ke direktori data demo (atau DATABASE_URL).\n"
        f"The database in {settings.DATA_DIR} is not set up. Run `cakupan demo` here, or "
        "pass --data-dir pointing at the demo's data directory (or set DATABASE_URL).",
        err=True,
    )
    raise typer.Exit(code=2)


def _register() -> None:
    from cakupan.calculators import cli as calculators_cli
    from cakupan.claims import cli as claims_cli
    from cakupan.cli import coverage, demo, imports, manage, regions, roster, synth, users

    app.command("demo")(demo.demo)
    app.command("serve")(demo.serve)
    app.add_typer(regions.app, name="regions", help="Wilayah Kemendagri: muat dan cari.")
    app.add_typer(calculators_cli.app, name="calc", help="Hitung iuran, manfaat dan ahli waris.")
    app.add_typer(
        coverage.app,
        name="coverage",
        help="Cek kepesertaan NIK pada suatu tanggal; laporan rakor cakupan (PDF/XLSX).",
    )
    app.add_typer(imports.app, name="imports", help="Impor data massal (daftar pekerja).")
    app.add_typer(synth.app, name="synth", help="Data sintetis untuk demo dan uji beban.")
    app.add_typer(roster.app, name="roster", help="Daftar petugas PKS: impor dan pendaftaran.")
    app.add_typer(claims_cli.app, name="claims", help="Klaim santunan: ringkasan untuk laporan.")
    app.add_typer(users.app, name="users", help="Pengguna: buat pengguna pertama dari shell.")
    app.command(
        "manage",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(manage.manage)


def main() -> None:
    _register()
    app()
