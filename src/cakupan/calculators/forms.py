"""The calculator's forms: one question per `Kind` (its fields and fixed options), the heirs
form and its relative rows.

Numbers and dates are typed as text: the rules' parser (`calculators.requests`) judges them
and says what is wrong in the user's words, next to the field.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cakupan.calculators.errors import reword
from cakupan.calculators.labels import MARITAL, RELATIONS, label
from cakupan.calculators.parsing import parse_date
from cakupan.rules.contributions.bpu import BPU_PAYERS as RULE_PAYERS
from cakupan.rules.errors import RuleError
from cakupan.rules.errors import render as rule_message
from cakupan.rules.heirs import MARITAL as MARITAL_CODES
from cakupan.rules.heirs import PROGRAMS as HEIRS_PROGRAMS
from cakupan.rules.heirs import RELATIONS as RELATION_CODES


def page_lang() -> str:
    """The language of the page being answered: 'id' or 'en'."""
    return (get_language() or "id")[:2]


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
                    self.add_error(name, reword(err).message(page_lang()))
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
                "membership_months", rule_message("input.required", {"field": label}, page_lang())
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


SEXES = [("L", _("Laki-laki")), ("P", _("Perempuan"))]
HEIRS_PROGRAM_WORDS = {
    "JKM": _("JKM: santunan kematian"),
    "JKK": _("JKK: kematian karena kecelakaan kerja"),
    "JHT": _("JHT: saldo jaminan hari tua"),
    "JP": _("JP: pensiun janda/duda/anak/orang tua"),
}
ALIVE = [("yes", _("Masih hidup")), ("no", _("Sudah meninggal"))]


def _relation_choices() -> list[tuple[str, str]]:
    lang = page_lang()
    return [("", _("(baris kosong)"))] + [(c, label(RELATIONS[c], lang)) for c in RELATION_CODES]


def _marital_choices() -> list[tuple[str, str]]:
    lang = page_lang()
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


def place_error(form: forms.Form, err: RuleError, fields: dict[str, str]) -> str | None:
    """Put `err` next to the field it is about; return it if it belongs above the form."""
    lang = page_lang()
    target = fields.get(getattr(err, "option", None) or "")
    if target and target in form.fields:
        form.add_error(target, err.message(lang))
        return None
    return err.message(lang)
