"""The `cakupan` command: demo, serve, regions, calc, and Django's management commands.

Sub-commands live in one module each (cli/demo.py, cli/calc.py, …) and are registered here.
"""

import os

import typer

app = typer.Typer(
    help="Cakupan — jaminan sosial ketenagakerjaan untuk setiap pekerja.",
    no_args_is_help=True,
    add_completion=False,
)


def django_setup() -> None:
    """Configure Django for commands that touch the database (not for pure calculators)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cakupan.settings")
    import django

    django.setup()


def _register() -> None:
    from cakupan.cli import calc, coverage, demo, imports, manage, regions, synth

    app.command("demo")(demo.demo)
    app.command("serve")(demo.serve)
    app.add_typer(regions.app, name="regions", help="Wilayah Kemendagri: muat dan cari.")
    app.add_typer(calc.app, name="calc", help="Hitung iuran, manfaat dan ahli waris.")
    app.add_typer(coverage.app, name="coverage", help="Cek kepesertaan NIK pada suatu tanggal.")
    app.add_typer(imports.app, name="imports", help="Impor data massal (daftar pekerja).")
    app.add_typer(synth.app, name="synth", help="Data sintetis untuk demo dan uji beban.")
    app.command(
        "manage",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(manage.manage)


def main() -> None:
    _register()
    app()
