"""What the `cakupan coverage ...` commands share: the error exit code, the --lang option, the
error line, and the system actor a command acts as when no user is named."""

from __future__ import annotations

from typing import Annotated

import typer

ERROR = 2

LangOpt = Annotated[str, typer.Option("--lang", help="Bahasa keluaran: id atau en.")]


def lang_of(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else "id"


def fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code=ERROR)


def shell_actor(job: str, region_codes) -> object:
    """The operator at the shell, who already holds the database: the system acting for `job`
    inside `region_codes`, named so in the audit log (`system: <job>`)."""
    from cakupan.accounts.scope import SystemActor

    return SystemActor(job=job, region_codes=tuple(region_codes))
