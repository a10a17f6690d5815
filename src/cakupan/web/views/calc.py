"""The regulation parameters page and the calculator: the rules package, readable by people.

The calculator asks `cakupan.rules.requests` (the parser the CLI and the API use) and shows the
`Calculation` it returns; a rule error is shown next to the field it is about (or above the
form) in the user's language. The page submits with GET, so a result is a link an officer can
send to a family. Death benefits show what is paid on the claim apart from the scholarships
paid school year by school year; the heirs section names who is entitled, in legal order.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cakupan.accounts.scope import require_permission
from cakupan.rules import formats as formatting
from cakupan.rules.benefits.scholarship import LEVELS, level_label
from cakupan.rules.calculation import Calculation, display_order
from cakupan.rules.contributions.bpu import BPU_PAYERS as RULE_PAYERS
from cakupan.rules.errors import RuleError
from cakupan.rules.errors import render as rule_message
from cakupan.rules.heirs import MARITAL as MARITAL_CODES
from cakupan.rules.heirs import PROGRAMS as HEIRS_PROGRAMS
from cakupan.rules.heirs import RELATIONS as RELATION_CODES
from cakupan.rules.heirs import HeirsResult
from cakupan.rules.params import param, parameters_catalog
from cakupan.rules.requests import (
    MARITAL,
    RECIPIENTS,
    RELATIONS,
    SCHOLARSHIP,
    SCHOLARSHIPS_NOTE,
    benefit_request,
    benefit_subtotals,
    contribution_request,
    heirs_request,
    label,
    parse_date,
    payer_label,
    reword,
)
from cakupan.rules.wording import Words, in_lang

SUBJECTS = {
    "pu": _("Iuran pekerja penerima upah (PU)"),
    "bpu": _("Iuran pekerja bukan penerima upah (BPU)"),
    "jakon": _("Iuran jasa konstruksi"),
    "pmi": _("Iuran pekerja migran Indonesia (PMI)"),
    "jkp": _("Jaminan Kehilangan Pekerjaan (JKP)"),
    "relief": _("Keringanan iuran"),
    "arrears": _("Tunggakan dan masa tenggang iuran"),
    "jkk": _("Manfaat Jaminan Kecelakaan Kerja (JKK)"),
    "jkm": _("Manfaat Jaminan Kematian (JKM)"),
    "scholarship": _("Beasiswa anak"),
    "heirs": _("Ahli waris"),
    "election": _("Petugas ad hoc pemilihan umum"),
}
UNITS = {
    "rupiah": _("rupiah"),
    "percent": _("persen"),
    "multiplier": _("kali upah"),
    "months": _("bulan"),
    "days": _("hari"),
    "years": _("tahun"),
    "count": _("jumlah"),
    "code": _("kode"),
    "boolean": _("ya/tidak"),
}


# Keys inside table values and code values, as people call them.
VALUE_KEYS = {
    "per_year": _("per tahun"),
    "years": _("lama"),
    "up_to": _("sampai nilai"),
    "rate": _("tarif"),
    "months": _("lama"),
    "percent": _("persen upah"),
    "jkk": "JKK",
    "jkm": "JKM",
}
CODES = {
    "lump_sum": _("sekaligus untuk satu anak"),
    "per_level": _("per tahun menurut jenjang sekolah"),
    "apbn": "APBN",
    "apbd": "APBD",
    "apbdes": "APBDes",
}
# How sure the sources are (rules.md): the marker that opens a reference's note.
CONFIDENCE = {
    "C2": _("dikonfirmasi dua sumber atau lebih"),
    "C1": _("dari satu sumber"),
    "U": _("belum pasti"),
}
_MARKER = re.compile(r"^\[(C1|C2|U)\]\s*")
_INLINE_MARKER = re.compile(r"\[(C1|C2|U)\]")


def _lang() -> str:
    return (get_language() or "id")[:2]


def _key(key: Any, lang: str) -> str:
    text = str(key)
    if text in LEVELS:
        return level_label(text, lang)
    return str(VALUE_KEYS.get(text, text))


def _code(value: str, lang: str) -> str:
    if value in RELATIONS:
        return label(RELATIONS[value], lang)
    return str(CODES.get(value, value))


def reference_note(note: Any, lang: str) -> dict[str, Any] | None:
    """A reference's note as {confidence, text, text_lang} for a page; None if there is none.

    Notes written by the rules come in both languages. The research notes in the parameter
    files are English only (the loader reads one `note` per value): their confidence marker is
    put in words, and the page marks the rest as English text.
    """
    if not note:
        return None
    if isinstance(note, Words):
        return {"confidence": None, "text": note.in_lang(lang), "text_lang": lang, "foreign": False}
    text = str(note)
    found = _MARKER.match(text)
    confidence = CONFIDENCE[found.group(1)] if found else None
    rest = text[found.end() :] if found else text
    rest = _INLINE_MARKER.sub(lambda m: f"({CONFIDENCE[m.group(1)]})", rest)
    return {"confidence": confidence, "text": rest, "text_lang": "en", "foreign": lang != "en"}


def _scalar(value: Any, unit: str, lang: str) -> str:
    if value is None:
        return "∞"  # an open end: the last tier's upper bound, the last period's length
    if isinstance(value, bool):
        return str(_("ya") if value else _("tidak"))
    if unit == "rupiah" and isinstance(value, int | Decimal | str):
        return formatting.rupiah(Decimal(value))
    if unit == "percent":
        exact = Decimal(value).normalize()
        return formatting.percent(exact, max(0, -exact.as_tuple().exponent), lang)
    if unit == "multiplier":
        return f"{value} ×"
    if unit in ("months", "days", "years") and isinstance(value, int):
        return f"{formatting.number(value)} {UNITS[unit]}"
    if unit == "count" and isinstance(value, int):
        return formatting.number(value)
    if unit == "code" and isinstance(value, str):
        return _code(value, lang)
    return str(value)


def value_lines(value: Any, unit: str, units: dict[str, str], lang: str) -> list[str]:
    """A parameter value as short lines of text: one per table row or list item."""

    def text(item: Any, own: str) -> str:
        if isinstance(item, dict):
            parts = [f"{_key(k, lang)}: {text(v, units.get(str(k), own))}" for k, v in item.items()]
            return ", ".join(parts)
        if isinstance(item, list):
            return ", ".join(text(v, own) for v in item)
        return _scalar(item, own, lang)

    if isinstance(value, dict):
        return [f"{_key(k, lang)}: {text(v, units.get(str(k), unit))}" for k, v in value.items()]
    if isinstance(value, list):
        numbered = len(value) > 1 and all(isinstance(v, list | dict) for v in value)
        return [
            f"{i}. {text(v, unit)}" if numbered else text(v, unit)
            for i, v in enumerate(value, start=1)
        ]
    return [text(value, unit)]


@login_required
def parameter_list(request):
    """Every parameter, grouped by subject, with its dated values and references."""
    require_permission(user=request.user, permission="rules.view")
    lang = _lang()
    groups: dict[str, dict[str, Any]] = {}
    for item in parameters_catalog():
        subject = item["name"].split(".", 1)[0]
        group = groups.setdefault(
            subject, {"key": subject, "title": SUBJECTS.get(subject, subject), "parameters": []}
        )
        group["parameters"].append(
            {
                "name": item["name"],
                "description": item["description"].get(lang, item["description"]["id"]),
                "unit": UNITS.get(item["unit"], item["unit"]),
                "values": [
                    {
                        "from": formatting.long_date(dt.date.fromisoformat(v["from"]), lang),
                        "lines": value_lines(v["value"], item["unit"], item["units"], lang),
                        **v["reference"],
                        "note": reference_note(v["reference"].get("note"), lang),
                    }
                    for v in item["values"]
                ],
            }
        )
    order = list(SUBJECTS)
    ordered = sorted(
        groups.values(), key=lambda g: order.index(g["key"]) if g["key"] in order else 99
    )
    return render(request, "calc/parameters.html", {"groups": ordered})


# ---------------------------------------------------------------- calculator

RISK_CLASSES = [
    ("1", _("Kelas 1 (risiko sangat rendah)")),
    ("2", _("Kelas 2 (risiko rendah)")),
    ("3", _("Kelas 3 (risiko sedang)")),
    ("4", _("Kelas 4 (risiko tinggi)")),
    ("5", _("Kelas 5 (risiko sangat tinggi)")),
]
PAYER_WORDS = {
    "participant": _("Peserta sendiri"),
    "apbd": _("APBD (pemerintah daerah)"),
    "apbdes": _("APBDes (desa)"),
    "apbn": _("APBN"),
    "sponsor": _("Sponsor"),
}
# Exactly the payers the BPU rules accept, in their order (a test holds the two together).
BPU_PAYERS = [(code, PAYER_WORDS.get(code, code)) for code in RULE_PAYERS]
SCHOOL_LEVELS = [
    ("", _("Tidak ada / tidak diisi")),
    ("BELUM_SEKOLAH", _("Belum sekolah")),
    ("TK_SD", _("TK/SD")),
    ("SMP", _("SMP")),
    ("SMA", _("SMA/SMK")),
    ("PT", _("Perguruan tinggi")),
]
PROGRAMS = [
    ("JKM", _("JKM: meninggal bukan karena kecelakaan kerja")),
    ("JKK", _("JKK: kecelakaan kerja")),
]


def _flag(label) -> forms.BooleanField:
    # The stylesheet makes inputs full width; a checkbox keeps its own size.
    return forms.BooleanField(
        label=label, required=False, widget=forms.CheckboxInput(attrs={"style": "width:auto"})
    )


def _number(label, placeholder: str = "") -> forms.CharField:
    """Typed as text: the rules parser judges it and says what is wrong, in the user's words."""
    attrs = {"inputmode": "numeric", "autocomplete": "off", "placeholder": placeholder}
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs=attrs))


