"""The audit log's filter form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cakupan.audit.presentation import OBJECT_LABELS


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Pelaku"), required=False)
    object_type = forms.ChoiceField(label=_("Jenis objek"), required=False, choices=())
    object_id = forms.CharField(label=_("ID objek"), required=False)
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = sorted(OBJECT_LABELS.items(), key=lambda item: str(item[1]))
        self.fields["object_type"].choices = [("", "—"), *labels]
