"""Figures the synthetic registry is built from, each with its source.

Copied into the package on purpose: the product never reads the project's research folder at
run time. Where a figure is a modelling choice rather than a published number it says so.
"""

import datetime as dt

# ---------------------------------------------------------------- time frame
HISTORY_START = dt.date(2019, 1, 1)
# Fixed (not "today") so the same seed gives the same rows on any day. Nothing starts later.
AS_OF = dt.date(2026, 10, 31)

# ---------------------------------------------------------------- who is a worker
# Persons in the registry default to the regency's workers:
#   population (Dukcapil Dec 2024, regions/data/population_area_prov_kab.csv)
#   × WORKING_AGE_SHARE × LABOUR_FORCE_PARTICIPATION × (1 − OPEN_UNEMPLOYMENT).
# Sukamara: 67,234 × 0.69 × 0.7458 × 0.9802 ≈ 33,900 workers.
WORKING_AGE_SHARE = 0.69  # share aged 15–70; modelling choice close to the SP2020 pyramid
LABOUR_FORCE_PARTICIPATION = 0.7458  # TPAK, RPJMD Sukamara 2018–2023 target for 2023
OPEN_UNEMPLOYMENT = 0.0198  # TPT, same source (Sekda Sukamara, Borneonews 5 Mar 2019)
# Share of the registry covered on AS_OF (open spell): a modelling choice of 40–50 % of workers.
COVERED_SHARE = 0.45

# Men work more often than women: TPAK laki-laki 84.66 %, perempuan 56.42 %
# (BPS, Sakernas Agustus 2024, national). Applied to the regency's own sex ratio.
TPAK_MALE, TPAK_FEMALE = 0.8466, 0.5642

# Age of workers on AS_OF, 5-year bands 15–69: population share (shape of the SP2020 pyramid)
# × age-specific participation (shape of Sakernas). Rounded modelling weights, not regency data.
AGE_BANDS = (15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65)
AGE_WEIGHTS = (2.1, 5.3, 6.2, 6.0, 6.0, 5.7, 5.2, 4.5, 3.4, 2.2, 1.2)

# ---------------------------------------------------------------- wages
# UMK per regency (Rp per month). Other regencies fall back to DEFAULT_UMK_REGENCY's value.
UMK = {
    "62.08": (3_716_340, "UMK Kabupaten Sukamara 2025, Kepgub Kalteng 188.44/578/2024"),
}
DEFAULT_UMK_REGENCY = "62.08"
# The same 2025 level is used for every year 2019–2026 (a simplification: no wage history).
BPU_INCOME_TYPICAL = 1_000_000  # the declared income most BPU workers and subsidies use
BPU_INCOME_OTHER = (1_500_000, 2_000_000, 2_500_000, 3_000_000)

# ---------------------------------------------------------------- Pilkada 2024 officers
# Kalimantan Tengah Pilkada 27 Nov 2024: DPT 1,960,053 of 2,825,290 residents; 4,446 TPS
# (KPU Kalteng pleno DPT 23 Sep 2024; Dukcapil Dec 2024) -> voters/residents and voters/TPS.
VOTER_SHARE = 1_960_053 / 2_825_290
VOTERS_PER_TPS = 1_960_053 / 4_446
# Members per unit as recruited for Pilkada 2024: KPPS 7 per TPS, PPS 3 per desa/kelurahan,
# PPK 5 per kecamatan (Pilkada law UU 1/2015 as amended; PKPU 8/2022), and 2 Linmas per TPS
# (KPU practice). Duty windows: KPPS/Linmas ≈ 7 Nov – 8 Dec 2024; PPK/PPS serve for months and
# are covered for the whole PKS period.
ELECTION_ROLES = {
    # role: (members, per, start, end)
    "KPPS": (7, "tps", dt.date(2024, 11, 7), dt.date(2024, 12, 8)),
    "Linmas": (2, "tps", dt.date(2024, 11, 7), dt.date(2024, 12, 8)),
    "PPS": (3, "village", dt.date(2024, 6, 1), dt.date(2024, 12, 31)),
    "PPK": (5, "district", dt.date(2024, 6, 1), dt.date(2024, 12, 31)),
}
ELECTION_AGE = (20, 55)  # KPPS must be 17–55 (PKPU 8/2022); we draw 20–55
ELECTION_AGREEMENT = {
    "number": "SINTETIS/PKS/2024/001",
    "title": "PKS sintetis: perlindungan JKK dan JKM petugas ad hoc Pilkada 2024",
    "payer": "apbd",
    "valid_from": dt.date(2024, 6, 1),
    "valid_to": dt.date(2024, 12, 31),
}
ELECTION_BODY_SHARE = 0.2  # officers insured directly by the election body (no PKS)

