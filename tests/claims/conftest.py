"""A KPPS officer of Kecamatan Sukamara covered under the Pilkada 2024 PKS (duty 7 Nov – 8 Dec
2024), the regency operator who reports claims, and two BPJS officers who check them.
"""

import datetime as dt

import pytest

from tests.agreements.conftest import enrol, make_agreement
from tests.conftest import make_user

ELECTION_NIGHT = dt.date(2024, 11, 28)
DESA_KARTAMULIA = "62.08.01.2005"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def operator(regions):
    """Disnaker's regency operator: reports claims (claims.enter), cannot verify or approve."""
    return make_user("op_kab", "regency_operator", "62.08")


@pytest.fixture
def bpjs(regions):
    return make_user("bpjs_a", "bpjs_officer", "62.08")


@pytest.fixture
def bpjs_jelai(regions):
    """A BPJS officer whose scope is Kecamatan Jelai only."""
    return make_user("bpjs_jelai", "bpjs_officer", "62.08.02")


@pytest.fixture
def agreement(operator):
    return make_agreement(operator)


@pytest.fixture
def officer(operator, agreement):
    """The first KPPS officer (a woman born 1980) and her spell under the PKS."""
    return enrol(operator, agreement, n=1)[0]


def pdf_bytes(name: str = "akta.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n% test document\n", content_type="application/pdf")


def png_bytes(name: str = "foto.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")


def second_officer():
    """Another BPJS officer of the regency: approval is by someone other than whoever entered
    or verified the claim (maker-checker)."""
    from cakupan.accounts.models import User

    return User.objects.filter(username="bpjs_b").first() or make_user(
        "bpjs_b", "bpjs_officer", "62.08"
    )


@pytest.fixture
def approver(regions):
    return second_officer()
