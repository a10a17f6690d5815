"""Cooperation agreements (PKS): who signed, what they cover, who pays and how much.

The registry's spells point at the agreement that pays for them (`Spell.agreement`); this app
owns the agreement itself, its parties, scope, budget and charging rule, the documents
attached to it, and the coverage certificates issued under it.

Every row carries `regency_code` (the tenant key) and the agreement's `region_code` (the
regency or kecamatan it covers; scope is a prefix match on it).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cakupan.documents.uploads import PrivateStorage


class OfficerRole(models.TextChoices):
    """Ad hoc election bodies (PKPU 8/2022, 2/2024; Bawaslu's own), rules.md §6.2."""

    PPK = "PPK", _("PPK (Panitia Pemilihan Kecamatan)")
    PPS = "PPS", _("PPS (Panitia Pemungutan Suara)")
    KPPS = "KPPS", _("KPPS (Kelompok Penyelenggara Pemungutan Suara)")
    PANTARLIH = "Pantarlih", _("Pantarlih (Petugas Pemutakhiran Data Pemilih)")
    LINMAS = "Linmas", _("Linmas (petugas ketertiban TPS)")
    PANWASCAM = "Panwascam", _("Panwaslu Kecamatan")
    PKD = "PKD", _("PKD (Pengawas Kelurahan/Desa)")
    PTPS = "PTPS", _("PTPS (Pengawas TPS)")
    SECRETARIAT = "Sekretariat", _("Staf sekretariat badan ad hoc")


class BudgetSource(models.TextChoices):
    APBD = "apbd", _("APBD")
    HIBAH = "hibah_nphd", _("Hibah (NPHD) ke KPU/Bawaslu")
    BTT = "btt", _("BTT (belanja tidak terduga)")
    APBDES = "apbdes", _("APBDes")
    APBN = "apbn", _("APBN")
    OTHER = "other", _("Sumber lain / sponsor")


class Charging(models.TextChoices):
    """How a duty period is charged (rules.md is silent [U]; see rules.contributions.bpu)."""

    MONTH_STARTED = "month_started", _("Per bulan berjalan (setiap bulan yang dimulai penuh)")
    PRO_RATA_DAYS = "pro_rata_days", _("Pro rata hari (hari bertugas / hari dalam bulan)")


class PartyRole(models.TextChoices):
    GOVERNMENT = "government", _("Pemerintah daerah")
    BPJS = "bpjs", _("BPJS Ketenagakerjaan")
    ELECTION_BODY = "election_body", _("Penyelenggara pemilu (KPU/Bawaslu)")
    OTHER = "other", _("Pihak lain")


AGREEMENT_PROGRAMS = ("JKK", "JKM", "JHT")  # BPU programs; JP and JKP are for PU only


def default_programs() -> list[str]:
    return ["JKK", "JKM"]


def private_storage() -> PrivateStorage:
    """Agreement documents: MEDIA_ROOT/agreements, no public URL (`documents.uploads`)."""
    return PrivateStorage("agreements")


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
    # Added by the agreements issue (migration 0002); every field has a default so older
    # writers (the synthetic data generator) keep working.
    signed_on = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)
    scope = models.TextField(_("ruang lingkup"), blank=True)
    roles = models.JSONField(_("jabatan yang dilindungi"), default=list, blank=True)
    election_name = models.CharField(_("pemilihan"), max_length=120, blank=True)
    election_date = models.DateField(_("tanggal pemungutan suara"), null=True, blank=True)
    budget_source = models.CharField(
        _("sumber anggaran"), max_length=16, choices=BudgetSource.choices, default="apbd"
    )
    budget_ceiling = models.BigIntegerField(_("pagu anggaran (Rp)"), default=0)
    charging = models.CharField(
        _("cara penghitungan iuran"),
        max_length=16,
        choices=Charging.choices,
        default=Charging.MONTH_STARTED,
    )
    programs = models.JSONField(_("program"), default=default_programs)
    # Null: the BPU minimum in force on each duty period's first day (rules parameter
    # bpu.income_min), not a number written here.
    declared_income = models.BigIntegerField(
        _("penghasilan yang dilaporkan (BPU)"), null=True, blank=True
    )
    min_age = models.JSONField(_("usia minimum per jabatan"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["regency_code", "number"], name="agreement_number")
        ]
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def payer_label(self) -> str:
        from cakupan.registry.models import Payer

        return str(dict(Payer.choices).get(self.payer, self.payer))

    def role_labels(self) -> list[str]:
        labels = dict(OfficerRole.choices)
        return [str(labels.get(r, r)) for r in self.roles]


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    regency_code = models.CharField(max_length=5)
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("nama pihak"), max_length=200)
    role = models.CharField(_("peran"), max_length=16, choices=PartyRole.choices)
    signatory = models.CharField(_("penanda tangan"), max_length=150, blank=True)
    position = models.CharField(_("jabatan penanda tangan"), max_length=150, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


def _document_path(instance: "AgreementDocument", filename: str) -> str:
    return f"{instance.regency_code}/{instance.agreement_id}/{instance.stored_name}"


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="documents")
    regency_code = models.CharField(max_length=5)
    title = models.CharField(_("judul dokumen"), max_length=200)
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
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class Certificate(models.Model):
    """Proof of coverage for one officer's spell, checkable by anyone holding its code."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="certificates")
    spell = models.OneToOneField(
        "registry.Spell", on_delete=models.PROTECT, related_name="certificate"
    )
    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13)
    code = models.CharField(max_length=32, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.code