# ---------------------------------------------------------------- moving people
# A few NIKs were issued in a neighbouring regency (people move; the NIK keeps its first code).
MIGRANT_SHARE = 0.03
# Neighbours by map (Sukamara borders Lamandau and Kotawaringin Barat); others: same province.
NEIGHBOURS = {"62.08": ("62.09", "62.01")}
# NIK serials (the last 4 digits): unique per kecamatan + birth date + sex, as Dukcapil issues
# them, and spread over a range so masked NIKs (620803••••••0417) tell people apart. Migrants'
# serials keep a range of their own, apart from the neighbour's own synthetic persons.
NATIVE_SERIALS = (1, 899)  # first serial, how many: 0001-0899
MIGRANT_SERIALS = (900, 100)  # 0900-0999
# Steps through a serial range; each is coprime to both range sizes, so a group never repeats.
SERIAL_STRIDES = (7, 11, 13, 17, 19, 23, 37, 41, 43, 47)

# Domicile: desa get random (Dirichlet) weights; a kelurahan (town) weighs KELURAHAN_WEIGHT
# times more (Kel. Padang held 6,555 of Sukamara's 63,039 residents in mid-2023, BPS).
KELURAHAN_WEIGHT = 3.0

# ---------------------------------------------------------------- occupations
# (occupation, KBLI section, flag or "", preferred segment, weight). Agriculture and
# plantations carry about 55 % of workers, as in rural Kalimantan Tengah (modelling weights).
OCCUPATIONS = (
    ("Petani kelapa sawit", "A", "farmer", "BPU", 13),
    ("Petani karet", "A", "farmer", "BPU", 8),
    ("Petani padi", "A", "farmer", "BPU", 5),
    ("Pekebun", "A", "farmer", "BPU", 4),
    ("Karyawan perkebunan kelapa sawit", "A", "", "PU", 14),
    ("Buruh harian lepas perkebunan", "A", "farmer", "BPU", 5),
    ("Nelayan", "A", "fisher", "BPU", 4),
    ("Pembudidaya ikan", "A", "fisher", "BPU", 1),
    ("Pedagang", "G", "informal_trader", "BPU", 7),
    ("Pedagang keliling", "G", "informal_trader", "BPU", 3),
    ("Karyawan toko", "G", "", "PU", 2),
    ("Tukang ojek", "H", "transport_worker", "BPU", 2),
    ("Sopir", "H", "transport_worker", "BPU", 2),
    ("Buruh bangunan", "F", "", "JAKON", 4),
    ("Tukang kayu", "F", "", "BPU", 1),
    ("Karyawan pabrik kelapa sawit", "C", "", "PU", 4),
    ("Buruh penggergajian kayu", "C", "", "PU", 1),
    ("Penambang pasir", "B", "", "BPU", 1),
    ("Guru ngaji", "P", "religious_teacher", "BPU", 2),
    ("Marbot masjid", "S", "religious_teacher", "BPU", 1),
    ("Perangkat desa", "O", "village_apparatus", "BPU", 2),
    ("Ketua RT", "O", "village_apparatus", "BPU", 1),
    ("Guru honorer", "P", "", "PU", 3),
    ("Tenaga kesehatan honorer", "Q", "", "PU", 1),
    ("Pelayan rumah makan", "I", "", "PU", 2),
    ("Penjahit", "S", "", "BPU", 1),
    ("Asisten rumah tangga", "T", "", "BPU", 1),
    ("Pekerja migran (Malaysia)", "A", "", "PMI", 2),
)
POOR_HOUSEHOLD_SHARE = 0.12  # DTKS reaches far beyond the 4.02 % poverty rate (BPS Mar 2025)
DISABILITY_SHARE = 0.02  # modelling choice

# Segment of each spell by the person's preferred segment (cumulative order PU, BPU, JAKON, PMI).
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
SEGMENT_MIX = {
    "PU": (0.80, 0.15, 0.05, 0.0),
    "BPU": (0.05, 0.88, 0.07, 0.0),
    "JAKON": (0.10, 0.20, 0.70, 0.0),
    "PMI": (0.0, 0.40, 0.0, 0.60),
}
# Spell length in days (low, high) per segment, before fitting a person's history in its window.
SPELL_DAYS = {"PU": (180, 1500), "BPU": (90, 730), "JAKON": (30, 240), "PMI": (365, 730)}
GAP_DAYS = (15, 400)  # lapse between two spells
BPU_PAYERS = (("self", 0.55), ("apbd", 0.30), ("apbdes", 0.15))
BPU_JHT_SHARE = 0.10
PU_JP_SHARE, PU_JKP_SHARE = 0.85, 0.70  # JKP needs JKK, JKM, JHT and JP (PP 37/2021)