def _date(label, *, required: bool = True) -> forms.CharField:
    """Typed as text too: an impossible date gets the rules' message next to the field."""
    return forms.CharField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


class CheckedDates:
    """Form mixin: each field in `dates` must be a real calendar day (the rules' message)."""

    dates: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name in self.dates:
            if data.get(name):
                try:
                    data[name] = parse_date(data[name], str(self.fields[name].label)).isoformat()
                except RuleError as err:
                    self.add_error(name, reword(err).message(_lang()))
        return data


class CalculatorForm(forms.Form):
    date = _date(_("Tanggal"))
    program = forms.ChoiceField(label=_("Program"), choices=PROGRAMS, required=False)
    wage = _number(_("Upah sebulan"), "5.000.000")
    risk_class = forms.ChoiceField(label=_("Kelas risiko JKK"), choices=RISK_CLASSES)
    padat_karya = _flag(_("Usaha padat karya"))
    income = _number(_("Penghasilan sebulan"), "1.000.000")
    with_jht = _flag(_("Ikut Jaminan Hari Tua (JHT)"))
    days = _number(_("Lama tugas (hari; kosongkan untuk satu bulan)"))
    transport_worker = _flag(_("Pekerja transportasi"))
    payer = forms.ChoiceField(label=_("Dibayar oleh"), choices=BPU_PAYERS, required=False)
    project_value = _number(_("Nilai kontrak proyek"), "1.000.000.000")
    membership_months = _number(_("Masa iur (bulan)"), "36")
    child_1 = forms.ChoiceField(label=_("Anak pertama: jenjang sekolah"), choices=SCHOOL_LEVELS)
    child_2 = forms.ChoiceField(label=_("Anak kedua: jenjang sekolah"), choices=SCHOOL_LEVELS)

    def __init__(self, *args, kind: Kind, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in kind.fields:
                del self.fields[name]
        for name, text in kind.labels.items():
            self.fields[name].label = text
        for name in ("child_1", "child_2"):
            if name in self.fields:
                self.fields[name].required = False
        self.kind = kind

    def clean(self):
        """Masa iur decides whether JKM pays the children's scholarships: left empty it would
        silently count as 0 months, so it is required whenever a child is entered for JKM."""
        data = super().clean()
        program = self.kind.fixed.get("program") or data.get("program")
        children = any(data.get(f"child_{i}") for i in (1, 2))
        if (
            "membership_months" in self.fields
            and program == "JKM"
            and children
            and not str(data.get("membership_months") or "").strip()
        ):
            label = self.label_of("membership_months")
            self.add_error(
                "membership_months", rule_message("input.required", {"field": label}, _lang())
            )
        return data

    def label_of(self, name: str) -> str:
        found = self.fields.get(name)
        return str(found.label) if found is not None else name


class Kind:
    """One question the calculator answers: its fields and the fixed options it sends."""

    def __init__(self, title, group: str, fields: str, fixed: dict[str, str], labels=None):
        self.title = title
        self.group = group
        self.fields = fields.split()
        self.fixed = fixed
        self.labels = labels or {}


BENEFIT_DATE = _("Tanggal meninggal")
KINDS = {
    "bpu": Kind(
        _("Iuran BPU"),
        "contribution",
        "date income with_jht days transport_worker payer",
        {"segment": "BPU"},
        {"date": _("Tanggal mulai (bulan iuran)")},
    ),
    "pu": Kind(
        _("Iuran PU"),
        "contribution",
        "date wage risk_class padat_karya",
        {"segment": "PU"},
        {"date": _("Tanggal (bulan iuran)")},
    ),
    "jakon": Kind(
        _("Iuran jasa konstruksi"),
        "contribution",
        "date project_value",
        {"segment": "JAKON"},
        {"date": _("Tanggal (bulan iuran)")},
    ),
    "jkm_death": Kind(
        _("Santunan kematian JKM"),
        "benefit",
        "date membership_months child_1 child_2",
        {"program": "JKM", "event": "death"},
        {"date": BENEFIT_DATE},
    ),
    "jkk_death": Kind(
        _("Santunan kematian JKK"),
        "benefit",
        "date wage membership_months child_1 child_2",
        {"program": "JKK", "event": "death"},
        {"date": _("Tanggal kecelakaan kerja"), "wage": _("Upah terakhir sebulan")},
    ),
    "stmb": Kind(
        _("Santunan tidak mampu bekerja (STMB)"),
        "benefit",
        "date wage days",
        {"program": "JKK", "event": "stmb"},
        {
            "date": _("Tanggal kecelakaan kerja"),
            "wage": _("Upah terakhir sebulan"),
            "days": _("Hari tidak mampu bekerja"),
        },
    ),
    "scholarship": Kind(
        _("Beasiswa anak"),
        "benefit",
        "date program membership_months child_1 child_2",
        {"event": "scholarship"},
        {"date": BENEFIT_DATE},
    ),
    "heirs": Kind(_("Ahli waris yang berhak"), "heirs", "", {}),
}


def _compute(kind: Kind, form: CalculatorForm) -> Calculation:
    data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("child_")}
    children = [form.cleaned_data.get(f"child_{i}") for i in (1, 2)]
    if any(children):
        data["children"] = [c for c in children if c]
    if kind.group == "contribution":
        return contribution_request(**kind.fixed, **data, field=form.label_of)
    return benefit_request(**kind.fixed, **data, field=form.label_of)


