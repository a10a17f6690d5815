"""Errors as JSON: `{code, message, …}` with the message in the caller's language.

Domain errors keep their status and parameters; malformed requests (ninja's own validation)
get the same shape, so a client handles one format; anything unexpected is logged with the
request id, which the response carries for support.
"""

import datetime as dt
import logging
from decimal import Decimal

from django.utils.translation import get_language
from ninja.errors import ValidationError

from cakupan.audit.context import current_request_id
from cakupan.errors import DomainError
from cakupan.rules.errors import RuleError

log = logging.getLogger("cakupan.api")


def _lang() -> str:
    return (get_language() or "id")[:2]


def _json_safe(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def install_error_handlers(api) -> None:
    def domain(request, exc):
        body = {k: _json_safe(v) for k, v in exc.params.items() if k not in ("code", "message")}
        body.update(code=exc.code, message=exc.message(_lang()))
        return api.create_response(request, body, status=getattr(exc, "status", 400))

    api.add_exception_handler(DomainError, domain)
    api.add_exception_handler(RuleError, domain)

    def invalid(request, exc):
        fields = [".".join(str(p) for p in e.get("loc", [])[1:]) for e in exc.errors]
        message = (
            "Isian tidak valid: {fields}" if _lang() == "id" else "Invalid input: {fields}"
        ).format(fields=", ".join(f for f in fields if f) or "-")
        return api.create_response(
            request,
            {"code": "invalid_input", "message": message, "errors": _json_safe(exc.errors)},
            status=400,
        )

    api.add_exception_handler(ValidationError, invalid)

    def unexpected(request, exc):
        log.exception("unexpected API error on %s %s", request.method, request.path)
        message = (
            "Terjadi kesalahan tak terduga." if _lang() == "id" else "An unexpected error occurred."
        )
        return api.create_response(
            request,
            {"code": "server_error", "message": message, "request_id": current_request_id()},
            status=500,
        )

    api.add_exception_handler(Exception, unexpected)
