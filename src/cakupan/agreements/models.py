"""Cooperation agreements (PKS). The registry's spells point at the agreement that pays for
them; the agreements issue adds parties, scope, budget, documents and roster imports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Agreement(models.Model):
    number = models.CharField(_("nomor"), max_length=100)
    title = models.CharField(_("judul"), max_length=255)
    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("wilayah"), max_length=13, db_index=True)
    payer = models.CharField(_("pembayar"), max_length=16)
    valid_from = models.DateField(_("berlaku mulai"))
    valid_to = models.DateField(_("berlaku sampai"))
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regency_code", "number"], name="agreement_number")
        ]
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"
