"""Roles and the named permissions each carries.

Permissions are strings (`registry.view_person`), never numeric codes, so a reader of the code,
the audit log or a test knows what was allowed. Adding a capability means adding its permission
names here and granting them to roles; nothing else decides who may do what.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    REGENCY_OPERATOR = "regency_operator", _("Operator kabupaten")
    VILLAGE_OPERATOR = "village_operator", _("Operator desa")
    PARTNER_OPERATOR = "partner_operator", _("Operator mitra PKS")
    BPJS_OFFICER = "bpjs_officer", _("Petugas BPJS Ketenagakerjaan")
    VIEWER = "viewer", _("Pembaca")


# Every permission the application checks, with what it allows (shown on the user page).
PERMISSIONS: dict[str, str] = {
    "regions.view": _("Melihat wilayah"),
    "accounts.view_user": _("Melihat pengguna"),
    "accounts.manage_user": _("Mengelola pengguna dan peran"),
    "accounts.export_user": _("Mengekspor daftar pengguna"),
    "audit.view": _("Membaca log audit"),
    "rules.view": _("Melihat parameter regulasi dan kalkulator"),
    "registry.view_person": _("Melihat peserta"),
    "registry.view_nik": _("Membuka NIK lengkap"),
    "registry.register_person": _("Mendaftarkan peserta"),
    "registry.manage_spell": _("Mengelola masa kepesertaan"),
    "registry.export": _("Mengekspor data peserta"),
    "agreements.view": _("Melihat PKS"),
    "agreements.manage": _("Mengelola PKS"),
    "agreements.import_roster": _("Mengimpor daftar petugas"),
    "billing.issue": _("Menerbitkan tagihan"),
    "claims.view": _("Melihat klaim"),
    "claims.enter": _("Mencatat klaim"),
    "claims.verify": _("Memverifikasi klaim"),
    "claims.approve": _("Menyetujui klaim"),
    "claims.pay": _("Mencatat pembayaran klaim"),
    "coverage.view": _("Melihat cakupan"),
    "coverage.manage": _("Mengelola target dan penyebut"),
    "coverage.gap": _("Melihat dan mengekspor daftar penduduk yang belum terlindungi"),
    "coverage.gap_import": _("Mengimpor daftar penduduk bekerja"),
}

# Who may hold names of residents not yet covered (outreach, subsidy proposals): the regency's
# staff, BPJS officers and village operators, each inside their own region.
_GAP = {"coverage.gap", "coverage.gap_import"}

_READ = {"regions.view", "rules.view", "coverage.view"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset(PERMISSIONS),
    Role.REGENCY_OPERATOR: frozenset(
        _READ
        | {
            "accounts.view_user",
            "registry.view_person",
            "registry.view_nik",
            "registry.register_person",
            "registry.manage_spell",
            "registry.export",
            "agreements.view",
            "agreements.manage",
            "agreements.import_roster",
            "billing.issue",
            "claims.view",
            "claims.enter",
            "coverage.manage",
            *_GAP,
        }
    ),
    Role.VILLAGE_OPERATOR: frozenset(
        _READ | {"registry.view_person", "registry.register_person", "registry.export", *_GAP}
    ),
    Role.PARTNER_OPERATOR: frozenset(_READ | {"agreements.view", "agreements.import_roster"}),
    Role.BPJS_OFFICER: frozenset(
        _READ
        | {
            "registry.view_person",
            "registry.view_nik",
            "registry.manage_spell",
            "registry.export",
            "agreements.view",
            "claims.view",
            "claims.enter",
            "claims.verify",
            "claims.approve",
            "claims.pay",
            *_GAP,
        }
    ),
    Role.VIEWER: frozenset(_READ),
}


def permissions_of(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())
