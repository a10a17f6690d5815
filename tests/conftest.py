"""Shared fixtures: Kalimantan Tengah's regions, users with roles, logged-in clients.

The users mirror the demo: an administrator for the whole regency (62.08), and an administrator
and an operator scoped to Kecamatan Jelai (62.08.02) who must never see Kecamatan Sukamara
(62.08.01).
"""

import pytest
from django.test import Client

from cakupan.accounts.models import RoleAssignment, User
from cakupan.audit.context import request_context

SUKAMARA = "62.08"
KEC_SUKAMARA = "62.08.01"
KEC_JELAI = "62.08.02"
DESA_PULAU_NIBUNG = "62.08.02.2002"


@pytest.fixture
def regions(db):
    from cakupan.regions.services import regions_load

    regions_load(prefixes=["62"])


@pytest.fixture(autouse=True)
def _request_context():
    with request_context("test-request"):
        yield


def make_user(username: str, role: str, region_code: str, **assignment) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username)
    user.full_name = username.title()
    user.save()
    RoleAssignment.objects.create(user=user, role=role, region_code=region_code, **assignment)
    return user


@pytest.fixture
def admin_regency(regions):
    return make_user("admin_kab", "administrator", SUKAMARA)


@pytest.fixture
def admin_jelai(regions):
    return make_user("admin_jelai", "administrator", KEC_JELAI)


@pytest.fixture
def operator_sukamara_town(regions):
    """A record that belongs to Kecamatan Sukamara: the target of cross-region attempts."""
    return make_user("op_sukamara", "regency_operator", KEC_SUKAMARA)


@pytest.fixture
def operator_jelai(regions):
    return make_user("op_jelai", "regency_operator", KEC_JELAI)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
