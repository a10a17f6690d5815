"""The `cakupan` command: demo, serve, regions, calc, and Django's management commands.

This package is only the root command and what runs an installation (demo, serve, manage). Each
app owns its commands in its own `cli.py` (a typer `app`), mounted here.
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


def _register() -> None:
    from cakupan.accounts import cli as users
    from cakupan.agreements import cli as roster_cli
    from cakupan.calculators import cli as calculators_cli
    from cakupan.claims import cli as claims_cli
    from cakupan.cli import demo, manage
    from cakupan.coverage import cli as coverage
    from cakupan.imports import cli as imports_cli
    from cakupan.regions import cli as regions
    from cakupan.registry import cli as synth

    app.command("demo")(demo.demo)
    app.command("serve")(demo.serve)
    app.add_typer(regions.app, name="regions", help="Wilayah Kemendagri: muat dan cari.")
    app.add_typer(calculators_cli.app, name="calc", help="Hitung iuran, manfaat dan ahli waris.")
    app.add_typer(
        coverage.app,
        name="coverage",
        help="Cek kepesertaan NIK pada suatu tanggal; laporan rakor cakupan (PDF/XLSX).",
    )
    app.add_typer(imports_cli.app, name="imports", help="Impor data massal (daftar pekerja).")
    app.add_typer(synth.app, name="synth", help="Data sintetis untuk demo dan uji beban.")
    app.add_typer(roster_cli.app, name="roster", help="Daftar petugas PKS: impor dan pendaftaran.")
    app.add_typer(claims_cli.app, name="claims", help="Klaim santunan: ringkasan untuk laporan.")
    app.add_typer(users.app, name="users", help="Pengguna: buat pengguna pertama dari shell.")
    app.command(
        "manage",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(manage.manage)


def main() -> None:
    _register()
    app()
