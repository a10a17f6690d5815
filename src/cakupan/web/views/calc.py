"""The regulation parameters page and the calculator: the rules package, readable by people.

The calculator asks `cakupan.rules.requests` (the parser the CLI and the API use) and shows the
`Calculation` it returns; a rule error is shown next to the form in the user's language. The
page submits with GET, so a result is a link an officer can send to a family.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cakupan import formatting
from cakupan.accounts.scope import require_permission
from cakupan.rules.calculation import Calculation
from cakupan.rules.errors import RuleError
from cakupan.rules.params import param, parameters_catalog
from cakupan.rules.requests import benefit_request, contribution_request, payer_label

SUBJECTS = {
    "pu": _("Iuran pekerja penerima upah (PU)"),
    "bpu": _("Iuran pekerja bukan penerima upah (BPU)"),
    "jakon": _("Iuran jasa konstruksi"),
    "pmi": _("Iuran pekerja migran Indonesia (PMI)"),
    "jkp": _("Jaminan Kehilangan Pekerjaan (JKP)"),
    "relief": _("Keringanan iuran"),
    "jkk": _("Manfaat Jaminan Kecelakaan Kerja (JKK)"),
    "jkm": _("Manfaat Jaminan Kematian (JKM)"),
    "scholarship": _("Beasiswa anak"),
    "heirs": _("Ahli waris"),
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


def _lang() -> str:
    return (get_language() or "id")[:2]


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
    return str(value)


def value_lines(value: Any, unit: str, units: dict[str, str], lang: str) -> list[str]:
    """A parameter value as short lines of text: one per table row or list item."""

    def text(item: Any, own: str) -> str:
        if isinstance(item, dict):
            parts = [f"{k}: {text(v, units.get(str(k), own))}" for k, v in item.items()]
            return ", ".join(parts)
        if isinstance(item, list):
            return "[" + ", ".join(text(v, own) for v in item) + "]"
        return _scalar(item, own, lang)

    if isinstance(value, dict):
        return [f"{k}: {text(v, units.get(str(k), unit))}" for k, v in value.items()]
    if isinstance(value, list):
        return [text(v, unit) for v in value]
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
BPU_PAYERS = [
    ("participant", _("Peserta sendiri")),
    ("apbd", _("APBD (pemerintah daerah)")),
    ("apbdes", _("APBDes (desa)")),
    ("apbn", _("APBN")),
    ("sponsor", _("Sponsor")),
]
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


class CalculatorForm(forms.Form):
    date = forms.CharField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
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
}


def _compute(kind: Kind, form: CalculatorForm) -> Calculation:
    data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("child_")}
    children = [form.cleaned_data.get(f"child_{i}") for i in (1, 2)]
    if any(children):
        data["children"] = [c for c in children if c]
    if kind.group == "contribution":
        return contribution_request(**kind.fixed, **data, field=form.label_of)
    return benefit_request(**kind.fixed, **data, field=form.label_of)


def _result(calc: Calculation, lang: str) -> dict[str, Any]:
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
                "note": t.note,
            }
        )
    return {
        "total": calc.total,
        "components": [
            {
                "program": c.program,
                "label": c.label(lang),
                "detail": c.detail,
                "amount": c.amount,
                "payer": payer_label(c.payer, lang) if c.payer else None,
                "reference": c.reference,
                "informational": c.informational,
            }
            for c in calc.components
        ],
        "by_payer": [(payer_label(p, lang), a) for p, a in calc.totals_by_payer.items()],
        "trace": trace,
        "notes": calc.notes,
    }


@login_required
def calculator(request):
    """Contributions and benefits for one case, with each component's legal reference."""
    require_permission(user=request.user, permission="rules.view")
    source = request.POST if request.method == "POST" else request.GET
    key = source.get("kind", "bpu")
    key = key if key in KINDS else "bpu"
    kind = KINDS[key]
    bound = request.method == "POST" or "date" in request.GET
    today = timezone.localdate().isoformat()
    form = CalculatorForm(source if bound else None, kind=kind, initial={"date": today})
    result = error = None
    if bound and form.is_valid():
        try:
            result = _result(_compute(kind, form), _lang())
        except RuleError as err:
            error = err.message(_lang())
    context = {
        "contributions": [(k, v.title) for k, v in KINDS.items() if v.group == "contribution"],
        "benefits": [(k, v.title) for k, v in KINDS.items() if v.group == "benefit"],
        "kind": key,
        "kind_title": kind.title,
        "form": form,
        "result": result,
        "error": error,
        "date": source.get("date") or today,
    }
    # 200 even with an error: it is shown next to the form, and htmx swaps only 2xx answers.
    return render(request, "calc/calculator.html", context)
