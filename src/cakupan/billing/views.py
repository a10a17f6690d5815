"""Billing pages: issuing the bill of an agreement's invoice period (POST from the invoice
page, which then shows the stored number)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cakupan.billing import services
from cakupan.errors import DomainError


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@require_POST
def bill_issue(request, agreement_id: int):
    start, end = _day(request.POST.get("start", "")), _day(request.POST.get("end", ""))
    back = reverse("agreements:invoice", args=[agreement_id])
    if start and end:
        back += "?" + urlencode({"start": start.isoformat(), "end": end.isoformat()})
    try:
        bill = services.bill_issue_for_agreement(
            actor=request.user, agreement_id=agreement_id, start=start, end=end
        )
    except DomainError as err:
        if err.status in (403, 404):
            raise
        messages.error(request, err.message((get_language() or "id")[:2]))
        return redirect(back)
    messages.success(request, _("Tagihan %(number)s diterbitkan.") % {"number": bill.number})
    return redirect(back)
