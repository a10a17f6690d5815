"""Bills: what a payer owes for a period, issued once, numbered and stored (never recomputed
on a page load). A re-issue for the same agreement and period supersedes the earlier bill; its
lines stay as they were billed.

Every row carries `regency_code` (the tenant key) and the bill's `region_code` (the region of
the agreement it bills; scope is a prefix match on it).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cakupan.transitions import Transitions


class BillStatus(models.TextChoices):
    ISSUED = "issued", _("Diterbitkan")
    SUPERSEDED = "superseded", _("Diganti tagihan baru")
    CANCELLED = "cancelled", _("Dibatalkan")


# The bill's life cycle (payment comes with the billing issue).
BILL_LIFECYCLE = Transitions(
    {
        BillStatus.ISSUED: {BillStatus.SUPERSEDED, BillStatus.CANCELLED},
        BillStatus.SUPERSEDED: set(),
        BillStatus.CANCELLED: set(),
    }
)


class BillSequence(models.Model):
    """The last number given per regency and year: bills are numbered without gaps."""

    regency_code = models.CharField(max_length=5)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regency_code", "year"], name="billing_one_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.regency_code}/{self.year}: {self.last}"


class Bill(models.Model):
    number = models.CharField(_("nomor"), max_length=40, unique=True)
    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.PROTECT, related_name="bills"
    )
    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("wilayah"), max_length=13, db_index=True)
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode sampai"))
    status = models.CharField(
        _("status"), max_length=12, choices=BillStatus.choices, default=BillStatus.ISSUED
    )
    officers = models.PositiveIntegerField(default=0)
    total = models.BigIntegerField(_("jumlah"), default=0)
    references = models.JSONField(default=list)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_start", "period_end"],
                condition=models.Q(status="issued"),
                name="billing_one_issued_bill_a_period",
            )
        ]
        verbose_name = _("tagihan")
        verbose_name_plural = _("tagihan")

    def __str__(self) -> str:
        return self.number


class BillLine(models.Model):
    """One officer's duty as billed: no NIK here, the person is a foreign key."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="lines")
    regency_code = models.CharField(max_length=5)
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    spell = models.ForeignKey(
        "registry.Spell", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(max_length=50)
    months = models.PositiveIntegerField(default=0)
    days = models.PositiveIntegerField(default=0)
    base = models.BigIntegerField(_("upah dasar"))
    amount = models.BigIntegerField(_("iuran"))
    by_program = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.bill_id}: {self.role} {self.amount}"
