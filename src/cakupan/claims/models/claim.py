"""The claim itself, the benefit the rules gave it and its payment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cakupan.claims.models.choices import PARTIAL_DISABILITY, DisabilityKind, Event, Program, Status


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
