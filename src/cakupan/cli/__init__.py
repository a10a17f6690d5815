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
    from cakupan.cli import demo, manage

    app.command("demo")(demo.demo)
    app.command("serve")(demo.serve)
    app.command(
        "manage",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(manage.manage)
    try:
        from cakupan.cli import calc
    except ImportError:  # built alongside; absent only mid-development
        return
    app.add_typer(calc.app, name="calc", help="Hitung iuran, manfaat dan ahli waris.")


def main() -> None:
    _register()
    app()
