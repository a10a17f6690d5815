"""Forms of the account pages: adding a user and editing one. They parse and label input; the rules
(scope, unique username, password strength, date order) live in `accounts.services`."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cakupan.accounts.roles import Role
from cakupan.errors import DomainError


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        help_text=_("Huruf, angka dan . @ + - _ saja; dipakai untuk masuk."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    office = forms.CharField(label=_("Instansi"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    region = forms.CharField(
        label=_("Wilayah kerja"),
        max_length=100,
        help_text=_("Kode atau nama wilayah di dalam wilayah Anda, mis. 62.08.02 atau Kec. Jelai."),
        widget=forms.TextInput(attrs={"list": "region-options", "autocomplete": "off"}),
    )
    valid_from = forms.DateField(label=_("Berlaku mulai"), required=False, widget=DateInput)
    valid_to = forms.DateField(
        label=_("Berlaku sampai (kosongkan bila tidak ditentukan)"),
        required=False,
        widget=DateInput,
    )
    password1 = forms.CharField(
        label=_("Kata sandi awal"),
        required=False,
        strip=False,
        help_text=_("Kosongkan agar sistem membuat kata sandi acak yang ditampilkan sekali."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi awal"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    reason = forms.CharField(
        label=_("Alasan (tercatat di log audit)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, areas: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)

    def clean_region(self) -> str:
        """The region's code, from a code or a name ("Kec. Jelai"): a name is looked for in
        the administrator's own areas first. Whether they may grant it is the service's."""
        from cakupan.regions.selectors import region_resolve

        text = self.cleaned_data["region"].strip()
        inside = set()
        for area in self.areas:
            try:
                inside.add(region_resolve(text=text, within=area).code)
            except DomainError:
                continue
        if len(inside) == 1:
            return inside.pop()
        try:
            return region_resolve(text=text).code
        except DomainError as err:
            raise forms.ValidationError(err.message((get_language() or "id")[:2])) from err

    def clean(self):
        data = super().clean()
        first, second = data.get("password1") or "", data.get("password2") or ""
        if first != second:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Tanggal akhir sebelum tanggal mulai."))
        return data


class UserEditForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150, required=False)
    office = forms.CharField(label=_("Instansi"), max_length=150, required=False)
    is_active = forms.BooleanField(label=_("Aktif"), required=False)
    reason = forms.CharField(
        label=_("Alasan perubahan"), widget=forms.Textarea(attrs={"rows": 2}), required=True
    )
