"""`cakupan demo` and `cakupan serve`: one machine, SQLite by default, nothing else to install."""

import os
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

console = Console()

# (username, role, region code, full name). One per role, plus a kecamatan-scoped operator so
# region scope can be seen at work: `jelai` sees Kecamatan Jelai and nothing of Sukamara town.
DEMO_USERS = [
    ("admin", "administrator", "62.08", "Administrator Demo"),
    ("disnaker", "regency_operator", "62.08", "Operator Disnaker Sukamara"),
    ("jelai", "regency_operator", "62.08.02", "Operator Kecamatan Jelai"),
    ("desa", "village_operator", "62.08.02.2002", "Operator Desa Pulau Nibung"),
    ("kesbangpol", "partner_operator", "62.08", "Operator Kesbangpol"),
    ("bpjs", "bpjs_officer", "62.08", "Petugas BPJS Cabang Pangkalan Bun"),
    ("pimpinan", "viewer", "62.08", "Pimpinan Daerah"),
]
DEMO_PASSWORD = "cakupan-demo"
# None leaves the global `cakupan --data-dir` / CAKUPAN_DATA_DIR in charge.
DATA_DIR_HELP = (
    "Where the SQLite file and private uploads live "
    "(default: cakupan --data-dir, CAKUPAN_DATA_DIR or ./cakupan-data)."
)


def _prepare(data_dir: Path | None) -> None:
    if data_dir is not None:
        os.environ["CAKUPAN_DATA_DIR"] = str(data_dir)
    from cakupan.bootstrap import django_setup

    django_setup()


def demo_setup() -> None:
    """Migrate, load regions and create the demo users. Safe to run again: it changes nothing
    that is already there, except resetting the demo users' passwords."""
    from django.conf import settings
    from django.core.management import call_command

    from cakupan.accounts.services import user_bootstrap
    from cakupan.audit.context import request_context
    from cakupan.coverage.demo import coverage_demo_fill
    from cakupan.coverage.gap.demo import gap_demo_fill
    from cakupan.regions.services import regions_load
    from cakupan.registry.synthetic import demo_registry_fill

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    console.print(f"[bold]Data:[/bold] {settings.DATA_DIR}")
    call_command("migrate", interactive=False, verbosity=0)
    with request_context():
        result = regions_load()
        console.print(f"Wilayah Kemendagri: {result}")
        for username, role, region, name in DEMO_USERS:
            user_bootstrap(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                region_code=region,
                full_name=name,
                job="cakupan demo",
            )
        console.print(f"Registri sintetis: {demo_registry_fill()}")
        filled = coverage_demo_fill()
        console.print(
            f"Cakupan sintetis: penyebut dan target {filled['regions']} wilayah, "
            f"fakta {filled['months']} bulan"
        )
        console.print(f"Daftar penduduk bekerja sintetis: {gap_demo_fill()}")


def role_names(role: str) -> str:
    """`Operator kabupaten / Regency operator`: the role as the pages name it, in both
    languages (the console has no language switch)."""
    from django.utils import translation

    from cakupan.accounts.roles import Role

    names = []
    for lang in ("id", "en"):
        with translation.override(lang):
            names.append(str(Role(role).label))
    return names[0] if names[0] == names[1] else " / ".join(names)


def region_name(code: str) -> str:
    """`62.08 Kabupaten Sukamara`, or the bare code before the regions are loaded."""
    from cakupan.regions.selectors import region_labels

    name = region_labels(codes=[code]).get(code)
    return f"{code} {name}" if name else code


def _print_logins(url: str) -> None:
    table = Table(title="Login demo (sandi / password: " + DEMO_PASSWORD + ")")
    table.add_column("Pengguna / user")
    table.add_column("Peran / role")
    table.add_column("Wilayah / region")
    for username, role, region, _name in DEMO_USERS:
        table.add_row(username, role_names(role), region_name(region))
    console.print(table)
    console.print(f"[bold green]Cakupan demo:[/bold green] {url}")
    console.print("Data demo di luar kode wilayah bersifat sintetis / demo data is synthetic.")


def _run_server(host: str, port: int) -> None:
    """Serve pages and run the background worker (imports, refreshes) beside them.

    The worker is a child process with the same settings, so a long import never blocks a
    page; it stops when the server stops.
    """
    import signal
    import subprocess
    import sys

    from django.core.management import call_command

    # A plain SIGTERM would kill this process without running `finally`, orphaning the worker.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    worker = subprocess.Popen(
        [sys.executable, "-m", "cakupan.cli", "manage", "db_worker", "--interval", "1"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cakupan.settings"},
    )
    try:
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
    finally:
        worker.terminate()
        worker.wait(timeout=10)


def demo(
    port: int = typer.Option(8000, help="Port to listen on (default 8000)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    data_dir: Path = typer.Option(None, help=DATA_DIR_HELP),
    setup_only: bool = typer.Option(False, help="Prepare the data and exit without serving."),
) -> None:
    """Start the demo: Sukamara (62.08) loaded, one demo user per role, on 127.0.0.1:8000."""
    _prepare(data_dir)
    demo_setup()
    url = f"http://{host}:{port}/"
    _print_logins(url)
    if not setup_only:
        _run_server(host, port)


def serve(
    port: int = typer.Option(8000, help="Port to listen on (default 8000)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    data_dir: Path = typer.Option(None, help=DATA_DIR_HELP),
) -> None:
    """Serve an existing installation on one machine (migrates first; no demo users)."""
    _prepare(data_dir)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    console.print(f"Cakupan: http://{host}:{port}/")
    _run_server(host, port)
