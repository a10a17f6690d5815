"""Django set-up for command-line entry points (the root `cakupan` command and each app's `cli.py`).

It sits below the apps so an app's commands can set Django up without importing the root command
(which imports them): no cycle between `cakupan.cli` and the apps.
"""

import os

import typer


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
