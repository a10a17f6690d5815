"""The audit log: who did what, when, to which record, with its state before and after, and why.

Rows are only ever inserted. The model refuses save-after-create and delete, its queryset
refuses update and delete, and the database refuses UPDATE (and on PostgreSQL DELETE) with a
trigger, so no code path in the app, however careless, can rewrite history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditImmutableError(Exception):
    """Raised when anything tries to change or remove an audit row."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutableError("audit log is append-only")

    def delete(self):
        raise AuditImmutableError("audit log is append-only")

    _raw_delete = delete


class AuditEvent(models.Model):
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    # Kept as text too, so the record stays readable whatever happens to the account.
    actor_label = models.CharField(_("pelaku"), max_length=150)
    action = models.CharField(_("tindakan"), max_length=64, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=64)
    object_id = models.CharField(_("ID objek"), max_length=64)
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True, db_index=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    request_id = models.CharField(max_length=36, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("log audit")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditImmutableError("audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError("audit log is append-only")
