"""Regions of Indonesia as Kemendagri codes them.

The dotted code is its own materialised path (62.08 ⊃ 62.08.01 ⊃ 62.08.01.2001), so "inside
my area" is a prefix match on the code and no recursive query is ever needed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


class Region(models.Model):
    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        db_constraint=False,  # loaded in code order in one bulk insert; the loader checks parents
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    name = models.CharField(_("nama"), max_length=120)
    # Upper-case, prefix-stripped, single-spaced name ("KEC. Jelai" -> "JELAI") for lookups.
    name_key = models.CharField(max_length=120, db_index=True)
    is_kelurahan = models.BooleanField(_("kelurahan"), default=False)
    # Pemekaran: codes change. A code keeps its row with the dates it was valid.
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name_key"])]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def region_code(self) -> str:
        """The code region scope filters on; every tenant-scoped row has one."""
        return self.code
