"""How an audit row reads to a person: the action in words, and only what changed.

The log stores stable codes (`registry.person_update`) and JSON pictures of the record before
and after; this module turns them into "Data peserta diubah" and a short list of
`field: before → after`, with dates as `27 November 2024`, money as `Rp1.234.567` and choice
codes as their labels. Field names and choice labels come from the models themselves, so a
new field reads well without touching this file.
"""

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from cakupan.audit.redaction import audit_redact
from cakupan.rules import formats as formatting

ACTION_LABELS = {
    "accounts.user_create": gettext_lazy("Pengguna dibuat"),
    "accounts.user_update": gettext_lazy("Data pengguna diubah"),
    "accounts.user_bootstrap": gettext_lazy("Pengguna disiapkan dari baris perintah"),
    "accounts.assignment_add": gettext_lazy("Peran diberikan"),
    "accounts.token_issue": gettext_lazy("Token API dibuat"),
    "accounts.token_revoke": gettext_lazy("Token API dicabut"),
    "registry.person_register": gettext_lazy("Peserta didaftarkan"),
    "registry.person_update": gettext_lazy("Data peserta diubah"),
    "registry.nik_view": gettext_lazy("NIK lengkap dibuka"),
    "registry.person_merge": gettext_lazy("Peserta digabung dengan duplikat"),
    "registry.duplicate_dismiss": gettext_lazy("Ditandai bukan duplikat"),
    "registry.employer_register": gettext_lazy("Pemberi kerja didaftarkan"),
    "registry.spell_add": gettext_lazy("Masa kepesertaan ditambahkan"),
    "registry.spell_end": gettext_lazy("Masa kepesertaan diakhiri"),
    "registry.synthetic_fill": gettext_lazy("Registri sintetis dibuat"),
    "registry.nik_check_outside_scope": gettext_lazy(
        "NIK terdaftar di luar wilayah pengguna dicek saat pendaftaran"
    ),
    "agreements.create": gettext_lazy("PKS dibuat"),
    "agreements.update": gettext_lazy("PKS diubah"),
    "agreements.document_attach": gettext_lazy("Dokumen PKS dilampirkan"),
    "agreements.document_open": gettext_lazy("Dokumen PKS dibuka"),
    "agreements.certificate_issue": gettext_lazy("Sertifikat kepesertaan diterbitkan"),
    "agreements.export": gettext_lazy("Data PKS diekspor"),
    "imports.batch_upload": gettext_lazy("Berkas impor diunggah"),
    "imports.batch_mapping": gettext_lazy("Pemetaan kolom impor diubah"),
    "imports.batch_validate": gettext_lazy("Impor diperiksa"),
    "imports.batch_validate_failed": gettext_lazy("Pemeriksaan impor gagal"),
    "imports.batch_review": gettext_lazy("Impor siap ditinjau"),
    "imports.batch_commit_start": gettext_lazy("Penyimpanan impor dimulai"),
    "imports.chunk_commit": gettext_lazy("Sebagian impor disimpan"),
    "imports.batch_commit": gettext_lazy("Impor disimpan"),
    "imports.batch_commit_failed": gettext_lazy("Penyimpanan impor gagal"),
    "imports.batch_cancel_request": gettext_lazy("Pembatalan impor diminta"),
    "imports.batch_cancel": gettext_lazy("Impor dibatalkan"),
    "coverage.demo_fill": gettext_lazy("Data cakupan contoh dibuat"),
    "coverage.denominator_set": gettext_lazy("Jumlah penduduk bekerja diubah"),
    "coverage.denominator_import": gettext_lazy("Berkas penduduk bekerja diimpor"),
    "coverage.target_set": gettext_lazy("Target cakupan ditetapkan"),
    "coverage.facts_refresh": gettext_lazy("Angka cakupan dihitung ulang"),
    "coverage.resident_list_create": gettext_lazy("Daftar penduduk bekerja dibuat"),
    "coverage.residents_import": gettext_lazy("Daftar penduduk bekerja diimpor"),
    "coverage.gap_export": gettext_lazy("Daftar celah kepesertaan diekspor"),
    "coverage.gap_demo_fill": gettext_lazy("Daftar penduduk contoh (sintetis) dibuat"),
    "coverage.report_export": gettext_lazy("Laporan rakor cakupan diunduh"),
    "claims.create": gettext_lazy("Klaim dicatat"),
    "claims.create_refused": gettext_lazy("Klaim dicatat tanpa kepesertaan"),
    "claims.update_basis": gettext_lazy("Dasar klaim diubah"),
    "claims.paid_through": gettext_lazy("Status pembayaran iuran klaim dicatat"),
    "claims.refuse_unpaid": gettext_lazy("Klaim ditolak: iuran bulan kejadian tidak dibayar"),
    "claims.heir_add": gettext_lazy("Ahli waris ditambahkan"),
    "claims.heir_remove": gettext_lazy("Ahli waris dihapus"),
    "claims.heir_override": gettext_lazy("Penetapan ahli waris diubah"),
    "claims.document_attach": gettext_lazy("Dokumen klaim dilampirkan"),
    "claims.document_open": gettext_lazy("Dokumen klaim dibuka"),
    "claims.verify": gettext_lazy("Klaim diverifikasi"),
    "claims.reject": gettext_lazy("Klaim ditolak"),
    "claims.approve": gettext_lazy("Klaim disetujui"),
    "claims.pay": gettext_lazy("Klaim dibayar"),
    "claims.payment": gettext_lazy("Pembayaran klaim dicatat"),
    "claims.handover_create": gettext_lazy("Serah terima santunan dicatat"),
    "claims.handover_photo": gettext_lazy("Foto serah terima dilampirkan"),
    "claims.handover_photo_open": gettext_lazy("Foto serah terima dibuka"),
}

