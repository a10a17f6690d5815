"""Forms of the claim pages. They parse and label input; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cakupan.claims.models import (
    DisabilityKind,
    DocumentKind,
    Event,
    Marital,
    Program,
    Relation,
    SchoolLevel,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A calendar month (`YYYY-MM`, the browser's month picker) as the first day of it."""

    widget = MonthInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m", "%Y-%m-%d"])
        super().__init__(**kwargs)


PAID_THROUGH_HELP = _(
    "Bulan terakhir yang sudah dibayar menurut sistem BPJS Ketenagakerjaan. Kosongkan jika belum "
    "diperiksa; wajib diisi sebelum verifikasi klaim PU dan BPU."
)


def _percent(label, help_text):
    return forms.DecimalField(
        label=label,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        localize=True,  # "2,5" as the doctor writes it, in the Indonesian UI
        help_text=help_text,
    )


class DisabilityFields(forms.Form):
    """A JKK permanent disability: total, or partial on the doctor's percentages."""

    disability_kind = forms.ChoiceField(
        label=_("Jenis cacat (JKK cacat tetap)"),
        choices=[("", "—"), *DisabilityKind.choices],
        required=False,
        help_text=_("Kosong untuk cacat tetap berarti cacat total tetap."),
    )
    disability_table_percent = _percent(
        _("Persen tabel cacat (%)"),
        _(
            "Dari surat keterangan dokter, mis. lengan atas sampai sendi bahu 40%. Hanya untuk "
            "cacat sebagian."
        ),
    )
    function_lost_percent = _percent(
        _("Persen fungsi yang hilang (%)"), _("Hanya untuk cacat sebagian fungsi.")
    )


class ClaimForm(forms.Form):
    nik = forms.CharField(label="NIK", max_length=20)
    program = forms.ChoiceField(label=_("Program"), choices=Program.choices)
    event = forms.ChoiceField(label=_("Kejadian"), choices=Event.choices)
    disability_kind = DisabilityFields.base_fields["disability_kind"]
    disability_table_percent = DisabilityFields.base_fields["disability_table_percent"]
    function_lost_percent = DisabilityFields.base_fields["function_lost_percent"]
    incident_date = forms.DateField(label=_("Tanggal kejadian"), widget=DateInput)
    place = forms.CharField(label=_("Tempat kejadian"), max_length=200)
    circumstances = forms.CharField(
        label=_("Penyebab dan keadaan"),
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": _("mis. bertugas sebagai KPPS di TPS 003, Desa …")}
        ),
    )
    reported_on = forms.DateField(label=_("Tanggal laporan"), widget=DateInput)
    reporter_name = forms.CharField(label=_("Nama pelapor"), max_length=150)
    reporter_relation = forms.CharField(label=_("Hubungan pelapor"), max_length=100, required=False)
    reporter_phone = forms.CharField(label=_("HP pelapor"), max_length=20, required=False)
    wage = forms.IntegerField(
        label=_("Upah / penghasilan dasar (JKK)"),
        min_value=0,
        required=False,
        help_text=_("Kosongkan untuk memakai upah pada masa kepesertaan."),
    )
    paid_through = MonthField(
        label=_("Iuran dibayar sampai (bulan)"), required=False, help_text=PAID_THROUGH_HELP
    )
    # Only for a NIK the registry does not know (the claim is then refused with the reason).
    name = forms.CharField(label=_("Nama (jika NIK tidak terdaftar)"), required=False)
    sex = forms.ChoiceField(
        label=_("Jenis kelamin (jika NIK tidak terdaftar)"),
        choices=[("", "—"), ("L", _("Laki-laki")), ("P", _("Perempuan"))],
        required=False,
    )
    region_code = forms.CharField(
        label=_("Kode desa domisili (jika NIK tidak terdaftar)"), required=False
    )


class BasisForm(forms.Form):
    wage = forms.IntegerField(label=_("Upah / penghasilan dasar"), min_value=0, required=False)
    stmb_days = forms.IntegerField(label=_("Hari tidak mampu bekerja"), min_value=0, required=False)
    jht_balance = forms.IntegerField(label=_("Saldo JHT"), min_value=0, required=False)
    membership_months = forms.IntegerField(label=_("Masa iur (bulan)"), min_value=0)
    disability_kind = DisabilityFields.base_fields["disability_kind"]
    disability_table_percent = DisabilityFields.base_fields["disability_table_percent"]
    function_lost_percent = DisabilityFields.base_fields["function_lost_percent"]
    reason = forms.CharField(label=_("Alasan perubahan"), required=False)

    def __init__(self, *args, disability: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not disability:  # only a JKK permanent disability claim shows them
            for name in DisabilityFields.base_fields:
                del self.fields[name]


class PaidThroughForm(forms.Form):
    paid_through = MonthField(
        label=_("Iuran dibayar sampai (bulan)"), required=False, help_text=PAID_THROUGH_HELP
    )
    reason = forms.CharField(
        label=_("Sumber / catatan"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("mis. dicek di sistem BPJS pada 2 Desember")}
        ),
    )


class HeirForm(forms.Form):
    relation = forms.ChoiceField(label=_("Hubungan"), choices=Relation.choices)
    name = forms.CharField(label=_("Nama"), max_length=150)
    nik = forms.CharField(label="NIK", max_length=20, required=False)
    birth_date = forms.DateField(label=_("Tanggal lahir"), required=False, widget=DateInput)
    alive = forms.BooleanField(label=_("Masih hidup"), required=False, initial=True)
    marital_status = forms.ChoiceField(
        label=_("Status perkawinan"), choices=[("", "—"), *Marital.choices], required=False
    )
    working = forms.BooleanField(label=_("Bekerja"), required=False)
    school_level = forms.ChoiceField(
        label=_("Jenjang sekolah (anak)"), choices=SchoolLevel.choices, required=False
    )
    notarial_deed = forms.BooleanField(label=_("Wasiat dengan akta notaris"), required=False)


class OverrideForm(forms.Form):
    entitled = forms.ChoiceField(
        label=_("Putusan"),
        choices=[("yes", _("Berhak")), ("no", _("Tidak berhak")), ("rules", _("Ikuti aturan"))],
    )
    document = forms.IntegerField(label=_("Dokumen putusan"))
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Berkas (PDF, JPEG atau PNG)"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), required=False)


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Tanggal bayar"), widget=DateInput)
    amount = forms.IntegerField(label=_("Jumlah (Rp)"), min_value=1)
    reference = forms.CharField(label=_("Referensi pembayaran"), max_length=100)
    recipient = forms.CharField(label=_("Penerima"), max_length=150)


class HandOverForm(forms.Form):
    region_code = forms.CharField(label=_("Kode wilayah"), max_length=13)
    held_on = forms.DateField(label=_("Tanggal"), widget=DateInput)
    place = forms.CharField(label=_("Tempat"), max_length=200)
    officials = forms.CharField(
        label=_("Pejabat yang hadir (satu per baris)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    claims = forms.MultipleChoiceField(
        label=_("Klaim yang diserahkan"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, claims=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].choices = [(str(c.pk), f"{c.number} — {c.name}") for c in claims]


class PhotoForm(forms.Form):
    file = forms.FileField(label=_("Foto (JPEG atau PNG)"))
