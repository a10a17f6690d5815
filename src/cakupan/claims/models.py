"""Claims (santunan): the incident, the coverage in force that day, heirs, the computed
benefit decision, documents, payment and the public hand-over.

A claim keeps a snapshot of the registry's answer for the incident date (`coverage`), so the
decision stays explainable even if the registry is corrected later; the spell and agreement
links point at the rows that answer came from.

Every row carries `regency_code` (the tenant key) and `region_code` (the deceased's or injured
person's desa; region scope is a prefix match on it).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cakupan.documents.uploads import PrivateStorage


class Program(models.TextChoices):
    JKM = "JKM", _("JKM (Jaminan Kematian)")
    JKK = "JKK", _("JKK (Jaminan Kecelakaan Kerja)")
    JHT = "JHT", _("JHT (Jaminan Hari Tua, pencairan karena meninggal)")


class Event(models.TextChoices):
    DEATH = "death", _("Meninggal dunia")
    INJURY = "injury", _("Cedera (perawatan)")
    STMB = "stmb", _("Sementara tidak mampu bekerja (STMB)")
    DISABILITY = "disability", _("Cacat tetap")


class DisabilityKind(models.TextChoices):
    """Which permanent disability a JKK `disability` claim is (rules.md §4.3)."""

    TOTAL = "total", _("Cacat total tetap")
    ANATOMICAL = "anatomical", _("Cacat sebagian anatomis")
    FUNCTIONAL = "functional", _("Cacat sebagian fungsi")


PARTIAL_DISABILITY = (DisabilityKind.ANATOMICAL, DisabilityKind.FUNCTIONAL)


# Which events each program pays for.
PROGRAM_EVENTS = {
    "JKM": ("death",),
    "JKK": ("death", "injury", "stmb", "disability"),
    "JHT": ("death",),
}


class Status(models.TextChoices):
    ENTERED = "entered", _("Dicatat")
    VERIFIED = "verified", _("Diverifikasi")
    APPROVED = "approved", _("Disetujui")
    PAID = "paid", _("Dibayar")
    REFUSED = "refused", _("Ditolak: tidak terlindungi")
    REJECTED = "rejected", _("Ditolak")


OPEN_STATUSES = (Status.ENTERED, Status.VERIFIED, Status.APPROVED)
# A claim in these statuses still stands for its event: another claim for the same event is a
# duplicate (`claims.duplicates`). Refused and rejected claims no longer count.
STANDING_STATUSES = (*OPEN_STATUSES, Status.PAID)
# Statuses in which money is or was due: the database allows one claim per event among them.
DECIDED_STATUSES = (Status.APPROVED, Status.PAID)


class Relation(models.TextChoices):
    """The relations `cakupan.rules.heirs` knows (Permenaker 5/2021 jo. 1/2025)."""

    SPOUSE = "spouse", _("Suami/istri")
    WIDOW = "widow", _("Janda")
    WIDOWER = "widower", _("Duda")
    CHILD = "child", _("Anak")
    PARENT = "parent", _("Orang tua")
    GRANDCHILD = "grandchild", _("Cucu")
    GRANDPARENT = "grandparent", _("Kakek/nenek")
    SIBLING = "sibling", _("Saudara kandung")
    PARENT_IN_LAW = "parent_in_law", _("Mertua")
    WILL_BENEFICIARY = "will_beneficiary", _("Penerima wasiat")


class Marital(models.TextChoices):
    SINGLE = "single", _("Belum kawin")
    MARRIED = "married", _("Kawin")
    DIVORCED = "divorced", _("Cerai hidup")
    WIDOWED = "widowed", _("Cerai mati")
    REMARRIED = "remarried", _("Kawin lagi")


class SchoolLevel(models.TextChoices):
    """The levels `cakupan.rules.benefits.scholarship` prices."""

    NONE = "", "—"
    BELUM_SEKOLAH = "BELUM_SEKOLAH", _("Belum sekolah")
    TK_SD = "TK_SD", _("TK/SD")
    SMP = "SMP", _("SMP")
    SMA = "SMA", _("SMA/SMK")
    PT = "PT", _("Perguruan tinggi / pelatihan")


class DocumentKind(models.TextChoices):
    DEATH_CERTIFICATE = "death_certificate", _("Akta/surat keterangan kematian")
    FAMILY_CARD = "family_card", _("Kartu keluarga")
    HEIRS_STATEMENT = "heirs_statement", _("Surat keterangan ahli waris")
    HEIR_ID_CARD = "heir_id_card", _("KTP ahli waris")
    COVERAGE_PROOF = "coverage_proof", _("Kartu KPJ atau bukti kepesertaan")
    DUTY_LETTER = "duty_letter", _("Surat tugas / SK petugas ad hoc")
    ACCIDENT_REPORT = "accident_report", _("Laporan kecelakaan kerja")
    MEDICAL_REPORT = "medical_report", _("Surat keterangan dokter")
    DISABILITY_STATEMENT = (
        "disability_statement",
        _("Surat keterangan dokter tentang persentase cacat"),
    )
    COURT_DECISION = "court_decision", _("Penetapan pengadilan / keputusan keluarga")
    OTHER = "other", _("Dokumen lain")


def private_storage() -> PrivateStorage:
    """Claim documents and hand-over photos: MEDIA_ROOT/claims, no public URL
    (`documents.uploads`)."""
    return PrivateStorage("claims")


class Claim(models.Model):
    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("desa/kelurahan"), max_length=13, db_index=True)
    program = models.CharField(_("program"), max_length=3, choices=Program.choices)
    event = models.CharField(_("kejadian"), max_length=12, choices=Event.choices)
    incident_date = models.DateField(_("tanggal kejadian"))
    place = models.CharField(_("tempat kejadian"), max_length=200)
    circumstances = models.TextField(_("penyebab dan keadaan"))
    reported_on = models.DateField(_("tanggal laporan"))
    reporter_name = models.CharField(_("pelapor"), max_length=150)
    reporter_relation = models.CharField(_("hubungan pelapor"), max_length=100, blank=True)
    reporter_phone = models.CharField(_("HP pelapor"), max_length=20, blank=True)
    # The person as the registry knows them; null when the NIK has no record in the scope.
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    nik = models.CharField("NIK", max_length=16)
    name = models.CharField(_("nama"), max_length=150)
    sex = models.CharField(_("jenis kelamin"), max_length=1)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    # The registry's answer for the incident date, kept as it was when the claim was entered.
    covered = models.BooleanField(_("terlindungi pada tanggal kejadian"), default=False)
    coverage = models.JSONField(default=dict)
    spell = models.ForeignKey(
        "registry.Spell", on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    wage = models.BigIntegerField(_("upah / penghasilan dasar"), null=True, blank=True)
    membership_months = models.PositiveIntegerField(_("masa iur (bulan)"), default=0)
    membership_start = models.DateField(null=True, blank=True)
    stmb_days = models.PositiveIntegerField(_("hari tidak mampu bekerja"), null=True, blank=True)
    # A `disability` claim: total (CTT) or partial; a partial one is paid on the percentages
    # in the doctor's statement (the disability table itself is not held, rules.md §4.3).
    disability_kind = models.CharField(
        _("jenis cacat"), max_length=10, choices=DisabilityKind.choices, blank=True
    )
    disability_table_percent = models.DecimalField(
        _("persen tabel cacat"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    function_lost_percent = models.DecimalField(
        _("persen fungsi yang hilang"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    jht_balance = models.BigIntegerField(_("saldo JHT"), null=True, blank=True)
    # The registry holds no payments: the last month BPJS's system shows as paid, entered by an
    # officer (first day of that month); null = not checked. `claims.arrears` reads it.
    paid_through = models.DateField(_("iuran dibayar sampai (bulan)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ENTERED
    )
    status_reason = models.TextField(_("alasan"), blank=True)
    # The reason in English when the system wrote it (a refusal); blank for a reason an
    # officer typed, which is shown as typed.
    status_reason_en = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(  # who rejected (or the system, for a refusal)
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["regency_code", "status"]),
            models.Index(fields=["regency_code", "incident_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reported_on__gte=models.F("incident_date")),
                name="claims_reported_after_incident",
            ),
            # The last line against paying the same event twice (two claims entered at the
            # same moment pass the service's check): a person dies once, and any other event
            # is one per program and day. Approved or paid only, so refusing or rejecting the
            # duplicate frees it and a database with open duplicates still migrates.
            models.UniqueConstraint(
                fields=["nik"],
                condition=models.Q(
                    event="death", program__in=["JKM", "JKK"], status__in=["approved", "paid"]
                ),
                name="claims_one_decided_death",
            ),
            models.UniqueConstraint(
                fields=["nik"],
                condition=models.Q(event="death", program="JHT", status__in=["approved", "paid"]),
                name="claims_one_decided_jht_at_death",
            ),
            models.UniqueConstraint(
                fields=["nik", "program", "event", "incident_date"],
                condition=models.Q(status__in=["approved", "paid"]),
                name="claims_one_decided_event_a_day",
            ),
        ]
        verbose_name = _("klaim")
        verbose_name_plural = _("klaim")

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"KLM-{self.regency_code}-{self.pk:06d}" if self.pk else "KLM-?"

    def reason_in(self, lang: str | None) -> str:
        """The status reason in `lang` (English only when the system wrote one)."""
        if (lang or "id")[:2] == "en" and self.status_reason_en:
            return self.status_reason_en
        return self.status_reason

    @property
    def is_death(self) -> bool:
        return self.event == Event.DEATH

    @property
    def is_partial_disability(self) -> bool:
        return self.event == Event.DISABILITY and self.disability_kind in PARTIAL_DISABILITY


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


class BenefitDecision(models.Model):
    """The benefit the rules give for the incident date: components, totals and the trace.

    `paid_at_claim` is what the claim's payment settles (lump sum, periodic benefit paid at
    once, funeral, STMB); `scholarships_total` is the most the children can receive later, per
    school year while they are in school, so it is never offered as money paid now. `total`
    stays their sum, as the rules' calculation reports it."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="decision")
    regency_code = models.CharField(max_length=5)
    computed_for = models.DateField()
    total = models.BigIntegerField(default=0)
    paid_at_claim = models.BigIntegerField(default=0)
    scholarships_total = models.BigIntegerField(default=0)
    components = models.JSONField(default=list)
    trace = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    heirs = models.JSONField(default=dict)  # recipient, group rank, reference
    error_code = models.CharField(max_length=60, blank=True)
    error_params = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.total}"


class Payment(models.Model):
    claim = models.OneToOneField(Claim, on_delete=models.PROTECT, related_name="payment")
    regency_code = models.CharField(max_length=5)
    paid_on = models.DateField(_("tanggal bayar"))
    amount = models.BigIntegerField(_("jumlah"))
    reference = models.CharField(_("referensi pembayaran"), max_length=100)
    recipient = models.CharField(_("penerima"), max_length=150)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.paid_on.isoformat()} {self.amount}"


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
