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
    # Whether the facts count synthetic spells or persons (`cakupan synth registry`), set by
    # every refresh so pages label synthetic figures without looking at the registry.
    registry_synthetic = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.regency_code} @{self.audit_watermark}"


class ResidentList(models.Model):
    """A list of working residents from outside the registry (the village's own data, DTKS, a
    social-welfare survey), kept with where it came from, to find who is not covered.

    `region_code` is the area the list was imported into (a desa, kecamatan or the regency);
    a list is named by its source and year, so importing "DTKS Desa X 2026" again updates the
    same list instead of making a second one.
    """

    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("wilayah"), max_length=13)
    source = models.CharField(_("sumber"), max_length=300)
    year = models.PositiveSmallIntegerField(_("tahun"))
    synthetic = models.BooleanField(_("data sintetis"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "source", "year"], name="coverage_residentlist_source_year"
            )
        ]
        verbose_name = _("daftar penduduk bekerja")
        verbose_name_plural = _("daftar penduduk bekerja")

    def __str__(self) -> str:
        return f"{self.source} ({self.year})"


class Resident(models.Model):
    """One working resident on a list. No birth date is kept: the birth year (from the NIK)
    is all a gap list shows, and a birth date beside a NIK is what identity theft needs."""

    resident_list = models.ForeignKey(
        ResidentList, on_delete=models.CASCADE, related_name="residents"
    )
    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(_("desa/kelurahan"), max_length=13)
    nik = models.CharField("NIK", max_length=16)
    name = models.CharField(_("nama"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resident_list", "nik"], name="coverage_resident_nik")
        ]
        indexes = [
            models.Index(fields=["regency_code", "region_code"], name="coverage_resident_region"),
            models.Index(fields=["nik"], name="coverage_resident_nik_idx"),
        ]
        verbose_name = _("penduduk dalam daftar")
        verbose_name_plural = _("penduduk dalam daftar")

    def __str__(self) -> str:
        return self.name


class ResidentFlag(models.Model):
    """A vulnerability flag the list gives a resident (registry.models.Flag values)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="flags")
    flag = models.CharField(max_length=32)
    regency_code = models.CharField(max_length=5)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resident", "flag"], name="coverage_resident_flag")
        ]
        indexes = [models.Index(fields=["flag"], name="coverage_residentflag_flag")]

    def __str__(self) -> str:
        return self.flag


class ResidentImport(models.Model):
    """One file imported into a list, with its row report (problems by row number, NIKs
    masked), so the page can show the report again and a repeated file is recognised."""

    resident_list = models.ForeignKey(
        ResidentList, on_delete=models.CASCADE, related_name="imports"
    )
    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_valid = models.PositiveIntegerField(default=0)
    rows_invalid = models.PositiveIntegerField(default=0)
    residents_new = models.PositiveIntegerField(default=0)
    residents_changed = models.PositiveIntegerField(default=0)
    residents_unchanged = models.PositiveIntegerField(default=0)
    # [{row, field, column, value, code, params}], at most ERRORS_KEPT; NIK values masked.
    errors = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.original_name}"
