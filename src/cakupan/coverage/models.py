"""Coverage: denominators and targets per region and year, and pre-aggregated coverage facts.

Denominators and targets are typed in or imported by people and carry where they came from.
Facts are derived from the registry's spells by `cakupan.coverage.facts` (set-based SQL, one
month at a time) and are never edited by hand: a dashboard reads them instead of scanning the
registry on page load.

Every row carries `regency_code` (the tenant key) and `region_code` (the region it describes,
for region scope by prefix).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DenominatorBasis(models.TextChoices):
    COUNTED = "counted", _("Data penduduk bekerja")
    ESTIMATE = "estimate", _("Perkiraan dari jumlah penduduk")
    SYNTHETIC = "synthetic", _("Sintetis (demo)")


class Denominator(models.Model):
    """Working population (penduduk bekerja) of a region in a year, with its source."""

    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    year = models.PositiveSmallIntegerField(_("tahun"))
    working_population = models.PositiveIntegerField(_("penduduk bekerja"))
    population = models.PositiveIntegerField(_("jumlah penduduk"), null=True, blank=True)
    basis = models.CharField(
        _("dasar angka"),
        max_length=10,
        choices=DenominatorBasis.choices,
        default=DenominatorBasis.COUNTED,
    )
    # For an estimate: the share of the population assumed to work, as a fraction (0.49).
    employment_share = models.DecimalField(
        _("bagian penduduk yang bekerja"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(_("sumber"), max_length=300)
    source_code = models.CharField(_("kode wilayah di sumber"), max_length=16, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "year"], name="coverage_denominator_region_year"
            )
        ]
        indexes = [models.Index(fields=["regency_code", "year"])]
        verbose_name = _("penyebut")
        verbose_name_plural = _("penyebut")

    def __str__(self) -> str:
        return f"{self.region_code} {self.year}: {self.working_population}"

    @property
    def is_estimate(self) -> bool:
        return self.basis == DenominatorBasis.ESTIMATE

    @property
    def is_synthetic(self) -> bool:
        return self.basis == DenominatorBasis.SYNTHETIC


class Target(models.Model):
    """The coverage rate a region plans to reach in a year (e.g. the regency's RPJMD/RKPD)."""

    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    year = models.PositiveSmallIntegerField(_("tahun"))
    rate = models.DecimalField(_("target cakupan (%)"), max_digits=5, decimal_places=2)
    source = models.CharField(_("sumber"), max_length=300)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region_code", "year"], name="coverage_target_year"),
            models.CheckConstraint(
                condition=models.Q(rate__gte=0) & models.Q(rate__lte=100),
                name="coverage_target_rate_percent",
            ),
        ]
        verbose_name = _("target cakupan")
        verbose_name_plural = _("target cakupan")

    def __str__(self) -> str:
        return f"{self.region_code} {self.year}: {self.rate}%"


class CoverageFact(models.Model):
    """Persons covered on the last day of `month` in one desa, by their one counted spell.

    A person holding several spells that day (e.g. PU and a JHT-only BPU) is counted once,
    under the spell that ranks first (PU, Jakon, PMI, BPU; then the earliest), so the rows of
    a desa-month add up to the persons covered there.
    """

    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13)
    month = models.DateField()  # the month's last day: the date the count is taken
    segment = models.CharField(max_length=5)
    payer = models.CharField(max_length=16)
    sex = models.CharField(max_length=1)
    age_band = models.CharField(max_length=5)
    sector = models.CharField(max_length=1)
    persons = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "region_code"], name="coverage_fact_month_region")]

    def __str__(self) -> str:
        return f"{self.region_code} {self.month} {self.segment}/{self.payer}: {self.persons}"


class CoverageMarginal(models.Model):
    """The facts summed per desa, month and one dimension (`segment`, `payer`, `sex`,
    `age_band` or `sector`): a few dozen rows per desa-month whatever the registry's size, so a
    regency's breakdowns read thousands of rows, not the cross-tabulated facts."""

    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13)
    month = models.DateField()
    dimension = models.CharField(max_length=10)
    value = models.CharField(max_length=16)
    persons = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "region_code"], name="coverage_marginal_month")]

    def __str__(self) -> str:
        return f"{self.region_code} {self.month} {self.dimension}={self.value}: {self.persons}"


class CoverageFlagFact(models.Model):
    """Persons with a vulnerability flag covered on the last day of `month`, per desa (a person
    with two flags counts under both)."""

    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13)
    month = models.DateField()
    flag = models.CharField(max_length=32)
    persons = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "region_code"], name="coverage_flagfact_month")]

    def __str__(self) -> str:
        return f"{self.region_code} {self.month} {self.flag}: {self.persons}"


class CoverageTotal(models.Model):
    """Persons covered per desa and month: what trends and maps read (a few rows per month)."""

    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13)
    month = models.DateField()
    persons = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "month"], name="coverage_total_region_month"
            )
        ]
        indexes = [models.Index(fields=["regency_code", "month"], name="coverage_total_regency")]

    def __str__(self) -> str:
        return f"{self.region_code} {self.month}: {self.persons}"


class FactMonth(models.Model):
    """A month whose facts are materialised for a regency, and when they were last refreshed."""

    regency_code = models.CharField(max_length=5)
    month = models.DateField()
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["regency_code", "month"], name="coverage_factmonth_regency_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regency_code} {self.month}"


class RefreshState(models.Model):
    """How far the facts of a regency have followed the registry: the last audit event read.

    Every write to spells and persons records an audit event in its own transaction, so the
    events after this watermark name every desa whose facts may have changed.
    """

    regency_code = models.CharField(max_length=5, unique=True)
    audit_watermark = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.regency_code} @{self.audit_watermark}"