def _components(components, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "program": c.program,
            "label": c.label(lang),
            "detail": in_lang(c.detail, lang),
            "amount": c.amount,
            "payer": payer_label(c.payer, lang) if c.payer else None,
            "reference": c.reference,
            "informational": c.informational,
            "info_note": c.info_note(lang),
        }
        for c in display_order(components)
    ]


def _result(calc: Calculation, lang: str, *, benefit: bool = False) -> dict[str, Any]:
    """The calculation as rows a template can show without calling anything."""
    trace = []
    for t in calc.trace:
        found = param(t.parameter)
        trace.append(
            {
                "parameter": t.parameter,
                "description": found.description.get(lang, found.description["id"]),
                "lines": value_lines(t.value, found.unit, found.units, lang),
                "from": t.effective_from,
                "reference": t.reference,
                "note": reference_note(t.note, lang),
            }
        )
    result = {
        "total": calc.total,
        "components": _components(calc.components, lang),
        "by_payer": [(payer_label(p, lang), a) for p, a in calc.totals_by_payer.items()],
        "trace": trace,
        "notes": [in_lang(note, lang) for note in calc.notes],
        "benefit": benefit,
    }
    if benefit:
        result.update(benefit_subtotals(calc))
        result["paid"] = _components([c for c in calc.components if c.name != SCHOLARSHIP], lang)
        result["scholarships"] = _components(
            [c for c in calc.components if c.name == SCHOLARSHIP], lang
        )
        result["scholarships_note"] = SCHOLARSHIPS_NOTE.in_lang(lang)
    return result


