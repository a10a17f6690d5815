"""Files kept for claims: documents and (in `handovers`) photos, privately stored through
`cakupan.documents.uploads`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cakupan.claims.models.choices import DocumentKind
from cakupan.claims.models.claim import Claim
from cakupan.documents.uploads import PrivateStorage


def private_storage() -> PrivateStorage:
    """Claim documents and hand-over photos: MEDIA_ROOT/claims, no public URL
    (`documents.uploads`)."""
    return PrivateStorage("claims")


def _document_path(instance, filename: str) -> str:
    return f"{instance.regency_code}/{instance.folder}/{instance.stored_name}"


class StoredFile(models.Model):
    regency_code = models.CharField(max_length=5)
    file = models.FileField(storage=private_storage, upload_to=_document_path, max_length=255)
    stored_name = models.CharField(max_length=80)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]


class ClaimDocument(StoredFile):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("jenis dokumen"), max_length=20, choices=DocumentKind.choices)

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def folder(self) -> str:
        return f"claim-{self.claim_id}"
