"""Forms of the registry pages. They parse and label input; every rule lives in the services."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cakupan.registry.models import Flag, Payer, Sector, Sex

# A BPU worker's contribution is paid by themselves or by a public budget / sponsor; an
# employer pays for wage earners (PU), which this form does not register.
BPU_PAYERS = [(value, label) for value, label in Payer.choices if value != Payer.EMPLOYER]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RupiahField(forms.CharField):
    """A rupiah amount typed the Indonesian way: `1.000.000`, `1000000` or `Rp 1.000.000`.

    A number input would read `1.000.000` as 1 (the dots as decimals), so the field is text
    with a numeric keypad, and the dots, spaces and the `Rp` prefix are dropped here. A
    trailing `,00` (no sen) is accepted; any other fraction or letter is an error.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Tulis jumlah dalam rupiah dengan angka, misalnya 1.000.000."),
    }

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        digits = re.sub(r"^rp\.?", "", text.strip().lower()).strip()
        digits = re.sub(r",0{1,2}$", "", digits)
        digits = re.sub(r"[\s.\u00a0]", "", digits)
        if not re.fullmatch(r"[0-9]{1,15}", digits):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(digits)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("NIK, nomor KPJ, atau nama (minimal 3 huruf)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autofocus": True, "inputmode": "search"}),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir (opsional)"), required=False, widget=DateInput
    )


class EmployerSearchForm(forms.Form):
    npp = forms.CharField(label=_("NPP atau nama pemberi kerja"), max_length=100, required=False)


class CoverageDateForm(forms.Form):
    tanggal = forms.DateField(label=_("Cek cakupan pada tanggal"), required=False, widget=DateInput)


class BpuRegistrationForm(forms.Form):
    """One informal worker (BPU) with a JKK+JKM spell, as a village operator enters it."""

    nik = forms.CharField(
        label="NIK",
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Nama lengkap (sesuai KTP)"), max_length=150)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices, widget=forms.RadioSelect)
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=DateInput)
    region_code = forms.ChoiceField(label=_("Desa/kelurahan domisili"), choices=())
    phone = forms.CharField(
        label=_("Nomor HP"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    occupation = forms.CharField(label=_("Pekerjaan"), max_length=100, required=False)
    sector = forms.ChoiceField(
        label=_("Sektor (KBLI)"), choices=[("", "—"), *Sector.choices], required=False
    )
    flags = forms.MultipleChoiceField(
        label=_("Kelompok rentan"),
        choices=Flag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    income = RupiahField(
        label=_("Penghasilan per bulan yang dilaporkan (Rp)"),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "1.000.000"}
        ),
    )
    payer = forms.ChoiceField(label=_("Iuran dibayar oleh"), choices=BPU_PAYERS)
    start_date = forms.DateField(label=_("Mulai terlindungi"), widget=DateInput)
    end_date = forms.DateField(
        label=_("Sampai (kosongkan bila tidak ditentukan)"), required=False, widget=DateInput
    )
    nik_exception_reason = forms.CharField(
        label=_("Alasan bila NIK tidak cocok dengan tanggal lahir/jenis kelamin"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.code, _village_label(v)) for v in villages]
        if len(choices) != 1:
            choices = [("", "—"), *choices]
        self.fields["region_code"].choices = choices
        if not self.is_bound:
            self.initial.setdefault("start_date", timezone.localdate())
            self.initial.setdefault("payer", Payer.SELF)


def _village_label(village) -> str:
    parent = getattr(village, "parent", None)
    return f"{village.name} — {parent.name}" if parent else village.name


class PreviewForm(forms.Form):
    """The fields the contribution preview needs; lenient, as the form is half filled."""

    income = RupiahField(required=False)
    payer = forms.ChoiceField(choices=BPU_PAYERS, required=False)
    start_date = forms.DateField(required=False)
    flags = forms.MultipleChoiceField(choices=Flag.choices, required=False)


class NikCheckForm(forms.Form):
    nik = forms.CharField(required=False, max_length=24)
    birth_date = forms.DateField(required=False)
    sex = forms.ChoiceField(choices=Sex.choices, required=False)


class MergeForm(forms.Form):
    keep_person_id = forms.IntegerField(label=_("Orang yang dipertahankan"))
    reason = forms.CharField(label=_("Alasan"), max_length=500)


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=500)


class RevealForm(forms.Form):
    reason = forms.CharField(max_length=200, required=False)
