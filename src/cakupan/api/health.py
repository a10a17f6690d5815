"""Health check for load balancers and monitoring: no authentication, no personal data."""

from django.db import connection
from ninja import Router, Schema, Status

router = Router(tags=["health"])


class Health(Schema):
    status: str
    database: str


@router.get("/health", auth=None, response={200: Health, 503: Health})
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return Status(200, {"status": "ok", "database": connection.vendor})
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return Status(503, {"status": "error", "database": "unreachable"})