def _place_error(form: forms.Form, err: RuleError, fields: dict[str, str]) -> str | None:
    """Put `err` next to the field it is about; return it if it belongs above the form."""
    lang = _lang()
    target = fields.get(getattr(err, "option", None) or "")
    if target and target in form.fields:
        form.add_error(target, err.message(lang))
        return None
    return err.message(lang)


@login_required
def calculator(request):
    """Contributions, benefits and heirs for one case, with each component's legal reference."""
    require_permission(user=request.user, permission="rules.view")
    source = request.POST if request.method == "POST" else request.GET
    key = source.get("kind", "bpu")
    key = key if key in KINDS else "bpu"
    kind = KINDS[key]
    today = timezone.localdate().isoformat()
    context = {
        "contributions": [(k, v.title) for k, v in KINDS.items() if v.group == "contribution"],
        "benefits": [(k, v.title) for k, v in KINDS.items() if v.group == "benefit"],
        "kind": key,
        "kind_title": kind.title,
        "result": None,
        "error": None,
    }
    if kind.group == "heirs":
        context.update(_heirs_page(request, source, today))
        return render(request, "calc/calculator.html", context)
    bound = request.method == "POST" or "date" in request.GET
    form = CalculatorForm(source if bound else None, kind=kind, initial={"date": today})
    if bound and form.is_valid():
        try:
            calc = _compute(kind, form)
            context["result"] = _result(calc, _lang(), benefit=kind.group == "benefit")
        except RuleError as err:
            context["error"] = _place_error(form, err, {name: name for name in form.fields})
    context.update(form=form, date=source.get("date") or today)
    # 200 even with an error: it is shown next to the form, and htmx swaps only 2xx answers.
    return render(request, "calc/calculator.html", context)