OBJECT_LABELS = {
    "user": gettext_lazy("Pengguna"),
    "api_token": gettext_lazy("Token API"),
    "person": gettext_lazy("Peserta"),
    "employer": gettext_lazy("Pemberi kerja"),
    "spell": pgettext_lazy("audit object", "Masa kepesertaan"),
    "duplicate_candidate": gettext_lazy("Calon duplikat"),
    "agreement": gettext_lazy("PKS"),
    "agreement_document": gettext_lazy("Dokumen PKS"),
    "certificate": gettext_lazy("Sertifikat"),
    "import_batch": gettext_lazy("Impor"),
    "claim": gettext_lazy("Klaim"),
    "claim_document": gettext_lazy("Dokumen klaim"),
    "claim_heir": gettext_lazy("Ahli waris"),
    "claim_payment": gettext_lazy("Pembayaran klaim"),
    "claim_handover": gettext_lazy("Serah terima"),
    "claim_handover_photo": gettext_lazy("Foto serah terima"),
    "regency": gettext_lazy("Kabupaten"),
    "target": gettext_lazy("Target cakupan"),
    "denominator": gettext_lazy("Penduduk bekerja"),
    "denominator_file": gettext_lazy("Berkas penduduk bekerja"),
    "resident_list": gettext_lazy("Daftar penduduk bekerja"),
    "region": gettext_lazy("Wilayah"),
}

# Reasons the system writes by itself (people write their own in their own words).
REASON_LABELS = {
    "created from the command line": gettext_lazy("dibuat dari baris perintah"),
    "revoked by its owner": gettext_lazy("dicabut oleh pemiliknya"),
    "viewed on the person page": gettext_lazy("dibuka di halaman peserta"),
    "API reveal-nik": gettext_lazy("dibuka melalui API"),
    "full NIKs exported": gettext_lazy("NIK lengkap diekspor"),
    "Synthetic denominators and targets (demo data)": gettext_lazy(
        "Penyebut dan target sintetis (data demo)"
    ),
    "Synthetic resident list (demo data)": gettext_lazy("Daftar penduduk sintetis (data demo)"),
    "Synthetic registry (demo / benchmark data)": gettext_lazy(
        "Registri sintetis (data demo / uji beban)"
    ),
}

# Keys that are not model fields, or whose field label would mislead once redacted.
FIELD_LABELS = {
    "nik": "NIK",
    "birth_date": gettext_lazy("Tahun lahir"),  # the audit keeps only the year
    "flags": gettext_lazy("Kelompok rentan"),
    "programs": gettext_lazy("Program"),
    "assignment": gettext_lazy("Peran"),
    "state": gettext_lazy("Status"),
    "parties": gettext_lazy("Pihak"),
    "rows": gettext_lazy("Baris"),
    "expires_at": gettext_lazy("Kedaluwarsa"),
    "merged_person": gettext_lazy("Peserta yang digabung"),
    "merged_nik": gettext_lazy("NIK yang digabung"),
    "kept_person": gettext_lazy("Peserta yang dipertahankan"),
    "spells_moved": gettext_lazy("Masa kepesertaan dipindahkan"),
}

