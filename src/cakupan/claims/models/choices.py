"""The claim's vocabularies: programs, events, statuses, relations, document kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
