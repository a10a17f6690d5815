"""Errors as JSON: domain errors with their code and a message in the caller's language."""

import logging

from django.utils.translation import get_language

from cakupan.audit.context import current_request_id
from cakupan.errors import DomainError

log = logging.getLogger("cakupan.api")


def _lang(request) -> str:
    return (get_language() or "id")[:2]


def install_error_handlers(api) -> None:
    def domain(request, exc):
        return api.create_response(
            request,
            {"code": exc.code, "message": exc.message(_lang(request)), **exc.params},
            status=getattr(exc, "status", 400),
        )

    api.add_exception_handler(DomainError, domain)
    try:
        from cakupan.rules.errors import RuleError
    except ImportError:  # the rules package is being built alongside
        pass
    else:
        api.add_exception_handler(RuleError, domain)

    def unexpected(request, exc):
        log.exception("unexpected API error on %s %s", request.method, request.path)
        return api.create_response(
            request,
            {
                "code": "server_error",
                "message": "Terjadi kesalahan tak terduga."
                if _lang(request) == "id"
                else "An unexpected error occurred.",
                "request_id": current_request_id(),
            },
            status=500,
        )

    api.add_exception_handler(Exception, unexpected)
