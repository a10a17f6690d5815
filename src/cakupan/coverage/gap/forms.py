"""Forms of the gap pages: importing a resident list, and the gap list's filters."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cakupan.registry.models import Flag


class ResidentUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas daftar penduduk (CSV, XLSX atau ODS)"))
    area = forms.ChoiceField(label=_("Wilayah daftar (desa/kecamatan)"))
    source = forms.CharField(
        label=_("Sumber daftar"),
        max_length=300,
        help_text=_("Mis. 'DTKS Desa Kartamulia 2026' atau 'Pendataan pekerja desa 2026'."),
    )
    year = forms.IntegerField(label=_("Tahun data"), min_value=2000)
    synthetic = forms.BooleanField(
        label=_("Data sintetis (contoh untuk latihan, bukan data penduduk)"), required=False
    )

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = list(areas)
        self.fields["year"].initial = timezone.localdate().year


class GapFilterForm(forms.Form):
    wilayah = forms.CharField(required=False, widget=forms.HiddenInput)
    tanggal = forms.DateField(
        label=_("Tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    desa = forms.ChoiceField(label=_("Desa/kelurahan"), required=False)
    penanda = forms.ChoiceField(label=_("Kelompok rentan"), required=False)
    daftar = forms.TypedChoiceField(label=_("Daftar"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, desas=(), lists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = [("", _("Semua desa"))] + list(desas)
        self.fields["penanda"].choices = [("", _("Semua"))] + list(Flag.choices)
        self.fields["daftar"].choices = [("", _("Semua daftar"))] + [
            (rl.pk, f"{rl.source} ({rl.year})") for rl in lists
        ]
