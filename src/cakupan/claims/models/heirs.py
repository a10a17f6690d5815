"""The heirs of a death claim, with what the rules and any override say."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cakupan.claims.models.choices import Marital, Relation, SchoolLevel
from cakupan.claims.models.claim import Claim


class Heir(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="heirs")
    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13)
    order = models.PositiveSmallIntegerField(default=0)
    relation = models.CharField(_("hubungan"), max_length=20, choices=Relation.choices)
    name = models.CharField(_("nama"), max_length=150)
    nik = models.CharField("NIK", max_length=16, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    alive = models.BooleanField(_("masih hidup"), default=True)
    marital_status = models.CharField(
        _("status perkawinan"), max_length=10, choices=Marital.choices, blank=True
    )
    working = models.BooleanField(_("bekerja"), default=False)
    notarial_deed = models.BooleanField(_("wasiat dengan akta notaris"), default=False)
    school_level = models.CharField(
        _("jenjang sekolah"), max_length=16, choices=SchoolLevel.choices, blank=True
    )
    # What the rules say (recomputed whenever heirs change while the claim is open).
    entitled_by_rules = models.BooleanField(default=False)
    scholarship_by_rules = models.BooleanField(default=False)
    rules_reference = models.CharField(max_length=300, blank=True)
    rules_note = models.CharField(max_length=200, blank=True)
    # A court or family decision that overrides the rules (with its document and reason).
    override_entitled = models.BooleanField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    override_document = models.ForeignKey(
        "ClaimDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def entitled(self) -> bool:
        if self.override_entitled is not None:
            return self.override_entitled
        return self.entitled_by_rules