# Labels for keys whose model field has no translatable name (or no model at all): the reader
# sees Indonesian (or English), never an attribute name such as `approved_by`.
FALLBACK_LABELS = {
    "approved_by": gettext_lazy("Disetujui oleh"),
    "approved_at": gettext_lazy("Disetujui pada"),
    "verified_by": gettext_lazy("Diverifikasi oleh"),
    "verified_at": gettext_lazy("Diverifikasi pada"),
    "decided_by": gettext_lazy("Diputuskan oleh"),
    "decided_at": gettext_lazy("Diputuskan pada"),
    "decision_note": gettext_lazy("Catatan keputusan"),
    "entered_by": gettext_lazy("Dicatat oleh"),
    "created_by": gettext_lazy("Dibuat oleh"),
    "created_at": gettext_lazy("Dibuat pada"),
    "updated_by": gettext_lazy("Diubah oleh"),
    "updated_at": gettext_lazy("Diubah pada"),
    "uploaded_by": gettext_lazy("Diunggah oleh"),
    "uploaded_at": gettext_lazy("Diunggah pada"),
    "committed_by": gettext_lazy("Disimpan oleh"),
    "committed_at": gettext_lazy("Disimpan pada"),
    "validated_at": gettext_lazy("Diperiksa pada"),
    "issued_by": gettext_lazy("Diterbitkan oleh"),
    "issued_at": gettext_lazy("Diterbitkan pada"),
    "revoked_at": gettext_lazy("Dicabut pada"),
    "last_used_at": gettext_lazy("Terakhir dipakai"),
    "user": gettext_lazy("Pengguna"),
    "original_name": gettext_lazy("Nama berkas asli"),
    "stored_name": gettext_lazy("Nama berkas tersimpan"),
    "content_type": gettext_lazy("Jenis berkas"),
    "size": gettext_lazy("Ukuran (bita)"),
    "sha256": gettext_lazy("Sidik berkas (SHA-256)"),
    "file": gettext_lazy("Berkas"),
    "claim": gettext_lazy("Klaim"),
    "region_code": gettext_lazy("Wilayah"),
    "relation": gettext_lazy("Hubungan"),
    "alive": gettext_lazy("Masih hidup"),
    "marital_status": gettext_lazy("Status perkawinan"),
    "school_level": gettext_lazy("Jenjang sekolah"),
    "person": gettext_lazy("Peserta"),
    "person_a": gettext_lazy("Peserta A"),
    "person_b": gettext_lazy("Peserta B"),
    "merged_into": gettext_lazy("Digabung ke"),
    "spell": pgettext_lazy("audit object", "Masa kepesertaan"),
    "spells": pgettext_lazy("audit object", "Masa kepesertaan"),
    "spells_new": gettext_lazy("Masa kepesertaan baru"),
    "spells_unchanged": gettext_lazy("Masa kepesertaan tidak berubah"),
    "persons": gettext_lazy("Peserta"),
    "persons_new": gettext_lazy("Peserta baru"),
    "persons_existing": gettext_lazy("Peserta yang sudah ada"),
    "employers": gettext_lazy("Pemberi kerja"),
    "employer": gettext_lazy("Pemberi kerja"),
    "agreement": gettext_lazy("PKS"),
    "coverage": gettext_lazy("Kepesertaan"),
    "membership_start": gettext_lazy("Awal kepesertaan"),
    "rules": gettext_lazy("Aturan"),
    "rows_total": gettext_lazy("Jumlah baris"),
    "rows_valid": gettext_lazy("Baris sah"),
    "rows_invalid": gettext_lazy("Baris bermasalah"),
    "chunk": gettext_lazy("Bagian"),
    "deleted": gettext_lazy("Dihapus"),
    "unchanged": gettext_lazy("Tidak berubah"),
    "start_date": gettext_lazy("Mulai"),
    "end_date": gettext_lazy("Sampai"),
    "segment": gettext_lazy("Segmen"),
    "payer": gettext_lazy("Pembayar"),
    "synthetic": gettext_lazy("Data sintetis"),
    "phase": gettext_lazy("Tahap"),
    "cancel_requested": gettext_lazy("Pembatalan diminta"),
    "stored_path": gettext_lazy("Lokasi berkas"),
    "columns": gettext_lazy("Kolom"),
    "mapping": gettext_lazy("Pemetaan kolom"),
    "options": gettext_lazy("Pilihan"),
    "contribution_total": gettext_lazy("Total iuran"),
    "committed_rows": gettext_lazy("Baris disimpan"),
    "committed_persons": gettext_lazy("Peserta disimpan"),
    "committed_spells": gettext_lazy("Masa kepesertaan disimpan"),
    "committed_chunks": gettext_lazy("Bagian disimpan"),
    "progress_done": gettext_lazy("Kemajuan"),
    "progress_total": gettext_lazy("Jumlah yang dikerjakan"),
    "error_message": gettext_lazy("Pesan galat"),
    "prefix": gettext_lazy("Awalan"),
    "code": gettext_lazy("Kode"),
    "source": gettext_lazy("Sumber"),
    "state": gettext_lazy("Status"),
    "reason": gettext_lazy("Alasan"),
    "order": gettext_lazy("Urutan"),
    "entitled_by_rules": gettext_lazy("Berhak menurut aturan"),
    "scholarship_by_rules": gettext_lazy("Beasiswa menurut aturan"),
    "rules_reference": gettext_lazy("Dasar aturan"),
    "rules_note": gettext_lazy("Catatan aturan"),
    "override_entitled": gettext_lazy("Hak ditetapkan petugas"),
    "override_reason": gettext_lazy("Alasan penetapan petugas"),
    "override_document": gettext_lazy("Dokumen penetapan"),
    "recorded_by": gettext_lazy("Dicatat oleh"),
    "recorded_at": gettext_lazy("Dicatat pada"),
    "handover": gettext_lazy("Serah terima"),
}

