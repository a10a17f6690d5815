"""What the claim services share: permission names, the locked claim for a write, status
checks and small input cleaners. No write happens here."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cakupan.accounts.scope import row_for_update
from cakupan.audit.services import snapshot
from cakupan.claims import lifecycle, selectors
from cakupan.claims.models import Claim, DocumentKind
from cakupan.errors import DomainError

ENTER, VERIFY, APPROVE, PAY = "claims.enter", "claims.verify", "claims.approve", "claims.pay"
# Documents that may back a heirs override.
OVERRIDE_DOCUMENTS = (DocumentKind.COURT_DECISION, DocumentKind.HEIRS_STATEMENT)


def today() -> dt.date:
    return timezone.localdate()


def error(code: str, message_id: str, message_en: str, **params) -> DomainError:
    return DomainError(code, message_id, message_en, **params)


def clean_text(value, field: str, *, required: bool = True, limit: int = 0) -> str:
    text = " ".join(str(value or "").split()) if limit else str(value or "").strip()
    if required and not text:
        raise error("field_required", "{field} wajib diisi.", "{field} is required.", field=field)
    return text[:limit] if limit else text


# BPU may prepay up to 12 months (rules.md §3); a paid-through month further ahead is a typo.
PREPAY_MONTHS = 12


def paid_through_month(value) -> dt.date | None:
    """The first day of the month in `value` (a date, or text `YYYY-MM` / `YYYY-MM-DD`);
    None for blank. Refuses text in another shape and a month beyond a year of prepayment."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            day = dt.date.fromisoformat(text if len(text) > 7 else f"{text}-01")
        except ValueError:
            raise error(
                "paid_through_format",
                "Iuran dibayar sampai harus bulan YYYY-MM (diberikan '{value}').",
                "Paid through must be a YYYY-MM month (got '{value}').",
                value=text,
            ) from None
    elif isinstance(value, dt.date):
        day = value
    else:
        raise error(
            "paid_through_format",
            "Iuran dibayar sampai harus bulan YYYY-MM (diberikan '{value}').",
            "Paid through must be a YYYY-MM month (got '{value}').",
            value=value,
        )
    month = dt.date(day.year, day.month, 1)
    now = today()
    limit_index = now.year * 12 + now.month - 1 + PREPAY_MONTHS
    if month.year * 12 + month.month - 1 > limit_index:
        raise error(
            "paid_through_future",
            "Iuran dibayar sampai lebih dari {months} bulan ke depan; periksa kembali.",
            "Paid through is more than {months} months ahead; check it again.",
            months=PREPAY_MONTHS,
        )
    return month


def not_editable(unknown) -> DomainError:
    return error(
        "field_not_editable",
        "Kolom tidak dapat diisi: {fields}",
        "Fields cannot be set: {fields}",
        fields=", ".join(sorted(unknown)),
    )


def picture(claim: Claim) -> dict:
    return {k: v for k, v in snapshot(claim).items() if k != "coverage"}


def claim_locked(actor, claim_id: int, permission: str) -> Claim:
    """The claim, locked for the write: not found outside view scope, 403 without `permission`."""
    return row_for_update(
        Claim.objects.all(),
        user=actor,
        pk=claim_id,
        view_permission="claims.view",
        permission=permission,
        missing=selectors.claim_not_found(),
    )


def require_status(claim: Claim, *allowed: str) -> None:
    """For actions that keep the status (editing heirs, attaching documents): refuse unless the
    claim is in one of `allowed`. A change of status goes through `lifecycle`."""
    if claim.status not in allowed:
        raise lifecycle.status_error(claim)
