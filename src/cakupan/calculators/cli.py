"""`cakupan calc`: contributions, benefits and heirs from the rules package, at a shell.

Option names are a contract: other systems script against them. Output is a table in
Indonesian by default (`--lang en` for English; labels, details, notes and error messages
follow it) and JSON with `--json`. A rule error exits with code 2 and its message on stderr,
never a traceback. Imports nothing from Django. The API (`/api/v1/calc/...`) answers with the
very same JSON; there, the language comes from `Accept-Language`.

JSON of `cakupan calc contribution --json` and `cakupan calc benefit --json`
(amounts are whole rupiah, integers)::

    {
      "total": 42000000,             # sum of all non-informational components
      "totals_by_payer": {"employer": 473000, ...},   # contributions; {} for benefits
      "components": [
        {"program": "JKM", "name": "lump_sum", "label": "Santunan sekaligus",
         "amount": 20000000, "exact": "20000000", "payer": null,
         "reference": "PP 82/2019 Pasal I ...", "informational": false,
         "info_note": null,        # informational only: why it is not in the totals
         "detail": null}           # e.g. "24 bulan x Rp500.000", in the chosen language
      ],
      "trace": [{"parameter": "jkm.lump_sum", "value": 20000000,
                 "effective_from": "2019-12-02", "reference": "...", "note": "..."}],
      "notes": ["..."],            # in the chosen language
      # benefit only:
      "paid_at_claim": 42000000,   # lump sum + periodic + funeral (+ STMB): paid on the claim
      "scholarships_total": 0,     # most the children can receive over their school years
      "scholarships_note": null    # when scholarships_total > 0: they are paid per school
    }                              # year while the child is in school, up to that amount

`total == paid_at_claim + scholarships_total == sum of non-informational amounts`.
Informational components (discounts, JP deferred, JKP recomposed) explain money without
moving it. A scholarship component's `detail` names the child, level and years.

JSON of `cakupan calc heirs --json` (POST `/api/v1/calc/heirs`): not money, so a different
shape. Input, on stdin or in a file::

    {"program": "JKM",               # JKM, JKK, JHT or JP (or --program)
     "deceased": {"sex": "L", "death_date": "2024-02-20",
                  "birth_date": "1980-01-01", "nik": null},
     "relatives": [{"relation": "widow", "alive": true, "name": "Siti",
                    "nik": "...", "birth_date": null, "marital_status": "married",
                    "working": false, "notarial_deed": false}]}

relation: spouse, widow, widower, child, parent, grandchild, grandparent, sibling,
parent_in_law, will_beneficiary; marital_status: single, married, divorced, widowed,
remarried. Output::

    {
      "program": "JKM",
      "recipient": "heirs",          # heirs | bhp (JHT, nobody left) |
                                     # funeral_arranger (JKM/JKK, nobody left) | none (JP)
      "recipient_label": "Ahli waris",
      "group_rank": 1,               # 1 = spouse and children, 2 = parents, grandchildren
                                     # and grandparents, 3 = siblings, 4 = parents-in-law,
                                     # 5 = will beneficiary; null when nobody is entitled
      "reference": "Permenaker 5/2021 ...",
      "group": [{"relation": "widow", "relation_label": "Janda", "name": "Siti",
                 "nik": "620801••••••0003", "birth_date": null}],
      "scholarship_children": [...],   # same person objects, eldest first
      "excluded": [{..., "reason": "sudah meninggal"}]   # reason in the chosen language
    }

NIKs are always masked; dates are ISO (YYYY-MM-DD) in JSON and `27 November 2024` in tables.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cakupan.calculators.labels import RECIPIENTS, SEGMENT_LABELS, event_label, payer_label
from cakupan.calculators.parsing import cli_field, parse_date, parse_lang
from cakupan.calculators.requests import benefit_request, contribution_request, heirs_request
from cakupan.calculators.results import benefit_as_dict, contribution_as_dict, heirs_as_dict
from cakupan.rules.benefits.scholarship import SCHOLARSHIP, SCHOLARSHIPS_NOTE, benefit_subtotals
from cakupan.rules.calculation import Calculation, display_order
from cakupan.rules.errors import InvalidInputError, RuleError
from cakupan.rules.formats import long_date, rupiah
from cakupan.rules.heirs import HeirsResult
from cakupan.rules.wording import in_lang

app = typer.Typer(
    help="Hitung iuran, manfaat dan ahli waris BPJS Ketenagakerjaan menurut aturan bertanggal.",
    no_args_is_help=True,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Cetak JSON untuk mesin.")]
LangOpt = Annotated[
    str, typer.Option("--lang", help="Bahasa keluaran: id (bawaan) atau en / output language.")
]
DateOpt = Annotated[str, typer.Option("--date", help="Tanggal YYYY-MM-DD (bulan iuran/kejadian).")]


def _t(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _fail(err: RuleError, lang: str) -> typer.Exit:
    typer.echo(err.message(lang), err=True)
    return typer.Exit(code=2)


def _lang(value: str) -> str:
    """--lang checked before anything else; an unknown language is refused (exit 2)."""
    try:
        return parse_lang(value, "--lang")
    except RuleError as err:
        raise _fail(err, "id") from None


def _run(lang: str, fn, *args: Any) -> Any:
    try:
        return fn(*args)
    except RuleError as err:
        raise _fail(err, lang) from None


def _row(table: Table, c, lang: str) -> None:
    """One component; an informational one is indented, in brackets and says why it is not
    in the totals, so the totals visibly add up. Text, not markup: `[...]` would vanish."""
    detail = in_lang(c.detail, lang)
    label = c.label(lang) + (f" ({detail})" if detail else "")
    amount = rupiah(c.amount)
    if c.informational:
        label = f"  ↳ {label} ({c.info_note(lang)})"
        amount = f"({amount})"
    style = "dim" if c.informational else None
    payer = payer_label(c.payer, lang)
    cells = (c.program, label, payer, amount, c.reference)
    table.add_row(*(Text(str(cell)) for cell in cells), style=style)


def _print(console: Console, table: Table, calc: Calculation, lang: str) -> None:
    console.print(table)
    for note in calc.notes:
        console.print(f"• {in_lang(note, lang)}")


def _show(
    calc: Calculation, *, as_json: bool, lang: str, title: str, benefit: bool = False
) -> None:
    if as_json:
        data = benefit_as_dict(calc, lang) if benefit else contribution_as_dict(calc, lang)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
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
    console = Console(file=sys.stdout, width=160)
    if benefit:
        _benefit_rows(table, calc, lang)
        _print(console, table, calc, lang)
        if benefit_subtotals(calc)["scholarships_total"]:
            console.print(f"• {SCHOLARSHIPS_NOTE.in_lang(lang)}")
        return
    for c in display_order(calc.components):
        _row(table, c, lang)
    table.add_section()
    for payer, amount in calc.totals_by_payer.items():
        name = payer_label(payer, lang)
        table.add_row("", ("Total " if en else "Jumlah ") + name, "", rupiah(amount), "")
    table.add_row("", "TOTAL", "", rupiah(calc.total), "", style="bold")
    _print(console, table, calc, lang)


def _benefit_rows(table: Table, calc: Calculation, lang: str) -> None:
    """Money paid on the claim first, then the scholarships to come, each with its subtotal."""
    subtotals = benefit_subtotals(calc)
    now = [c for c in calc.components if c.name != SCHOLARSHIP]
    later = [c for c in calc.components if c.name == SCHOLARSHIP]
    for c in now:
        _row(table, c, lang)
    table.add_section()
    paid = ("Dibayar saat klaim", "Paid when the claim is paid")
    table.add_row("", _t(paid, lang), "", rupiah(subtotals["paid_at_claim"]), "", style="bold")
    if later:
        table.add_section()
        for c in later:
            _row(table, c, lang)
        table.add_section()
        words = (
            "Beasiswa (paling banyak; dibayar per tahun ajaran)",
            "Scholarships (at most; paid per school year)",
        )
        table.add_row("", _t(words, lang), "", rupiah(subtotals["scholarships_total"]), "")
    table.add_section()
    total = (
        ("TOTAL (termasuk beasiswa yang akan datang)", "TOTAL (including future scholarships)")
        if later
        else ("TOTAL", "TOTAL")
    )
    table.add_row("", _t(total, lang), "", rupiah(calc.total), "", style="bold")


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

    lang = _lang(lang)
    calc = _run(lang, compute)
    title = ("Iuran {s}, {d}", "Contributions, {s}, {d}")
    kind = SEGMENT_LABELS.get(segment.strip().upper(), (segment, segment))
    _show(
        calc,
        as_json=as_json,
        lang=lang,
        title=_t(title, lang).format(s=_t(kind, lang), d=long_date(parse_date(date), lang)),
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

    lang = _lang(lang)
    calc = _run(lang, compute)
    title = ("Manfaat {p}: {e}, {d}", "{p} benefit: {e}, {d}")
    _show(
        calc,
        as_json=as_json,
        lang=lang,
        benefit=True,
        title=_t(title, lang).format(
            p=program.strip().upper(),
            e=event_label(event, lang),
            d=long_date(parse_date(date), lang),
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
        return heirs_request(text, program, field=_heirs_field)

    lang = _lang(lang)
    result = _run(lang, compute)
    data = heirs_as_dict(result, lang)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = Console(file=sys.stdout, width=160)
    recipient = _t(RECIPIENTS[result.recipient], lang)
    rank = ""
    if result.group_rank:
        rank = _t((" (golongan ke-{n})", " (group {n})"), lang).format(n=result.group_rank)
    basis = _t(("dasar hukum", "reference"), lang)
    console.print(f"{result.program}: {recipient}{rank}. {basis}: {result.reference}")
    table = Table(title=_t(("Ahli waris yang berhak", "Entitled heirs"), lang))
    for header in (("Hubungan", "Relation"), ("Nama", "Name"), ("NIK", "NIK"), ("Lahir", "Born")):
        table.add_column(_t(header, lang))
    for person in data["group"]:
        table.add_row(*_person_cells(person, lang))
    console.print(table)
    names = ", ".join(_who(p) for p in data["scholarship_children"]) or "-"
    console.print(_t(("Anak penerima beasiswa: ", "Scholarship children: "), lang) + names)
    for person in data["excluded"]:
        console.print(f"[dim]× {_who(person)}: {person['reason']}[/dim]")


def _heirs_field(name: str) -> str:
    """`--program` is an option; every other name is a key of the JSON the user wrote."""
    return cli_field(name) if name == "program" else name


def _who(person: dict[str, Any]) -> str:
    return person["name"] or person["nik"] or person["relation_label"]


def _person_cells(person: dict[str, Any], lang: str) -> list[str]:
    born = long_date(parse_date(person["birth_date"]), lang) if person["birth_date"] else "-"
    return [person["relation_label"], person["name"] or "-", person["nik"] or "-", born]