# Codes stored as plain text (no model choices) and what they mean to a reader.
VALUE_LABELS = {
    "source": {
        "registration": gettext_lazy("pendaftaran"),
        "import": gettext_lazy("impor"),
        "synthetic": gettext_lazy("sintetis"),
    },
    "state": {
        "covered": gettext_lazy("terlindungi"),
        "not_covered": gettext_lazy("terdaftar, tidak terlindungi"),
        "no_record": gettext_lazy("tidak terdaftar"),
    },
}

# Object types whose model name differs from the type (`claim_heir` is claims.Heir).
OBJECT_MODELS = {
    "claim_heir": "claims.Heir",
    "claim_payment": "claims.Payment",
    "claim_handover": "claims.HandOver",
    "claim_handover_photo": "claims.HandOverPhoto",
}

# Keys that hold a user id: shown as the username.
_USER_KEYS = re.compile(r"(^|_)(by|user|actor)$")

# Internal columns that say nothing to a reader of the log.
HIDDEN_FIELDS = {"id", "name_key", "key_hash", "password", "regency_code", "user_permissions"}

_MONEY_NAMES = re.compile(
    r"(^|_)(wage|income|amount|total|budget|ceiling|price|value|benefit|rupiah)(_|$)"
)
_EMPTY = "—"


@dataclass
class Change:
    label: str
    before: str
    after: str


