import pytest

from cakupan.registry.synthetic import registry_synthesize
from tests.conftest import KEC_JELAI, SUKAMARA, make_user


@pytest.fixture
def manager(regions):
    """Bappeda staff who keep the regency's denominators and targets."""
    return make_user("bappeda", "administrator", SUKAMARA)


@pytest.fixture
def jelai_manager(regions):
    return make_user("camat_jelai", "administrator", KEC_JELAI)


@pytest.fixture
def viewer_jelai(regions):
    return make_user("lihat_jelai", "viewer", KEC_JELAI)


@pytest.fixture
def synthetic(regions):
    """A small synthetic Sukamara: 1,500 workers with about three spells each, 2019-2026."""
    return registry_synthesize(regency_code=SUKAMARA, persons=1500, seed=5)
