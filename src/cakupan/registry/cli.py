"""`cakupan synth registry --regency 62.08`: fill the registry with realistic synthetic data.

For demos, training and benchmarks. Every row is marked synthetic; `--replace` deletes the
regency's earlier synthetic rows first (and nothing else), and refuses with a sentence when
claims or certificates refer to them. Sized from the regency's population unless `--persons`
is given; the same `--seed` gives the same data. Then, unless `--no-coverage`, the regency gets
synthetic denominators, targets and facts as the demo makes them, so its dashboard shows rates.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(help="Data sintetis untuk demo dan uji beban.", no_args_is_help=True)
console = Console()


@app.callback()
def _group() -> None:
    """Data sintetis untuk demo dan uji beban."""


@app.command("registry")
def registry(
    regency: Annotated[str, typer.Option("--regency", help="Kode Kemendagri, mis. 62.08.")],
    persons: Annotated[
        int | None,
        typer.Option("--persons", min=1, help="Jumlah orang (bawaan: dari jumlah penduduk)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Benih acak (hasil sama).")] = 6208,
    replace: Annotated[
        bool, typer.Option("--replace", help="Hapus dulu data sintetis kabupaten ini.")
    ] = False,
    spells: Annotated[
        float, typer.Option("--spells-per-person", min=1.0, help="Rata-rata masa per orang.")
    ] = 3.0,
    no_coverage: Annotated[
        bool,
        typer.Option(
            "--no-coverage",
            help="Jangan buat penyebut dan target sintetis (dasbor cakupan tetap kosong).",
        ),
    ] = False,
) -> None:
    """Generate persons, employers and coverage spells for one regency (synthetic=True),
    then synthetic denominators, targets and facts so its dashboard shows rates."""
    from cakupan.bootstrap import django_setup

    django_setup(database="migrate")
    from cakupan.audit.context import request_context
    from cakupan.errors import DomainError
    from cakupan.regions.models import Region
    from cakupan.regions.names import region_normalise_code
    from cakupan.regions.services import regions_load
    from cakupan.registry.synthetic import data, registry_synthesize

    code = region_normalise_code(regency) or regency.strip()
    with request_context():
        try:
            wanted = [code, *data.NEIGHBOURS.get(code, ())]
            if Region.objects.filter(code__in=wanted).count() < len(wanted):
                console.print(str(regions_load(prefixes=wanted)))
            result = registry_synthesize(
                regency_code=code,
                persons=persons,
                seed=seed,
                replace=replace,
                spells_per_person=spells,
            )
        except DomainError as err:
            console.print(f"[red]{err.message('id')}[/red]")
            raise typer.Exit(2) from err
    if any(result.deleted.values()):
        gone = ", ".join(f"{k} {v:,}".replace(",", ".") for k, v in result.deleted.items())
        console.print(f"Dihapus (sintetis lama): {gone}")
    console.print(str(result))
    if not no_coverage:
        _coverage_fill(code)


def _coverage_fill(code: str) -> None:
    """Denominators and targets as the demo makes them: without them the regency's dashboard
    has no rate and its public page does not exist."""
    from cakupan.audit.context import request_context
    from cakupan.coverage.demo import coverage_demo_fill
    from cakupan.coverage.models import Denominator

    with request_context():
        filled = coverage_demo_fill(regency_code=code)
    official = Denominator.objects.filter(regency_code=code).exclude(basis="synthetic")
    if filled.get("skipped") and official.exists():
        console.print(
            f"Penyebut dan target {code} tidak diubah: sudah ada penyebut resmi (bukan sintetis)."
        )
    elif not filled.get("skipped"):
        console.print(
            f"Penyebut sintetis untuk {filled['regions']} wilayah × "
            f"{filled['denominators'] // filled['regions']} tahun, {filled['targets']} target "
            f"sintetis, fakta cakupan {filled['months']} bulan untuk {code} "
            "(berlabel sintetis, bukan statistik resmi)."
        )
    from cakupan.coverage.public.selectors import public_regencies

    if code not in public_regencies():
        # Publishing a regency is an explicit setting, never a side effect of test data.
        console.print(
            f"Halaman publik {code} tidak tampil: tambahkan {code} ke CAKUPAN_PUBLIC_REGENCIES "
            "bila perlu."
        )
