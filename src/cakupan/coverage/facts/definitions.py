"""What each coverage figure means, in words shown beside it (Indonesian msgids)."""

from django.utils.translation import gettext_lazy as _

COVERAGE_RATE = _(
    "Cakupan = orang yang terlindungi (punya masa kepesertaan aktif) pada tanggal itu dan "
    "berdomisili di wilayah ini ÷ penduduk bekerja wilayah ini pada tahun itu × 100. Setiap orang "
    "dihitung sekali, walau punya beberapa masa kepesertaan."
)
BREAKDOWN = _(
    "Rincian: orang terlindungi menurut {dimension} ÷ seluruh penduduk bekerja wilayah ini × 100; "
    "jumlah semua baris sama dengan cakupan total. Orang dengan beberapa masa kepesertaan "
    "dihitung pada satu masa saja (urutan PU, Jakon, PMI, BPU; lalu yang paling awal)."
)
FLAG_BREAKDOWN = _(
    "Rincian kerentanan: orang terlindungi yang punya penanda itu ÷ seluruh penduduk bekerja "
    "wilayah ini × 100; orang dengan dua penanda dihitung pada keduanya."
)
GAP = _(
    "Kesenjangan = target × penduduk bekerja − orang terlindungi: berapa pekerja lagi yang perlu "
    "dilindungi untuk mencapai target."
)
MONTHLY = _("Dihitung pada hari terakhir bulan dari fakta cakupan bulanan per desa.")
ON_DEMAND = _("Dihitung langsung dari masa kepesertaan untuk tanggal ini.")
ESTIMATE = _("Perkiraan: jumlah penduduk × {share} (bagian penduduk yang bekerja).")
SYNTHETIC = _("Data sintetis untuk demo, bukan statistik resmi.")
OLDER_YEAR = _("Penyebut tahun {year} (tahun terbaru yang tersedia).")
