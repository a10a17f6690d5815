import datetime as dt

import pytest

from cakupan.registry.services import person_register
from cakupan.rules.nik import build_nik
from tests.conftest import DESA_PULAU_NIBUNG, make_user

DESA_KARTAMULIA = "62.08.01.2005"  # Kecamatan Sukamara


def nik_for(kecamatan: str, born: dt.date, sex: str, serial: int) -> str:
    return build_nik(kecamatan=kecamatan, birth_date=born, sex=sex, serial=serial)


@pytest.fixture
def village_operator(regions):
    return make_user("op_desa", "village_operator", DESA_PULAU_NIBUNG)


@pytest.fixture
def regency_operator(regions):
    return make_user("op_kab", "regency_operator", "62.08")


@pytest.fixture
def bpjs_officer(regions):
    return make_user("bpjs", "bpjs_officer", "62.08")


@pytest.fixture
def siti(regency_operator):
    born = dt.date(1990, 1, 5)
    return person_register(
        actor=regency_operator,
        nik=nik_for("62.08.02", born, "P", 3),
        name="Siti Aminah",
        sex="P",
        birth_date=born,
        region_code=DESA_PULAU_NIBUNG,
        occupation="Petani karet",
        sector="A",
        flags=["farmer"],
    )


@pytest.fixture
def budi(regency_operator):
    born = dt.date(1985, 7, 17)
    return person_register(
        actor=regency_operator,
        nik=nik_for("62.08.01", born, "L", 12),
        name="Budi Santoso",
        sex="L",
        birth_date=born,
        region_code=DESA_KARTAMULIA,
        occupation="Nelayan",
    )
