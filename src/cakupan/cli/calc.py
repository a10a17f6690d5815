"""`cakupan calc`: contributions, benefits and heirs from the rules package, at a shell.

Option names are a contract: other systems script against them. Output is a table with
Indonesian labels by default and JSON with `--json`. A rule error exits with code 2 and its
message on stderr, never a traceback. Imports nothing from Django.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from cakupan.formatting import long_date, rupiah
from cakupan.rules.calculation import Calculation
from cakupan.rules.errors import InvalidInputError, RuleError
from cakupan.rules.heirs import HeirsResult
from cakupan.rules.requests import (
    RECIPIENTS,
    RELATIONS,
    benefit_request,
    cli_field,
    contribution_request,
    heirs_as_dict,
    heirs_request,
    parse_date,
    payer_label,
    person_as_dict,
)

app = typer.Typer(
    help="Hitung iuran, manfaat dan ahli waris BPJS Ketenagakerjaan menurut aturan bertanggal.",
    no_args_is_help=True,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Cetak JSON untuk mesin.")]
LangOpt = Annotated[str, typer.Option("--lang", help="Bahasa keluaran: id atau en.")]
DateOpt = Annotated[str, typer.Option("--date", help="Tanggal YYYY-MM-DD (bulan iuran/kejadian).")]


def _t(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _fail(err: RuleError, lang: str) -> typer.Exit:
    typer.echo(err.message(lang), err=True)
    return typer.Exit(code=2)


def _run(lang: str, fn, *args: Any) -> Any:
    try:
        return fn(*args)
    except RuleError as err:
        raise _fail(err, lang) from None


def _show(calc: Calculation, *, as_json: bool, lang: str, title: str) -> None:
    if as_json:
        typer.echo(json.dumps(calc.as_dict(lang), ensure_ascii=False, indent=2))
        return
    en = lang == "en"
    table = Table(title=title, show_footer=False)
    for header in (
        ("Program", "Program"),
        ("Komponen", "Component"),
        ("Dibayar oleh", "Paid by"),
        ("Jumlah", "Amount"),
        ("Dasar hukum", "Reference"),
    ):
        table.add_column(_t(header, lang), justify="right" if header[0] == "Jumlah" else "left")
    for c in calc.components:
        label = c.label(lang) + (f" ({c.detail})" if c.detail else "")
        if c.informational:
            label += " [info]" if en else " [informasi]"
        payer = payer_label(c.payer, lang)
        style = "dim" if c.informational else None
        table.add_row(c.program, label, payer, rupiah(c.amount), c.reference, style=style)
    table.add_section()
    for payer, amount in calc.totals_by_payer.items():
        name = payer_label(payer, lang)
        table.add_row("", ("Total " if en else "Jumlah ") + name, "", rupiah(amount), "")
    table.add_row("", "TOTAL", "", rupiah(calc.total), "", style="bold")
    console = Console(file=sys.stdout, width=160)
    console.print(table)
    for note in calc.notes:
        console.print(f"• {note}")


@app.command()
def contribution(
    segment: Annotated[str, typer.Option("--segment", help="PU, BPU, JAKON atau PMI.")],
    date: DateOpt,
    wage: Annotated[int | None, typer.Option("--wage", help="Upah sebulan (PU).")] = None,
    risk_class: Annotated[int | None, typer.Option("--risk-class", help="1-5 (PU).")] = None,
    padat_karya: Annotated[bool, typer.Option("--padat-karya")] = False,
    programs: Annotated[str | None, typer.Option("--programs", help="mis. JKK,JKM")] = None,
    income: Annotated[int | None, typer.Option("--income", help="Penghasilan (BPU).")] = None,
    with_jht: Annotated[bool, typer.Option("--with-jht")] = False,
    days: Annotated[int | None, typer.Option("--days", help="Lama tugas (BPU).")] = None,
    charging: Annotated[str, typer.Option("--charging")] = "month_started",
    transport_worker: Annotated[bool, typer.Option("--transport-worker")] = False,
    payer: Annotated[str, typer.Option("--payer")] = "participant",
    project_value: Annotated[int | None, typer.Option("--project-value")] = None,
    contract_months: Annotated[int, typer.Option("--contract-months")] = 24,
    rounding: Annotated[str, typer.Option("--rounding")] = "component_half_up",
    as_json: JsonOpt = False,
    lang: LangOpt = "id",
) -> None:
    """Iuran sebulan (atau selama masa tugas BPU) dengan rincian per program."""

    def compute() -> Calculation:
        return contribution_request(
            segment=segment,
            date=date,
            wage=wage,
            risk_class=risk_class,
            padat_karya=padat_karya,
            programs=programs,
            income=income,
            with_jht=with_jht,
            days=days,
            charging=charging,
            transport_worker=transport_worker,
            payer=payer,
            project_value=project_value,
            contract_months=contract_months,
            rounding=rounding,
            field=cli_field,
        )

    calc = _run(lang, compute)
    title = ("Iuran {s} per {d}", "Contribution {s} on {d}")
    _show(
        calc,
        as_json=as_json,
        lang=lang,
        title=_t(title, lang).format(s=segment.upper(), d=long_date(parse_date(date), lang)),
    )


@app.command()
def benefit(
    program: Annotated[str, typer.Option("--program", help="JKM atau JKK.")],
    event: Annotated[str, typer.Option("--event", help="death, stmb, ctt, scholarship.")],
    date: DateOpt,
    wage: Annotated[int | None, typer.Option("--wage", help="Upah terakhir sebulan.")] = None,
    income: Annotated[int | None, typer.Option("--income", help="Penghasilan BPU.")] = None,
    membership_months: Annotated[int, typer.Option("--membership-months")] = 0,
    membership_start: Annotated[str | None, typer.Option("--membership-start")] = None,
    children: Annotated[str, typer.Option("--children", help="mis. SD,SMP atau SMA:1")] = "",
    days: Annotated[int | None, typer.Option("--days", help="Hari tidak mampu bekerja.")] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "id",
) -> None:
    """Manfaat (santunan) pada tanggal kejadian, dengan rincian dan dasar hukum."""

    def compute() -> Calculation:
        return benefit_request(
            program=program,
            event=event,
            date=date,
            wage=wage,
            income=income,
            membership_months=membership_months,
            membership_start=membership_start,
            children=children,
            days=days,
            field=cli_field,
        )

    calc = _run(lang, compute)
    title = ("Manfaat {p} ({e}) per {d}", "Benefit {p} ({e}) on {d}")
    _show(
        calc,
        as_json=as_json,
        lang=lang,
        title=_t(title, lang).format(
            p=program.upper(), e=event, d=long_date(parse_date(date), lang)
        ),
    )


@app.command()
def heirs(
    source: Annotated[str, typer.Argument(help="Berkas JSON, atau - untuk stdin.")] = "-",
    program: Annotated[str | None, typer.Option("--program", help="JKM, JKK, JHT, JP.")] = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "id",
) -> None:
    """Ahli waris yang berhak, menurut urutan hukum, dari data keluarga dalam JSON."""

    def compute() -> HeirsResult:
        if source == "-":
            text = sys.stdin.read()
        else:
            try:
                with open(source, encoding="utf-8") as handle:
                    text = handle.read()
            except OSError as exc:
                raise InvalidInputError("input.json", detail=str(exc)) from None
        return heirs_request(text, program, field=cli_field)

    result = _run(lang, compute)
    if as_json:
        typer.echo(json.dumps(heirs_as_dict(result), ensure_ascii=False, indent=2))
        return
    console = Console(file=sys.stdout, width=160)
    recipient = _t(RECIPIENTS[result.recipient], lang)
    console.print(f"{result.program}: {recipient} — {result.reference}")
    table = Table(title=_t(("Ahli waris berhak", "Entitled heirs"), lang))
    for header in (("Hubungan", "Relation"), ("Nama", "Name"), ("NIK", "NIK"), ("Lahir", "Born")):
        table.add_column(_t(header, lang))
    for person in map(person_as_dict, result.group):
        person["relation"] = _t(RELATIONS[person["relation"]], lang)
        table.add_row(*(person[k] or "-" for k in ("relation", "name", "nik", "birth_date")))
    console.print(table)
    names = ", ".join(r.name or r.nik or "?" for r in result.scholarship_children) or "-"
    console.print(_t(("Anak penerima beasiswa: ", "Scholarship children: "), lang) + names)
    for r, why in result.excluded:
        console.print(f"[dim]× {r.name or r.relation}: {why}[/dim]")
