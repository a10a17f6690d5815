"""Forms of the pages that keep denominators and targets.

Numbers are typed the Indonesian way (33.912, 0,49) as often as the English way (33,912,
0.49): both are read. The region is a plain code checked by the service, so a region outside
the user's scope is refused with the service's own message (and a 403), not a form error.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cakupan.regions.models import Level

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # a regency's table is a few kilobytes
UPLOAD_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")

CODE_SYSTEMS = [
    ("kemendagri", _("Kemendagri (mis. 62.08 atau 6208 = Kab. Sukamara)")),
    ("bps", _("BPS (mis. 6206 = Kab. Sukamara), diterjemahkan ke kode Kemendagri")),
]
LEVELS = [
    ("", _("Semua tingkat")),
    (Level.REGENCY, _("Kabupaten/kota")),
    (Level.DISTRICT, _("Kecamatan")),
    (Level.VILLAGE, _("Desa/kelurahan")),
]


def _this_year() -> int:
    return timezone.localdate().year


class WholeNumberField(forms.IntegerField):
    """A count, with or without thousands separators (33.912 / 33,912 / 33912)."""

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "")
        if _GROUPED.match(text):
            text = re.sub(r"[.,]", "", text)
        return super().to_python(text)


class LooseDecimalField(forms.DecimalField):
    """A decimal with a comma or a point (0,49 / 0.49)."""

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Tulis angka desimal, mis. 0,49."), code="invalid"
            ) from None


class _RegionYearForm(forms.Form):
    region_code = forms.CharField(
        label=pgettext_lazy("satu wilayah", "Wilayah"), max_length=13, widget=forms.Select
    )
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_code"].widget.choices = list(regions)
        self.fields["region_code"].widget.attrs.pop("maxlength", None)  # not a select attribute
        self.fields["year"].initial = _this_year()


def _count_field(label, help_text) -> WholeNumberField:
    """An optional head count: either count of a denominator may be left out."""
    return WholeNumberField(
        label=label,
        min_value=0,
        required=False,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


def _source_field(help_text, datalist: str) -> forms.CharField:
    """The source of a figure, with the page's usual sources offered by `datalist`."""
    return forms.CharField(
        label=_("Sumber"),
        max_length=300,
        help_text=help_text,
        widget=forms.TextInput(attrs={"list": datalist}),
    )


class DenominatorForm(_RegionYearForm):
    working_population = _count_field(
        _("Penduduk bekerja"), _("Jumlah orang yang bekerja menurut sumbernya (mis. Sakernas).")
    )
    population = _count_field(
        _("Jumlah penduduk"), _("Boleh dikosongkan bila penduduk bekerja diisi.")
    )
    employment_share = LooseDecimalField(
        label=_("Bagian penduduk yang bekerja (0–1)"),
        required=False,
        help_text=_(
            "Hanya untuk perkiraan: bila penduduk bekerja kosong, penyebut = jumlah penduduk × "
            "bagian ini (mis. 0,49), dan ditandai sebagai perkiraan."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    source = _source_field(
        _("Mis. BPS, Sakernas Agustus 2024 atau Sensus Penduduk 2020."), "sumber-penyebut"
    )


class TargetForm(_RegionYearForm):
    rate = LooseDecimalField(
        label=_("Target cakupan (%)"),
        help_text=_("Persen penduduk bekerja yang terlindungi, mis. 62,5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    source = _source_field(
        _("Dokumen perencanaan, mis. RPJMD 2025–2029 atau RKPD 2026."), "sumber-target"
    )


class DenominatorUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas (CSV, XLSX atau ODS)"))
    code_system = forms.ChoiceField(
        label=_("Kode wilayah di berkas"),
        choices=CODE_SYSTEMS,
        widget=forms.RadioSelect,
        help_text=_(
            "Pilih sendiri: kode BPS dan Kemendagri berbeda (BPS 6206 = Kemendagri 62.08 "
            "Sukamara, tetapi Kemendagri 62.06 = Katingan), jadi sistem kode tidak ditebak."
        ),
    )
    source = _source_field(
        _("Berlaku untuk semua baris, mis. BPS, Sakernas Agustus 2024."), "sumber-penyebut"
    )
    year = forms.IntegerField(
        label=_("Tahun (bila berkas tidak punya kolom tahun)"),
        min_value=2000,
        max_value=2100,
        required=False,
    )
    employment_share = LooseDecimalField(
        label=_("Bagian penduduk yang bekerja (untuk baris tanpa penduduk bekerja)"),
        required=False,
        help_text=_("Mis. 0,49: baris yang hanya berisi jumlah penduduk menjadi perkiraan."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(_("Unggah berkas CSV, XLSX atau ODS."), code="type")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Berkas lebih dari 2 MB; tabel penyebut biasanya hanya beberapa KB."),
                code="size",
            )
        return upload


class BasisFilterForm(forms.Form):
    """The list filters (GET). Empty means all."""

    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False, empty_value=None)
    tingkat = forms.ChoiceField(label=_("Tingkat"), choices=LEVELS, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", _("Semua tahun"))] + [(y, y) for y in years]
