"""`cakupan manage …`: Django's management commands, with Cakupan's settings."""

import typer


def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. `cakupan manage migrate`."""
    from cakupan.bootstrap import django_setup

    django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cakupan manage", *ctx.args])
