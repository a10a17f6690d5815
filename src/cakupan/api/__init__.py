"""The machine API (django-ninja) under /api/v1/: OpenAPI schema, docs page, token auth.

This package is only the shell: the root API, authentication, error handlers and health. Each app
owns its router in its own `api.py` (`router`), mounted below; routers call services and
selectors only, exactly as pages do, so the same region scope applies.
"""

from ninja.security import django_auth

from cakupan.api.auth import BearerToken
from cakupan.api.errors import install_error_handlers
from cakupan.api.operation_ids import StableIdsAPI

api = StableIdsAPI(
    title="Cakupan API",
    version="1",
    description=(
        "API Cakupan: registri, PKS, klaim dan cakupan jaminan sosial ketenagakerjaan. "
        "Authenticate with `Authorization: Bearer <token>` (tokens are issued per user and "
        "carry that user's region scope)."
    ),
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)
install_error_handlers(api)

from cakupan.accounts import api as accounts_api  # noqa: E402
from cakupan.agreements import api as agreements_api  # noqa: E402  (routers register on `api`)
from cakupan.api import health  # noqa: E402
from cakupan.calculators import api as calculators_api  # noqa: E402
from cakupan.claims import api as claims_api  # noqa: E402
from cakupan.coverage import api as coverage_api  # noqa: E402
from cakupan.regions import api as regions_api  # noqa: E402
from cakupan.registry import api as registry_api  # noqa: E402

api.add_router("/", health.router)
api.add_router("/users", accounts_api.router)
api.add_router("/regions", regions_api.router)
api.add_router("/", calculators_api.router)
api.add_router("/", registry_api.router)
api.add_router("/", agreements_api.router)
api.add_router("/", claims_api.router)
api.add_router("/coverage", coverage_api.router)
