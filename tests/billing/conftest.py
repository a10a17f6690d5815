"""The agreements tests' PKS for Kecamatan Sukamara with three KPPS officers."""

from tests.agreements.conftest import agreement, officers, operator  # noqa: F401
