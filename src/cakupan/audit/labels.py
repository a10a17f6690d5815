"""The words the audit page uses for object types, reasons, fields and stored codes.

Field names and choice labels come from the models themselves where they can (see
`presentation`); these tables name what the models cannot: object types, reasons the system
writes by itself, keys that are not model fields, and codes stored as plain text.
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

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
    "bill": gettext_lazy("Tagihan"),
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
