"""Request-level concerns: a request id on every log line, security headers, domain errors."""

import logging
import uuid

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language

from cakupan.audit.context import _request_id, current_request_id
from cakupan.errors import is_domain_error

log = logging.getLogger("cakupan.request")


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


class RequestIdMiddleware:
    """Give each request an id, echo it in a header, and log unexpected errors with it.

    The id is what an operator reads off the error page and a developer greps for in the log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if 8 <= len(incoming) <= 36 and incoming.isalnum() else uuid.uuid4().hex
        token = _request_id.set(rid)
        request.request_id = rid
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class SecurityHeadersMiddleware:
    """Headers Django 5.2 does not set itself. Every script and style is vendored, so the
    Content-Security-Policy can forbid all other origins."""

    CSP = (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DomainErrorMiddleware:
    """A mistake a user can make (bad NIK, unknown region, no permission) becomes a page in
    their language with status 400/403/404, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_domain_error(exception):
            lang = (get_language() or "id")[:2]
            status = getattr(exception, "status", 400)
            return render(
                request,
                "web/domain_error.html",
                {"message": exception.message(lang), "code": exception.code},
                status=status,
            )
        log.exception("unexpected error on %s %s", request.method, request.path)
        return None


class LanguageMiddleware(LocaleMiddleware):
    """Indonesian unless the user chose otherwise.

    Pages ignore the browser's Accept-Language: many district-office PCs run an English browser,
    and operators should still get Indonesian until they pick English in the menu (a cookie).
    The API honours Accept-Language, because there the caller is a program that asks for it.
    """

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # The language is thread-local: a worker thread's next job (a background import, a
        # CLI call in the same process) must not inherit this request's choice.
        translation.deactivate()
        return response
