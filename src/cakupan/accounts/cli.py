"""`cakupan users add`: create (or reset) a user with one role in one region from the shell.

For the first administrator of an installation, and for a demo that covers another regency.
Whoever runs it already holds the database; `user_bootstrap` audits it as the system. The
password is read from a prompt (or standard input), never from the command line, where it would
stay in the shell's history and the process list.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

app = typer.Typer(help="Pengguna: buat pengguna pertama dari shell.", no_args_is_help=True)


@app.callback()
def _group() -> None:
    """Pengguna: buat pengguna pertama dari shell."""


@app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Nama login.")],
    role: Annotated[
        str,
        typer.Option(
            "--role",
            help="administrator, regency_operator, village_operator, partner_operator, "
            "bpjs_officer atau viewer.",
        ),
    ],
    region: Annotated[str, typer.Option("--region", help="Kode wilayah, mis. 62 atau 62.08.")],
    name: Annotated[str, typer.Option("--name", help="Nama lengkap.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Baca kata sandi dari masukan standar.")
    ] = False,
) -> None:
    """Create a user (or reset their password and add the role) with ROLE in REGION."""
    from cakupan.bootstrap import django_setup

    django_setup(database="ready")
    from cakupan.accounts.roles import Role
    from cakupan.accounts.services import user_bootstrap
    from cakupan.audit.context import request_context
    from cakupan.errors import DomainError
    from cakupan.regions.names import region_normalise_code

    if role not in Role.values:
        typer.echo(f"Peran tidak dikenal: {role}. Pilih: {', '.join(Role.values)}.", err=True)
        raise typer.Exit(2)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Kata sandi", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        typer.echo("Kata sandi minimal 10 karakter.", err=True)
        raise typer.Exit(2)
    code = region_normalise_code(region) or region.strip()
    try:
        with request_context():
            user = user_bootstrap(
                username=username, password=password, role=role, region_code=code, full_name=name
            )
    except DomainError as err:
        typer.echo(err.message("id"), err=True)
        raise typer.Exit(2) from err
    typer.echo(f"Pengguna {user.username}: {role} di {code}.")
