"""An election-officer PKS for Kecamatan Sukamara (62.08.01) with three KPPS officers who
served 7 Nov – 8 Dec 2024 (rules.md §6.2, Pilkada 2024)."""

import datetime as dt

import pytest

from cakupan.agreements.services import agreement_create
from cakupan.registry.services import person_register, spell_add
from cakupan.rules.nik import build_nik
from tests.conftest import KEC_SUKAMARA, make_user

DESA_KARTAMULIA = "62.08.01.2005"
DUTY = (dt.date(2024, 11, 7), dt.date(2024, 12, 8))
NAMES = ["Siti Aminah", "Budi Santoso", "Rahmat Hidayat"]


@pytest.fixture
def operator(regions):
    return make_user("op_kab", "regency_operator", "62.08")


@pytest.fixture
def partner(regions):
    """Kesbangpol's operator: may view agreements, may not export full NIKs."""
    return make_user("mitra", "partner_operator", "62.08")


def make_agreement(actor, **overrides):
    fields = {
        "number": "400.5/123/KESBANGPOL/2024",
        "title": "Perlindungan jaminan sosial petugas ad hoc Pilkada 2024",
        "region_code": KEC_SUKAMARA,
        "valid_from": dt.date(2024, 6, 1),
        "valid_to": dt.date(2024, 12, 31),
        "signed_on": dt.date(2024, 9, 25),
        "roles": ["KPPS", "Linmas"],
        "election_name": "Pilkada 2024",
        "election_date": dt.date(2024, 11, 27),
        "budget_source": "hibah_nphd",
        "budget_ceiling": 100_000,
        "charging": "month_started",
        "programs": ["JKK", "JKM"],
    }
    fields.update(overrides)
    parties = [
        {
            "name": "Pemerintah Kabupaten Sukamara (Kesbangpol)",
            "role": "government",
            "signatory": "Drs. Ahmad",
            "position": "Kepala Badan Kesbangpol",
        },
        {
            "name": "BPJS Ketenagakerjaan Kantor Cabang Pangkalan Bun",
            "role": "bpjs",
            "signatory": "Rina",
            "position": "Kepala Kantor Cabang",
        },
        {"name": "KPU Kabupaten Sukamara", "role": "election_body"},
    ]
    return agreement_create(actor=actor, parties=parties, **fields)


def enrol(actor, agreement, *, n=3, role="KPPS", duty=DUTY, serial_from=1):
    spells = []
    for i in range(n):
        born = dt.date(1980 + i, 3, 10 + i)
        sex = "P" if i % 2 == 0 else "L"
        person = person_register(
            actor=actor,
            nik=build_nik(kecamatan=KEC_SUKAMARA, birth_date=born, sex=sex, serial=serial_from + i),
            name=NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}"),
            sex=sex,
            birth_date=born,
            region_code=DESA_KARTAMULIA,
        )
        spells.append(
            spell_add(
                actor=actor,
                person_id=person.pk,
                programs=["JKK", "JKM"],
                start_date=duty[0],
                end_date=duty[1],
                segment="BPU",
                payer="apbd",
                agreement_id=agreement.pk,
                role=role,
            )
        )
    return spells


@pytest.fixture
def agreement(operator):
    return make_agreement(operator)


@pytest.fixture
def officers(operator, agreement):
    return enrol(operator, agreement)
