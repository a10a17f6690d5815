"""Persons (by NIK), employers (by NPP) and coverage spells.

A spell is person × programs × [start, end] with who pays and under what. Spells of one person
never overlap for the same program: the services check it and tell the operator which spell
is in the way, and the database refuses it anyway (an exclusion constraint on PostgreSQL,
triggers on SQLite; see migration 0002), so two imports racing cannot slip past.

Every row carries `regency_code` (the tenant key a sharded PostgreSQL distributes on) and
`region_code` (the desa it belongs to, for region scope by prefix).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Sector(models.TextChoices):
    """KBLI 2020 sections."""

    A = "A", _("Pertanian, kehutanan dan perikanan")
    B = "B", _("Pertambangan dan penggalian")
    C = "C", _("Industri pengolahan")
    D = "D", _("Listrik, gas, uap/air panas dan udara dingin")
    E = "E", _("Air, pengelolaan sampah dan daur ulang")
    F = "F", _("Konstruksi")
    G = "G", _("Perdagangan besar dan eceran; reparasi kendaraan")
    H = "H", _("Pengangkutan dan pergudangan")
    I = "I", _("Akomodasi dan makan minum")  # noqa: E741 - the KBLI letter
    J = "J", _("Informasi dan komunikasi")
    K = "K", _("Jasa keuangan dan asuransi")
    L = "L", _("Real estat")
    M = "M", _("Jasa profesional, ilmiah dan teknis")
    N = "N", _("Jasa persewaan, ketenagakerjaan, agen perjalanan")
    O = "O", _("Administrasi pemerintahan, pertahanan dan jaminan sosial wajib")  # noqa: E741
    P = "P", _("Jasa pendidikan")
    Q = "Q", _("Jasa kesehatan dan kegiatan sosial")
    R = "R", _("Kesenian, hiburan dan rekreasi")
    S = "S", _("Kegiatan jasa lainnya")
    T = "T", _("Jasa perorangan yang melayani rumah tangga")
    U = "U", _("Kegiatan badan internasional")


class Flag(models.TextChoices):
    """Vulnerability flags the regency uses to target premium subsidies (pekerja rentan)."""

    FARMER = "farmer", _("Petani")
    FISHER = "fisher", _("Nelayan")
    INFORMAL_TRADER = "informal_trader", _("Pedagang informal")
    RELIGIOUS_TEACHER = "religious_teacher", _("Guru ngaji / pekerja keagamaan")
    VILLAGE_APPARATUS = "village_apparatus", _("Perangkat desa / RT / RW")
    POOR_HOUSEHOLD = "poor_household", _("Rumah tangga miskin (DTKS)")
    TRANSPORT_WORKER = "transport_worker", _("Pekerja transportasi (ojek, sopir, kurir)")
    DISABILITY = "disability", _("Penyandang disabilitas")


class Segment(models.TextChoices):
    PU = "PU", _("Penerima Upah (PU)")
    BPU = "BPU", _("Bukan Penerima Upah (BPU)")
    JAKON = "JAKON", _("Jasa Konstruksi (Jakon)")
    PMI = "PMI", _("Pekerja Migran Indonesia (PMI)")


class Payer(models.TextChoices):
    SELF = "self", _("Peserta sendiri")
    EMPLOYER = "employer", _("Pemberi kerja")
    APBD = "apbd", _("APBD")
    APBDES = "apbdes", _("APBDes")
    ELECTION_BODY = "election_body", _("Penyelenggara pemilu")
    OTHER_AGREEMENT = "other_agreement", _("Perjanjian lain / sponsor")


PROGRAMS = ("JKK", "JKM", "JHT", "JP", "JKP")


class Person(models.Model):
    nik = models.CharField("NIK", max_length=16, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    # Upper-case, single-spaced, titles stripped: what search and de-duplication compare.
    name_key = models.CharField(max_length=150, db_index=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("desa/kelurahan domisili"), max_length=13, db_index=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    sector = models.CharField(_("sektor (KBLI)"), max_length=1, choices=Sector.choices, blank=True)
    # Set when the operator confirmed that NIK and entered birth date/sex legitimately differ.
    nik_exception_reason = models.TextField(_("alasan pengecualian NIK"), blank=True)
    # A merged duplicate keeps its row (history and audit point at it) but forwards here.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["name_key", "birth_date"]),
            models.Index(fields=["regency_code", "region_code"]),
        ]
        verbose_name = _("orang")
        verbose_name_plural = _("orang")

    def __str__(self) -> str:
        return self.name


class PersonFlag(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="flags")
    flag = models.CharField(max_length=32, choices=Flag.choices)
    regency_code = models.CharField(max_length=5)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "flag"], name="registry_person_flag_unique")
        ]
        indexes = [models.Index(fields=["regency_code", "flag"])]

    def __str__(self) -> str:
        return self.flag


class Employer(models.Model):
    npp = models.CharField("NPP", max_length=8, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    sector = models.CharField(_("sektor (KBLI)"), max_length=1, choices=Sector.choices, blank=True)
    risk_class = models.PositiveSmallIntegerField(
        _("kelas risiko JKK"), choices=[(i, str(i)) for i in range(1, 6)]
    )
    regency_code = models.CharField(max_length=5, db_index=True)
    region_code = models.CharField(_("desa/kelurahan"), max_length=13, db_index=True)
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pemberi kerja")
        verbose_name_plural = _("pemberi kerja")

    def __str__(self) -> str:
        return f"{self.npp} {self.name}"


class Spell(models.Model):
    """A coverage spell: the person was protected by these programs on every day in
    [start_date, end_date] (end inclusive; open-ended while null)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="spells")
    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13, db_index=True)
    jkk = models.BooleanField("JKK", default=False)
    jkm = models.BooleanField("JKM", default=False)
    jht = models.BooleanField("JHT", default=False)
    jp = models.BooleanField("JP", default=False)
    jkp = models.BooleanField("JKP", default=False)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"), null=True, blank=True)
    segment = models.CharField(_("segmen"), max_length=5, choices=Segment.choices)
    payer = models.CharField(_("pembayar"), max_length=16, choices=Payer.choices)
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, null=True, blank=True, related_name="spells"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spells",
    )
    wage = models.BigIntegerField(_("upah / penghasilan dilaporkan"), null=True, blank=True)
    kpj = models.CharField("KPJ", max_length=16, blank=True, db_index=True)
    role = models.CharField(_("jabatan"), max_length=50, blank=True)
    source = models.CharField(_("sumber"), max_length=64, blank=True)
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["person", "start_date"]),
            models.Index(fields=["regency_code", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="registry_spell_dates_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(jkk=True)
                | models.Q(jkm=True)
                | models.Q(jht=True)
                | models.Q(jp=True)
                | models.Q(jkp=True),
                name="registry_spell_has_program",
            ),
        ]
        verbose_name = _("masa kepesertaan")
        verbose_name_plural = _("masa kepesertaan")

    def __str__(self) -> str:
        end = self.end_date.isoformat() if self.end_date else "…"
        return f"{'+'.join(self.programs)} {self.start_date.isoformat()}–{end}"

    @property
    def programs(self) -> list[str]:
        return [p for p in PROGRAMS if getattr(self, p.lower())]

    def covers(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("Menunggu tinjauan")
    MERGED = "merged", _("Digabung")
    DISMISSED = "dismissed", _("Bukan duplikat")


class DuplicateCandidate(models.Model):
    """Two persons with different NIKs who look like one (same name, birth date and desa)."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    regency_code = models.CharField(max_length=5)
    region_code = models.CharField(max_length=13, db_index=True)
    reason = models.CharField(_("alasan"), max_length=200)
    status = models.CharField(
        max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="registry_dup_pair"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="registry_dup_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.status})"
