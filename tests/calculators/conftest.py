"""Users for the calculator tests: every role holds `rules.view`, so a viewer is enough.

No region rows are needed to view parameters or use the calculator.
"""

import pytest
from django.test import Client

from cakupan.accounts.models import RoleAssignment, User
from cakupan.accounts.services import token_issue


@pytest.fixture
def viewer(db):
    user = User.objects.create_user(username="pembaca", password="pw-pembaca")
    RoleAssignment.objects.create(user=user, role="viewer", region_code="62.08")
    return user


@pytest.fixture
def browser(viewer):
    """A logged-in browser session (Indonesian unless a test asks for English)."""
    client = Client()
    client.force_login(viewer)
    return client


@pytest.fixture
def api_client(viewer):
    """A machine client with the viewer's bearer token."""
    _token, raw = token_issue(actor=viewer, name="calc-tests")
    return Client(headers={"Authorization": f"Bearer {raw}"})
