"""`cakupan claims summary`: counts and amounts of claims by program, kecamatan or agreement,
as CSV (default) or JSON, for the coverage report or a spreadsheet.

`--user` answers inside that user's region scope (the same selector the API and pages use);
the command needs it, because claims carry personal data and the summary follows scope.
Mounted by `cakupan.cli` as `app.add_typer(claims.cli.app, name="claims")`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Annotated

import typer

app = typer.Typer(help="Klaim santunan: ringkasan untuk laporan cakupan.", no_args_is_help=True)

# decided_amount: paid at the claim; scholarships_amount (last, so older readers' columns
# keep their places): scholarships promised per school year, paid later.
COLUMNS = ("key", "claims", "refused", "rejected", "paid_claims", "decided_amount", "paid_amount",
           "scholarships_amount")  # fmt: skip


@app.callback()
def _main() -> None:
    """Klaim santunan."""


def _date(text: str, field: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        typer.echo(f"--{field}: tanggal harus YYYY-MM-DD (diberikan '{text}').", err=True)
        raise typer.Exit(code=2) from None


@app.command("summary")
def summary(
    user: Annotated[str, typer.Option("--user", help="Username; ringkasan dalam wilayahnya.")],
    by: Annotated[
        str, typer.Option("--by", help="Kelompok: program, region (kecamatan) atau agreement.")
    ] = "program",
    start: Annotated[str, typer.Option("--from", help="Tanggal kejadian mulai (YYYY-MM-DD).")] = "",
    end: Annotated[str, typer.Option("--to", help="Tanggal kejadian sampai (YYYY-MM-DD).")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Cetak JSON, bukan CSV.")] = False,
) -> None:
    """Jumlah klaim dan nilai manfaat/pembayaran per program, kecamatan atau PKS."""
    if by not in ("program", "region", "agreement"):
        typer.echo("--by: program, region atau agreement.", err=True)
        raise typer.Exit(code=2)
    first, last = _date(start, "from"), _date(end, "to")
    from cakupan.bootstrap import django_setup

    django_setup(database="ready")
    from cakupan.accounts.models import User
    from cakupan.claims.selectors import claims_summary

    viewer = User.objects.filter(username=user, is_active=True).first()
    if viewer is None:
        typer.echo(f"Pengguna '{user}' tidak ditemukan.", err=True)
        raise typer.Exit(code=2)
    rows = claims_summary(user=viewer, start=first, end=last, by=by)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
