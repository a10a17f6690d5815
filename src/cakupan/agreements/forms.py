"""Forms of the agreement pages. They parse and label input; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cakupan.agreements.models import (
    AGREEMENT_PROGRAMS,
    BudgetSource,
    Charging,
    OfficerRole,
    PartyRole,
)
from cakupan.registry.models import Payer

AGREEMENT_PAYERS = [(v, label) for v, label in Payer.choices if v not in ("self", "employer")]
PARTY_ROWS = 4


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AgreementForm(forms.Form):
    number = forms.CharField(label=_("Nomor PKS"), max_length=100)
    title = forms.CharField(label=_("Judul"), max_length=255)
    region_code = forms.ChoiceField(label=_("Wilayah (kabupaten atau kecamatan)"), choices=())
    signed_on = forms.DateField(
        label=_("Tanggal penandatanganan"), required=False, widget=DateInput
    )
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=DateInput)
    valid_to = forms.DateField(label=_("Berlaku sampai"), widget=DateInput)
    election_name = forms.CharField(
        label=_("Pemilihan"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Pilkada 2024"}),
    )
    election_date = forms.DateField(
        label=_("Tanggal pemungutan suara"), required=False, widget=DateInput
    )
    roles = forms.MultipleChoiceField(
        label=_("Jabatan yang dilindungi"),
        choices=OfficerRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    scope = forms.CharField(
        label=_("Ruang lingkup"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    payer = forms.ChoiceField(label=_("Pembayar iuran"), choices=AGREEMENT_PAYERS)
    budget_source = forms.ChoiceField(label=_("Sumber anggaran"), choices=BudgetSource.choices)
    budget_ceiling = forms.IntegerField(
        label=_("Pagu anggaran (Rp)"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    charging = forms.ChoiceField(
        label=_("Cara penghitungan iuran"), choices=Charging.choices, widget=forms.RadioSelect
    )
    programs = forms.MultipleChoiceField(
        label=_("Program"),
        choices=[(p, p) for p in AGREEMENT_PROGRAMS],
        widget=forms.CheckboxSelectMultiple,
    )
    declared_income = forms.IntegerField(
        label=_("Penghasilan yang dilaporkan (Rp/bulan)"),
        required=False,
        min_value=0,
        help_text=_("Kosongkan untuk memakai penghasilan minimum BPU yang berlaku."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    reason = forms.CharField(label=_("Alasan perubahan"), max_length=255, required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = [(r.code, f"{r.code} {r.name}") for r in regions]
        for role in OfficerRole:
            self.fields[f"min_age_{role.value}"] = forms.IntegerField(
                label=role.label, required=False, min_value=17, max_value=99
            )

    def min_age_fields(self):
        return [self[f"min_age_{role.value}"] for role in OfficerRole]

    def service_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("min_age_")}
        data.pop("reason", None)
        data["min_age"] = {
            role.value: self.cleaned_data[f"min_age_{role.value}"]
            for role in OfficerRole
            if self.cleaned_data.get(f"min_age_{role.value}")
        }
        return data


class PartyForm(forms.Form):
    name = forms.CharField(label=_("Nama pihak"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Peran"), choices=PartyRole.choices, required=False)
    signatory = forms.CharField(label=_("Penanda tangan"), max_length=150, required=False)
    position = forms.CharField(label=_("Jabatan penanda tangan"), max_length=150, required=False)


PartyFormSet = forms.formset_factory(PartyForm, extra=0, min_num=PARTY_ROWS, max_num=PARTY_ROWS)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Berkas (PDF, JPEG atau PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class InvoiceForm(forms.Form):
    month = forms.CharField(
        label=_("Bulan"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month"}),
    )
    start = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput)
    end = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput)
