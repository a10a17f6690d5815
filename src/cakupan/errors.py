"""Domain errors: what a user did wrong, with a stable code and a message in id and en.

Services raise them; the web, API and CLI layers show `message(lang)` and never a 500 page.
The rules package has its own `RuleError` with the same two members (`code`, `message(lang)`),
so interfaces treat both alike.
"""

import datetime as dt

from django.utils import translation
from django.utils.functional import Promise


class DomainError(Exception):
    """An error a user can cause and fix. `status` is the HTTP status the interfaces use."""

    status = 400

    # Positional-only, so a message may have a `{code}` parameter of its own (a region code).
    def __init__(self, error_code: str, message_id: str, message_en: str, /, **params):
        self.code = error_code
        self.params = params
        self._messages = {"id": message_id, "en": message_en}
        super().__init__(message_en.format(**params) if params else message_en)

    def message(self, lang: str = "id") -> str:
        lang = (lang or "id")[:2]
        text = self._messages.get(lang, self._messages["id"])
        if not self.params:
            return text
        # Parameters may be lazy translations (field labels): render them in `lang` too.
        with translation.override(lang):
            return text.format(**{k: _render(v) for k, v in self.params.items()})


class NotFound(DomainError):
    status = 404


class PermissionDenied(DomainError):
    status = 403


def is_domain_error(exc: BaseException) -> bool:
    """True for errors with a user-facing message: ours and the rules package's."""
    return hasattr(exc, "code") and callable(getattr(exc, "message", None))


def _render(value):
    if isinstance(value, dt.date):
        # Dates read as "27 November 2024" in the message's language, like everywhere else.
        from cakupan.rules.formats import long_date

        return long_date(value, translation.get_language() or "id")
    return str(value) if isinstance(value, Promise) else value
