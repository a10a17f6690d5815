"""`cakupan calc`: contributions, benefits and heirs from the rules package, at a shell.

Option names are a contract: other systems script against them. Output is a table with
Indonesian labels by default and JSON with `--json`. A rule error exits with code 2 and its
message on stderr, never a traceback. Imports nothing from Django.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from cakupan.formatting import long_date, rupiah
from cakupan.rules.benefits import (
    benefit_jkk_ctt,
    benefit_jkk_death,
    benefit_jkk_stmb,
    benefit_jkm_death,
    scholarship,
)
from cakupan.rules.calculation import Calculation
from cakupan.rules.contributions import (
    contribution_bpu,
    contribution_jakon,
    contribution_pmi,
    contribution_pu,
)
from cakupan.rules.errors import InvalidInputError, RuleError
from cakupan.rules.heirs import Deceased, HeirsResult, Relative, heirs_entitled
from cakupan.rules.nik import mask_nik

app = typer.Typer(
    help="Hitung iuran, manfaat dan ahli waris BPJS Ketenagakerjaan menurut aturan bertanggal.",
    no_args_is_help=True,
)

PAYERS = {
    "employer": ("Pemberi kerja", "Employer"),
    "worker": ("Pekerja", "Worker"),
    "government": ("Pemerintah", "Government"),
    "participant": ("Peserta", "Participant"),
    "apbd": ("APBD", "APBD"),
    "apbdes": ("APBDes", "APBDes"),
    "apbn": ("APBN", "APBN"),
    "sponsor": ("Sponsor", "Sponsor"),
}
RELATIONS = {
    "spouse": ("Suami/istri", "Spouse"),
    "widow": ("Janda", "Widow"),
    "widower": ("Duda", "Widower"),
    "child": ("Anak", "Child"),
    "parent": ("Orang tua", "Parent"),
    "grandchild": ("Cucu", "Grandchild"),
    "grandparent": ("Kakek/nenek", "Grandparent"),
    "sibling": ("Saudara kandung", "Sibling"),
    "parent_in_law": ("Mertua", "Parent-in-law"),
    "will_beneficiary": ("Penerima wasiat", "Will beneficiary"),
}
RECIPIENTS = {
    "heirs": ("Ahli waris", "Heirs"),
    "bhp": ("Balai Harta Peninggalan", "Balai Harta Peninggalan (estate office)"),
    "funeral_arranger": (
        "Pihak yang mengurus pemakaman (biaya pemakaman saja)",
        "Whoever arranged the funeral (funeral allowance only)",
    ),
    "none": ("Tidak ada penerima", "No recipient"),
}

JsonOpt = Annotated[bool, typer.Option("--json", help="Cetak JSON untuk mesin.")]
LangOpt = Annotated[str, typer.Option("--lang", help="Bahasa keluaran: id atau en.")]
DateOpt = Annotated[str, typer.Option("--date", help="Tanggal YYYY-MM-DD (bulan iuran/kejadian).")]


def _t(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _date(text: str | None, field: str = "--date") -> dt.date:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise InvalidInputError("input.date", field=field, value=text) from None


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
        payer = _t(PAYERS.get(c.payer, (c.payer, c.payer)), lang) if c.payer else "-"
        style = "dim" if c.informational else None
        table.add_row(c.program, label, payer, rupiah(c.amount), c.reference, style=style)
    table.add_section()
    for payer, amount in calc.totals_by_payer.items():
        name = _t(PAYERS.get(payer, (payer, payer)), lang)
        table.add_row("", ("Total " if en else "Jumlah ") + name, "", rupiah(amount), "")
    table.add_row("", "TOTAL", "", rupiah(calc.total), "", style="bold")
    console = Console(file=sys.stdout, width=160)
    console.print(table)
    for note in calc.notes:
        console.print(f"• {note}")


def _money(value: int | None, field: str) -> int:
    if value is None:
        raise InvalidInputError("input.required", field=field)
    return value


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
        day = _date(date)
        kind = segment.upper()
        if kind == "PU":
            chosen = programs.split(",") if programs else None
            return contribution_pu(
                date=day,
                wage=_money(wage, "--wage"),
                risk_class=_money(risk_class, "--risk-class"),
                padat_karya=padat_karya,
                programs=chosen,
                rounding=rounding,
            )
        if kind == "BPU":
            return contribution_bpu(
                date=day,
                income=_money(income, "--income"),
                with_jht=with_jht,
                days=days,
                charging=charging,
                transport_worker=transport_worker,
                payer=payer,
                rounding=rounding,
            )
        if kind == "JAKON":
            return contribution_jakon(
                date=day, project_value=_money(project_value, "--project-value"), rounding=rounding
            )
        if kind == "PMI":
            return contribution_pmi(date=day, contract_months=contract_months)
        raise InvalidInputError(
            "input.choice", field="--segment", choices="PU, BPU, JAKON, PMI", value=segment
        )

    calc = _run(lang, compute)
    title = ("Iuran {s} per {d}", "Contribution {s} on {d}")
    _show(
        calc,
        as_json=as_json,
        lang=lang,
        title=_t(title, lang).format(s=segment.upper(), d=long_date(_date(date), lang)),
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
        day = _date(date)
        start = _date(membership_start, "--membership-start") if membership_start else None
        kids = [c for c in children.split(",") if c.strip()]
        key = (program.upper(), event.lower())
        base = wage if wage is not None else income
        if key == ("JKM", "death"):
            return benefit_jkm_death(
                date=day,
                membership_months=membership_months,
                children=kids,
                membership_start=start,
            )
        if key[1] == "scholarship":
            return scholarship(
                date=day, program=key[0], membership_months=membership_months, children=kids
            )
        if key[0] == "JKK":
            upah = _money(base, "--wage/--income")
            if key[1] == "death":
                return benefit_jkk_death(
                    date=day,
                    wage_or_income=upah,
                    children=kids,
                    membership_months=membership_months,
                    membership_start=start,
                )
            if key[1] == "stmb":
                return benefit_jkk_stmb(date=day, wage_or_income=upah, days=_money(days, "--days"))
            if key[1] == "ctt":
                return benefit_jkk_ctt(date=day, wage_or_income=upah, children=kids)
        raise InvalidInputError("benefit.event_unknown", program=program, event=event)

    calc = _run(lang, compute)
    title = ("Manfaat {p} ({e}) per {d}", "Benefit {p} ({e}) on {d}")
    _show(
        calc,
        as_json=as_json,
        lang=lang,
        title=_t(title, lang).format(p=program.upper(), e=event, d=long_date(_date(date), lang)),
    )


def _relative(raw: dict) -> Relative:
    fields = dict(raw)
    if fields.get("birth_date"):
        fields["birth_date"] = _date(fields["birth_date"], "birth_date")
    allowed = set(Relative.__dataclass_fields__)
    unknown = set(fields) - allowed
    if unknown:
        raise InvalidInputError("input.json", detail=f"unknown fields {sorted(unknown)}")
    if "relation" not in fields:
        raise InvalidInputError("input.required", field="relation")
    return Relative(**fields)


def _heirs_input(text: str, program: str | None) -> tuple[Deceased, list[Relative], str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError("input.json", detail=str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("deceased"), dict):
        raise InvalidInputError("input.json", detail="expected {deceased: {...}, relatives: [...]}")
    raw = data["deceased"]
    deceased = Deceased(
        sex=str(raw.get("sex", "")).upper(),
        death_date=_date(raw.get("death_date"), "deceased.death_date"),
        birth_date=_date(raw["birth_date"], "deceased.birth_date")
        if raw.get("birth_date")
        else None,
        nik=raw.get("nik"),
    )
    relatives = [_relative(r) for r in data.get("relatives", []) if isinstance(r, dict)]
    chosen = program or data.get("program")
    if not chosen:
        raise InvalidInputError("input.required", field="--program")
    return deceased, relatives, chosen


def _person(r: Relative) -> dict[str, Any]:
    return {
        "relation": r.relation,
        "name": r.name,
        "nik": mask_nik(r.nik) if r.nik else None,
        "birth_date": r.birth_date.isoformat() if r.birth_date else None,
    }


def _heirs_json(result: HeirsResult) -> dict[str, Any]:
    return {
        "program": result.program,
        "recipient": result.recipient,
        "group_rank": result.group_rank,
        "reference": result.reference,
        "group": [_person(r) for r in result.group],
        "scholarship_children": [_person(r) for r in result.scholarship_children],
        "excluded": [dict(_person(r), reason=why) for r, why in result.excluded],
    }


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
        deceased, relatives, chosen = _heirs_input(text, program)
        return heirs_entitled(deceased=deceased, relatives=relatives, program=chosen)

    result = _run(lang, compute)
    if as_json:
        typer.echo(json.dumps(_heirs_json(result), ensure_ascii=False, indent=2))
        return
    console = Console(file=sys.stdout, width=160)
    recipient = _t(RECIPIENTS[result.recipient], lang)
    console.print(f"{result.program}: {recipient} — {result.reference}")
    table = Table(title=_t(("Ahli waris berhak", "Entitled heirs"), lang))
    for header in (("Hubungan", "Relation"), ("Nama", "Name"), ("NIK", "NIK"), ("Lahir", "Born")):
        table.add_column(_t(header, lang))
    for person in map(_person, result.group):
        person["relation"] = _t(RELATIONS[person["relation"]], lang)
        table.add_row(*(person[k] or "-" for k in ("relation", "name", "nik", "birth_date")))
    console.print(table)
    names = ", ".join(r.name or r.nik or "?" for r in result.scholarship_children) or "-"
    console.print(_t(("Anak penerima beasiswa: ", "Scholarship children: "), lang) + names)
    for r, why in result.excluded:
        console.print(f"[dim]× {r.name or r.relation}: {why}[/dim]")
