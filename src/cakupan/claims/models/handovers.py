"""Public hand-over ceremonies of paid claims and their photos."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cakupan.claims.models.claim import Claim
from cakupan.claims.models.files import StoredFile


class HandOver(models.Model):
    """A public santunan ceremony at which paid claims were handed to the heirs."""

    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("wilayah"), max_length=13, db_index=True)
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200)
    officials = models.TextField(_("pejabat yang hadir"), help_text=_("Satu nama per baris."))
    notes = models.TextField(_("catatan"), blank=True)
    claims = models.ManyToManyField(Claim, related_name="handovers")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("penyerahan santunan")
        verbose_name_plural = _("penyerahan santunan")

    def __str__(self) -> str:
        return f"{self.held_on.isoformat()} {self.place}"

    @property
    def official_list(self) -> list[str]:
        return [line.strip() for line in self.officials.splitlines() if line.strip()]


class HandOverPhoto(StoredFile):
    handover = models.ForeignKey(HandOver, on_delete=models.PROTECT, related_name="photos")

    def __str__(self) -> str:
        return self.original_name

    @property
    def folder(self) -> str:
        return f"handover-{self.handover_id}"
