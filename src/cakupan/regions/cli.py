"""`cakupan regions …`: load the shipped Kemendagri regions, look a region up."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Wilayah Kemendagri: muat dan cari.", no_args_is_help=True)
console = Console()


@app.command("load")
def load(
    prefix: list[str] = typer.Option(
        None, "--prefix", help="Only regions under this code (repeatable), e.g. 62 or 62.08."
    ),
) -> None:
    """Load (or refresh) all regions of Indonesia shipped in the package. Safe to re-run."""
    from cakupan.bootstrap import django_setup

    django_setup(database="migrate")
    from cakupan.regions.services import regions_load

    console.print(str(regions_load(prefixes=prefix or None)))


@app.command("lookup")
def lookup(
    text: str = typer.Argument(..., help='A code ("620802") or a name ("Kec. Jelai").'),
    level: str = typer.Option(None, help="province, regency, district or village."),
    within: str = typer.Option(None, help="Only inside this region code."),
) -> None:
    """Find regions by code or name (case-, spacing- and prefix-insensitive)."""
    from cakupan.bootstrap import django_setup

    django_setup(database="ready")
    from cakupan.regions.names import region_normalise_code
    from cakupan.regions.selectors import region_get, region_lookup, region_suggestions

    try:
        code = region_normalise_code(text)
        found = (
            [region_get(code=code)]
            if code
            else region_lookup(name=text, level=level, within=within)
        )
    except Exception as exc:  # noqa: BLE001 - domain errors carry their own message
        if not hasattr(exc, "message"):
            raise
        console.print(f"[red]{exc.message('id')}[/red]")
        raise typer.Exit(2) from exc
    if not found:
        near = region_suggestions(name=text, level=level, within=within)
        hint = ", ".join(f"{r.code} {r.name}" for r in near) or "-"
        console.print(f"[red]Tidak ditemukan.[/red] Mungkin maksud Anda: {hint}")
        raise typer.Exit(1)
    table = Table()
    for column in ("Kode", "Nama", "Tingkat", "Induk"):
        table.add_column(column)
    for region in found:
        table.add_row(region.code, region.name, region.get_level_display(), region.parent_id or "")
    console.print(table)