# ---------------------------------------------------------------- heirs

SEXES = [("L", _("Laki-laki")), ("P", _("Perempuan"))]
HEIRS_PROGRAM_WORDS = {
    "JKM": _("JKM: santunan kematian"),
    "JKK": _("JKK: kematian karena kecelakaan kerja"),
    "JHT": _("JHT: saldo jaminan hari tua"),
    "JP": _("JP: pensiun janda/duda/anak/orang tua"),
}
ALIVE = [("yes", _("Masih hidup")), ("no", _("Sudah meninggal"))]
ROWS_DEFAULT, ROWS_MAX = 4, 12


def _relation_choices() -> list[tuple[str, str]]:
    lang = _lang()
    return [("", _("(baris kosong)"))] + [(c, label(RELATIONS[c], lang)) for c in RELATION_CODES]


def _marital_choices() -> list[tuple[str, str]]:
    lang = _lang()
    return [("", _("Tidak diisi"))] + [(c, label(MARITAL[c], lang)) for c in MARITAL_CODES]


class HeirsForm(CheckedDates, forms.Form):
    """The deceased participant; relatives come in `RelativeForm` rows."""

    program = forms.ChoiceField(
        label=_("Program"), choices=[(p, HEIRS_PROGRAM_WORDS[p]) for p in HEIRS_PROGRAMS]
    )
    sex = forms.ChoiceField(label=_("Jenis kelamin peserta"), choices=SEXES)
    death_date = _date(_("Tanggal meninggal"))
    birth_date = _date(_("Tanggal lahir peserta (boleh kosong)"), required=False)
    dates = ("death_date", "birth_date")