def action_label(code: str) -> str:
    """The action in words, or the code itself for an action this list does not know yet."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def object_label(object_type: str) -> str:
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else object_type.replace("_", " ")


def reason_label(reason: str) -> str:
    label = REASON_LABELS.get(reason or "")
    return str(label) if label is not None else (reason or "")


@functools.lru_cache(maxsize=64)
def _model_for(object_type: str) -> type[models.Model] | None:
    """The model an object type names (`import_batch` -> ImportBatch), if one is unique."""
    if object_type in OBJECT_MODELS:
        try:
            return apps.get_model(OBJECT_MODELS[object_type])
        except LookupError:
            return None
    wanted = (object_type or "").replace("_", "").lower()
    found = [
        m
        for m in apps.get_models()
        if m._meta.model_name == wanted and m.__module__.startswith("cakupan.")
    ]
    return found[0] if len(found) == 1 else None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a relation without a concrete field
        return None


def _label(model, key: str) -> str:
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    field = _field(model, key)
    verbose = getattr(field, "verbose_name", None)
    if verbose and str(verbose) != key.replace("_", " "):
        text = str(verbose)
        return text[:1].upper() + text[1:]
    if key in FALLBACK_LABELS:
        return str(FALLBACK_LABELS[key])
    return key.replace("_", " ").capitalize()


def _choices(model, key: str) -> dict:
    field = _field(model, key)
    if field is not None and getattr(field, "choices", None):
        return {str(k): v for k, v in field.choices}
    if key == "flags":
        from cakupan.registry.models import Flag

        return {str(k): v for k, v in Flag.choices}
    if key == "role":
        from cakupan.accounts.roles import Role

        return {str(k): v for k, v in Role.choices}
    return VALUE_LABELS.get(key, {})


def _is_user_key(model, key: str) -> bool:
    field = _field(model, key)
    if field is not None and getattr(field, "related_model", None) is not None:
        from django.contrib.auth import get_user_model

        return field.related_model is get_user_model()
    return bool(_USER_KEYS.search(key))


def _username(value: Any) -> str | None:
    """The username of a stored user id (`8` -> `desa`), or None if it is not one."""
    if isinstance(value, bool) or not (
        isinstance(value, int) or (isinstance(value, str) and value.isdigit())
    ):
        return None
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=int(value)).values_list("username", flat=True).first()


def _lang() -> str:
    return (get_language() or "id")[:2]


def format_value(value: Any, *, key: str = "", model=None) -> str:
    """One stored value as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return _EMPTY
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, list):
        return ", ".join(format_value(v, key=key, model=model) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(None, k)}: {format_value(v, key=k)}"
            for k, v in value.items()
            if k not in HIDDEN_FIELDS
        )
    if _is_user_key(model, key):
        name = _username(value)
        if name is not None:
            return name
    choices = _choices(model, key)
    if choices and str(value) in choices:
        return str(choices[str(value)])
    field = _field(model, key)
    if isinstance(value, (int, float)) and (
        _MONEY_NAMES.search(key) or isinstance(field, models.DecimalField)
    ):
        return formatting.rupiah(int(value))
    if isinstance(value, str):
        if len(value) > 10 and formatting.parse_iso_date(value) is not None:
            return _date_time(value)
        if len(value) == 10 and formatting.parse_iso_date(value) is not None:
            return formatting.long_date(value, _lang())
        if _MONEY_NAMES.search(key) and value.isdigit():
            return formatting.rupiah(int(value))
    return str(value)


def _date_time(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return formatting.long_date(text, _lang())
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{formatting.long_date(moment, _lang())} {moment:%H:%M}"


def _flatten(data: dict | None) -> dict[str, Any]:
    """Nested pictures (a user with its first role) as `assignment.role` keys."""
    out: dict[str, Any] = {}
    for key, value in (data or {}).items():
        if key in HIDDEN_FIELDS:
            continue
        if isinstance(value, dict) and key not in ("parties",):
            for inner, inner_value in value.items():
                if inner not in HIDDEN_FIELDS and inner != "user":
                    out[f"{key}.{inner}"] = inner_value
        else:
            out[key] = value
    return out


def audit_changes(*, object_type: str, before: dict | None, after: dict | None) -> list[Change]:
    """Only what differs between before and after, each as `label: before → after`.

    A new record (no before) lists the fields it was given; empty and false ones are left
    out, as they say nothing.
    """
    model = _model_for(object_type)
    old, new = _flatten(audit_redact(before)), _flatten(audit_redact(after))
    keys = list(new) + [k for k in old if k not in new]
    rows = []
    for key in keys:
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        if before is None and now in (None, "", [], {}, False):
            continue
        inner_model, inner_key = model, key
        if "." in key:
            outer, inner_key = key.split(".", 1)
            inner_model = _model_for(_NESTED_MODELS.get(outer, outer))
        label = _label(inner_model, inner_key)
        rows.append(
            Change(
                label=label,
                before=format_value(was, key=inner_key, model=inner_model),
                after=format_value(now, key=inner_key, model=inner_model),
            )
        )
    return rows


_NESTED_MODELS = {"assignment": "role_assignment"}
