"""Stable OpenAPI operation ids for /api/v1/.

Clients generated from the schema name their methods after the operation ids, so the ids are
part of v1's contract. django-ninja derives an id from the view's module and name; when a
router moves to the app that owns it, its views keep the id they were published with: the
module they were published from is named here.
"""

from ninja import NinjaAPI

# The module a view lives in now -> the module its operation id was published with.
PUBLISHED_MODULES = {
    "cakupan.accounts.api": "cakupan.api.users",
    "cakupan.calculators.api": "cakupan.api.calc",
    "cakupan.coverage.gap.api": "cakupan.coverage.gap_api",
    "cakupan.coverage.plan.api": "cakupan.coverage.plan_api",
    "cakupan.regions.api": "cakupan.api.regions",
}


class StableIdsAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        module = operation.view_func.__module__
        module = PUBLISHED_MODULES.get(module, module)
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")