class RelativeForm(CheckedDates, forms.Form):
    """One relative of the deceased; a row without a relation is ignored."""

    relation = forms.ChoiceField(label=_("Hubungan"), required=False)
    name = forms.CharField(label=_("Nama"), required=False, max_length=100)
    alive = forms.ChoiceField(label=_("Masih hidup?"), choices=ALIVE, required=False)
    marital_status = forms.ChoiceField(label=_("Status perkawinan"), required=False)
    birth_date = _date(_("Tanggal lahir"), required=False)
    dates = ("birth_date",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relation"].choices = _relation_choices()
        self.fields["marital_status"].choices = _marital_choices()


def _rows(source) -> int:
    """How many relative rows to show: as many as before, two more when asked ("more")."""
    try:
        rows = int(source.get("rows", ROWS_DEFAULT))
    except (TypeError, ValueError):
        rows = ROWS_DEFAULT
    if source.get("more"):
        rows += 2
    return max(1, min(ROWS_MAX, rows))


def _heirs_page(request, source, today: str) -> dict[str, Any]:
    rows = _rows(source)
    bound = request.method == "POST" or "death_date" in request.GET
    data = source if bound else None
    form = HeirsForm(data, initial={"death_date": today})
    relatives = [RelativeForm(data, prefix=f"r{i}") for i in range(1, rows + 1)]
    result = error = None
    if bound and form.is_valid() and all(r.is_valid() for r in relatives):
        payload, numbers = _heirs_payload(form, relatives)
        row_word = _("Keluarga baris")

        def field(name: str) -> str:
            found = re.match(r"^relatives\[(\d+)\]\.(\w+)$", name)
            if found:
                row = numbers[int(found.group(1)) - 1]
                return f"{row_word} {row}: {relatives[0].fields[found.group(2)].label}"
            own = name.removeprefix("deceased.")
            return str(form.fields[own].label) if own in form.fields else name

        try:
            result = _heirs_result(heirs_request(payload, field=field), _lang())
        except RuleError as err:
            fields = {"deceased.death_date": "death_date", "deceased.birth_date": "birth_date"}
            error = _place_error(form, err, fields)
    return {
        "form": form,
        "relatives": relatives,
        "rows": rows,
        "more_rows": rows < ROWS_MAX,
        "heirs": result,
        "error": error,
    }


def _heirs_payload(form: HeirsForm, relatives: list[RelativeForm]) -> tuple[dict, list[int]]:
    """The JSON `cakupan calc heirs` reads, and the page row of each relative in it."""
    people, numbers = [], []
    for number, row in enumerate(relatives, start=1):
        data = row.cleaned_data
        if not data.get("relation"):
            continue
        person: dict[str, Any] = {"relation": data["relation"], "alive": data["alive"] != "no"}
        for name in ("name", "marital_status", "birth_date"):
            if data.get(name):
                person[name] = data[name]
        people.append(person)
        numbers.append(number)
    deceased = {"sex": form.cleaned_data["sex"], "death_date": form.cleaned_data["death_date"]}
    if form.cleaned_data.get("birth_date"):
        deceased["birth_date"] = form.cleaned_data["birth_date"]
    payload = {"program": form.cleaned_data["program"], "deceased": deceased, "relatives": people}
    return payload, numbers


def _heirs_result(result: HeirsResult, lang: str) -> dict[str, Any]:
    def person(r, reason=None) -> dict[str, Any]:
        return {
            "relation": label(RELATIONS[r.relation], lang),
            "name": r.name,
            "birth_date": r.birth_date,
            "reason": in_lang(reason, lang),
        }

    return {
        "program": result.program,
        "recipient": result.recipient,
        "recipient_label": label(RECIPIENTS[result.recipient], lang),
        "rank": result.group_rank,
        "reference": result.reference,
        "group": [person(r) for r in result.group],
        "scholarship_children": [person(r) for r in result.scholarship_children],
        "excluded": [person(r, why) for r, why in result.excluded],
    }
