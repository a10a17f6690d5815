"""An import batch: one uploaded file on its way into the registry.

States are explicit and only services move a batch between them (each move audited):

    uploaded ──validate──▶ validated ──review──▶ in_review ──commit──▶ committed
        │                     │  ▲ (new mapping: validate again)  │
        └──────────────┬──────┴──┴────────────────────────────────┘
                       ▼
               failed / cancelled

`phase` says whether a background task is working on the batch right now ("validate" or
"commit") and `progress_done/progress_total` how far it got, for the page and the CLI to show.
A failed commit can be retried: committed chunks are whole and a re-run skips what is stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchState(models.TextChoices):
    UPLOADED = "uploaded", _("Diunggah")
    VALIDATED = "validated", _("Sudah diperiksa")
    IN_REVIEW = "in_review", _("Dalam tinjauan")
    COMMITTED = "committed", _("Tersimpan")
    FAILED = "failed", _("Gagal")
    CANCELLED = "cancelled", _("Dibatalkan")


class BatchPhase(models.TextChoices):
    IDLE = "", _("Menunggu")
    VALIDATE = "validate", _("Memeriksa")
    COMMIT = "commit", _("Menyimpan")


class ImportBatch(models.Model):
    kind = models.CharField(_("jenis"), max_length=32)
    state = models.CharField(
        _("status"), max_length=16, choices=BatchState.choices, default=BatchState.UPLOADED
    )
    phase = models.CharField(max_length=16, choices=BatchPhase.choices, blank=True, default="")
    cancel_requested = models.BooleanField(default=False)
    # Tenant key and scope: the area the batch imports into (desa, kecamatan or regency).
    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("wilayah"), max_length=13, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    original_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    # Relative to MEDIA_ROOT (private; never served directly, only through a permission check).
    stored_path = models.CharField(max_length=255, blank=True)
    columns = models.JSONField(default=list)  # the file's headers, in order
    mapping = models.JSONField(default=dict)  # {column header: field}, as confirmed
    options = models.JSONField(default=dict)
    rows_total = models.PositiveIntegerField(default=0)
    rows_valid = models.PositiveIntegerField(default=0)
    rows_invalid = models.PositiveIntegerField(default=0)
    persons_new = models.PositiveIntegerField(default=0)
    persons_existing = models.PositiveIntegerField(default=0)
    spells_new = models.PositiveIntegerField(default=0)
    spells_unchanged = models.PositiveIntegerField(default=0)
    contribution_total = models.BigIntegerField(null=True, blank=True)
    committed_rows = models.PositiveIntegerField(default=0)
    committed_persons = models.PositiveIntegerField(default=0)
    committed_spells = models.PositiveIntegerField(default=0)
    committed_chunks = models.PositiveIntegerField(default=0)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error_message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["regency_code", "region_code", "kind"])]
        verbose_name = _("batch impor")
        verbose_name_plural = _("batch impor")

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.original_name}"

    @property
    def running(self) -> bool:
        return bool(self.phase)

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))
