"""Forms of the import pages: upload (file, area, options) and mapping confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cakupan.registry.models import Payer, Segment

PROGRAM_CHOICES = [(p, p) for p in ("JKK", "JKM", "JHT", "JP", "JKP")]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas (CSV, XLSX atau ODS)"))
    area = forms.ChoiceField(label=_("Wilayah impor (desa/kecamatan)"))
    segment = forms.ChoiceField(
        label=_("Segmen"),
        choices=[(Segment.BPU, Segment.BPU.label), (Segment.PU, Segment.PU.label)],
    )
    payer = forms.ChoiceField(label=_("Pembayar iuran"), choices=Payer.choices)
    programs = forms.MultipleChoiceField(
        label=_("Program"),
        choices=PROGRAM_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=["JKK", "JKM"],
    )
    start_date = forms.DateField(
        label=_("Mulai berlaku"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Sampai (kosongkan bila tanpa batas)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    income_default = forms.IntegerField(
        label=_("Penghasilan bila berkas tidak memuatnya (Rp)"), required=False, min_value=0
    )
    employer_npp = forms.CharField(
        label=_("NPP pemberi kerja (khusus PU)"), required=False, max_length=8
    )

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = list(areas)

    def options(self) -> dict:
        data = self.cleaned_data
        return {
            "segment": data["segment"],
            "payer": data["payer"],
            "programs": data["programs"],
            "start_date": data["start_date"].isoformat(),
            "end_date": data["end_date"].isoformat() if data.get("end_date") else None,
            "income_default": data.get("income_default"),
            "employer_npp": data.get("employer_npp") or "",
        }


class MappingForm(forms.Form):
    """One select per column of the file: which field it is (or none)."""

    def __init__(self, *args, columns=(), kind=None, initial_mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— abaikan —"))] + [(f.name, f.label) for f in kind.fields]
        self.columns = list(columns)
        for index, column in enumerate(self.columns):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=column,
                choices=choices,
                required=False,
                initial=(initial_mapping or {}).get(column, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {c: self.cleaned_data.get(f"col_{i}") or "" for i, c in enumerate(self.columns)}


class RosterUploadForm(forms.Form):
    """A roster for one agreement: the file and, optionally, the duty period for rows that
    give none (left empty: the agreement's validity)."""

    file = forms.FileField(label=_("Berkas daftar petugas (CSV, XLSX atau ODS)"))
    duty_start = forms.DateField(
        label=_("Mulai tugas bila berkas tidak memuatnya"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    duty_end = forms.DateField(
        label=_("Akhir tugas bila berkas tidak memuatnya"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def options(self, agreement_id: int) -> dict:
        data = self.cleaned_data
        return {
            "agreement_id": agreement_id,
            "duty_start": data["duty_start"].isoformat() if data.get("duty_start") else None,
            "duty_end": data["duty_end"].isoformat() if data.get("duty_end") else None,
        }
