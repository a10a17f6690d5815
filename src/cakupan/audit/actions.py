"""Every action the audit log records: one list, with the words a reader sees.

`audit_record` refuses an action that is not here, so the log never holds a code the audit page
cannot name and code that reads the log (coverage freshness) can name what it watches with these
members instead of free strings. The value is the stable code stored in the log
(`<app>.<what happened>`): never rename one, add a new member instead.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    ACCOUNTS_USER_CREATE = "accounts.user_create", _("Pengguna dibuat")
    ACCOUNTS_USER_UPDATE = "accounts.user_update", _("Data pengguna diubah")
    ACCOUNTS_USER_BOOTSTRAP = "accounts.user_bootstrap", _("Pengguna disiapkan dari baris perintah")
    ACCOUNTS_ASSIGNMENT_ADD = "accounts.assignment_add", _("Peran diberikan")
    ACCOUNTS_TOKEN_ISSUE = "accounts.token_issue", _("Token API dibuat")
    ACCOUNTS_TOKEN_REVOKE = "accounts.token_revoke", _("Token API dicabut")
    REGISTRY_PERSON_REGISTER = "registry.person_register", _("Peserta didaftarkan")
    REGISTRY_PERSON_UPDATE = "registry.person_update", _("Data peserta diubah")
    REGISTRY_NIK_VIEW = "registry.nik_view", _("NIK lengkap dibuka")
    REGISTRY_PERSON_MERGE = "registry.person_merge", _("Peserta digabung dengan duplikat")
    REGISTRY_DUPLICATE_DISMISS = "registry.duplicate_dismiss", _("Ditandai bukan duplikat")
    REGISTRY_EMPLOYER_REGISTER = "registry.employer_register", _("Pemberi kerja didaftarkan")
    REGISTRY_SPELL_ADD = "registry.spell_add", _("Masa kepesertaan ditambahkan")
    REGISTRY_SPELL_END = "registry.spell_end", _("Masa kepesertaan diakhiri")
    REGISTRY_SYNTHETIC_FILL = "registry.synthetic_fill", _("Registri sintetis dibuat")
    REGISTRY_NIK_CHECK_OUTSIDE_SCOPE = (
        "registry.nik_check_outside_scope",
        _("NIK terdaftar di luar wilayah pengguna dicek saat pendaftaran"),
    )
    AGREEMENTS_CREATE = "agreements.create", _("PKS dibuat")
    AGREEMENTS_UPDATE = "agreements.update", _("PKS diubah")
    AGREEMENTS_DOCUMENT_ATTACH = "agreements.document_attach", _("Dokumen PKS dilampirkan")
    AGREEMENTS_DOCUMENT_OPEN = "agreements.document_open", _("Dokumen PKS dibuka")
    AGREEMENTS_CERTIFICATE_ISSUE = (
        "agreements.certificate_issue",
        _("Sertifikat kepesertaan diterbitkan"),
    )
    AGREEMENTS_EXPORT = "agreements.export", _("Data PKS diekspor")
    BILLING_BILL_ISSUE = "billing.bill_issue", _("Tagihan diterbitkan")
    BILLING_BILL_SUPERSEDE = "billing.bill_supersede", _("Tagihan diganti tagihan baru")
    IMPORTS_BATCH_UPLOAD = "imports.batch_upload", _("Berkas impor diunggah")
    IMPORTS_BATCH_MAPPING = "imports.batch_mapping", _("Pemetaan kolom impor diubah")
    IMPORTS_BATCH_VALIDATE = "imports.batch_validate", _("Impor diperiksa")
    IMPORTS_BATCH_VALIDATE_FAILED = "imports.batch_validate_failed", _("Pemeriksaan impor gagal")
    IMPORTS_BATCH_REVIEW = "imports.batch_review", _("Impor siap ditinjau")
    IMPORTS_BATCH_COMMIT_START = "imports.batch_commit_start", _("Penyimpanan impor dimulai")
    IMPORTS_CHUNK_COMMIT = "imports.chunk_commit", _("Sebagian impor disimpan")
    IMPORTS_BATCH_COMMIT = "imports.batch_commit", _("Impor disimpan")
    IMPORTS_BATCH_COMMIT_FAILED = "imports.batch_commit_failed", _("Penyimpanan impor gagal")
    IMPORTS_BATCH_CANCEL_REQUEST = "imports.batch_cancel_request", _("Pembatalan impor diminta")
    IMPORTS_BATCH_CANCEL = "imports.batch_cancel", _("Impor dibatalkan")
    COVERAGE_DEMO_FILL = "coverage.demo_fill", _("Data cakupan contoh dibuat")
    COVERAGE_DENOMINATOR_SET = "coverage.denominator_set", _("Jumlah penduduk bekerja diubah")
    COVERAGE_DENOMINATOR_IMPORT = (
        "coverage.denominator_import",
        _("Berkas penduduk bekerja diimpor"),
    )
    COVERAGE_TARGET_SET = "coverage.target_set", _("Target cakupan ditetapkan")
    COVERAGE_FACTS_REFRESH = "coverage.facts_refresh", _("Angka cakupan dihitung ulang")
    COVERAGE_RESIDENT_LIST_CREATE = (
        "coverage.resident_list_create",
        _("Daftar penduduk bekerja dibuat"),
    )
    COVERAGE_RESIDENTS_IMPORT = "coverage.residents_import", _("Daftar penduduk bekerja diimpor")
    COVERAGE_GAP_EXPORT = "coverage.gap_export", _("Daftar celah kepesertaan diekspor")
    COVERAGE_GAP_DEMO_FILL = "coverage.gap_demo_fill", _("Daftar penduduk contoh (sintetis) dibuat")
    COVERAGE_REPORT_EXPORT = "coverage.report_export", _("Laporan rakor cakupan diunduh")
    CLAIMS_CREATE = "claims.create", _("Klaim dicatat")
    CLAIMS_CREATE_REFUSED = "claims.create_refused", _("Klaim dicatat tanpa kepesertaan")
    CLAIMS_UPDATE_BASIS = "claims.update_basis", _("Dasar klaim diubah")
    CLAIMS_PAID_THROUGH = "claims.paid_through", _("Status pembayaran iuran klaim dicatat")
    CLAIMS_REFUSE_UNPAID = (
        "claims.refuse_unpaid",
        _("Klaim ditolak: iuran bulan kejadian tidak dibayar"),
    )
    CLAIMS_HEIR_ADD = "claims.heir_add", _("Ahli waris ditambahkan")
    CLAIMS_HEIR_REMOVE = "claims.heir_remove", _("Ahli waris dihapus")
    CLAIMS_HEIR_OVERRIDE = "claims.heir_override", _("Penetapan ahli waris diubah")
    CLAIMS_DOCUMENT_ATTACH = "claims.document_attach", _("Dokumen klaim dilampirkan")
    CLAIMS_DOCUMENT_OPEN = "claims.document_open", _("Dokumen klaim dibuka")
    CLAIMS_VERIFY = "claims.verify", _("Klaim diverifikasi")
    CLAIMS_REJECT = "claims.reject", _("Klaim ditolak")
    CLAIMS_APPROVE = "claims.approve", _("Klaim disetujui")
    CLAIMS_PAY = "claims.pay", _("Klaim dibayar")
    CLAIMS_PAYMENT = "claims.payment", _("Pembayaran klaim dicatat")
    CLAIMS_HANDOVER_CREATE = "claims.handover_create", _("Serah terima santunan dicatat")
    CLAIMS_HANDOVER_PHOTO = "claims.handover_photo", _("Foto serah terima dilampirkan")
    CLAIMS_HANDOVER_PHOTO_OPEN = "claims.handover_photo_open", _("Foto serah terima dibuka")