# ---------------------------------------------------------------- employers
# KBLI section -> (share of employers, JKK risk class 1–5, legal forms, name words)
EMPLOYER_SECTORS = {
    "A": (0.28, 3, ("PT", "PT", "Koperasi"), ("Sawit", "Agro", "Tani", "Kebun", "Hijau")),
    "B": (0.02, 5, ("CV", "PT"), ("Tambang", "Pasir", "Galian")),
    "C": (0.08, 3, ("PT", "CV"), ("Industri", "Olah", "Kayu", "Minyak")),
    "F": (0.12, 4, ("CV", "PT"), ("Konstruksi", "Bangun", "Karya", "Teknik")),
    "G": (0.24, 1, ("UD", "Toko", "CV"), ("Niaga", "Dagang", "Swalayan", "Grosir")),
    "H": (0.05, 3, ("CV", "PO"), ("Trans", "Angkutan", "Ekspedisi")),
    "I": (0.09, 1, ("Rumah Makan", "Warung"), ("Selera", "Rasa", "Dapur")),
    "P": (0.06, 1, ("Yayasan",), ("Pendidikan", "Al-Ikhlas", "Cendekia")),
    "Q": (0.03, 1, ("Klinik", "Apotek"), ("Sehat", "Medika", "Husada")),
    "S": (0.03, 1, ("CV", "Bengkel"), ("Jasa", "Servis", "Motor")),
}
EMPLOYER_WORDS = (
    "Sukamara", "Borneo", "Kalimantan", "Lestari", "Makmur", "Jaya", "Mandiri", "Sejahtera",
    "Abadi", "Perkasa", "Nusantara", "Permai", "Sentosa", "Bumi", "Prima", "Sinar", "Mulia",
    "Bersama", "Harapan", "Jelai", "Lamandau", "Utama", "Baru",
)  # fmt: skip
WORKERS_PER_EMPLOYER = 20  # average, Zipf-shaped: a few plantations employ most PU workers

# ---------------------------------------------------------------- names
# Common given names in Kalimantan Tengah (Banjar, Malay, Javanese, Dayak Christian usage).
MALE_NAMES = (
    "Muhammad", "Ahmad", "Agus", "Budi", "Rudi", "Hendra", "Dedi", "Eko", "Andi", "Rahmat",
    "Syahrul", "Fajar", "Rizki", "Arif", "Bambang", "Joko", "Slamet", "Yusuf", "Hasan", "Ilham",
    "Irwan", "Wahyu", "Hadi", "Supriadi", "Suryadi", "Herman", "Jumadi", "Samsul", "Sugianto",
    "Taufik", "Yohanes", "Markus", "Petrus", "Dani", "Iwan", "Abdul", "Fauzi", "Firman",
    "Hamdani", "Syaiful", "Zainal", "Riduan", "Yanto", "Aditya", "Bayu",
)  # fmt: skip
FEMALE_NAMES = (
    "Siti", "Nur", "Dewi", "Sri", "Rina", "Yuliana", "Fitri", "Sari", "Nurul", "Aisyah", "Ani",
    "Wati", "Indah", "Putri", "Ratna", "Maria", "Yanti", "Lina", "Mariani", "Halimah", "Fatimah",
    "Rohani", "Suryani", "Sumiati", "Hartini", "Erna", "Endang", "Norhayati", "Rusmini", "Desi",
    "Novita", "Eka", "Ayu", "Kartini", "Marlina", "Salmah", "Jamilah", "Rahmah", "Noor", "Elisa",
)  # fmt: skip
MALE_SURNAMES = (
    "Santoso", "Saputra", "Hidayat", "Pratama", "Wijaya", "Rahman", "Syahputra", "Setiawan",
    "Kurniawan", "Hakim", "Nugroho", "Susanto", "Gunawan", "Firmansyah", "Hermawan", "Ramadhan",
    "Maulana", "Effendi", "Arbain", "Anwar", "Ansyari", "Noor", "Tingang", "Jaya",
)  # fmt: skip
FEMALE_SURNAMES = (
    "Handayani", "Rahayu", "Wulandari", "Puspitasari", "Safitri", "Anggraini", "Maulida",
    "Hasanah", "Ningsih", "Purnamasari", "Agustina", "Yulianti", "Susanti", "Rahmawati",
    "Lestari", "Aminah", "Fitriani", "Khairunnisa", "Noviyanti", "Sulastri",
)  # fmt: skip
THREE_NAMES_SHARE, ONE_NAME_SHARE = 0.2, 0.15
PHONE_SHARE = 0.6
