"""Reads of billing: bills in the reader's region scope (seen with `agreements.view`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from cakupan.accounts.scope import permitted_region_codes, region_filter
from cakupan.billing.models import Bill, BillStatus
from cakupan.errors import NotFound

VIEW = "agreements.view"


def bill_queryset(*, user) -> QuerySet:
    codes = permitted_region_codes(user=user, permission=VIEW)
    return Bill.objects.filter(region_filter(codes, "region_code")).select_related("agreement")


def bill_list(*, user, agreement_id: int | None = None) -> QuerySet:
    found = bill_queryset(user=user)
    return found.filter(agreement_id=agreement_id) if agreement_id is not None else found


def bill_get(*, user, bill_id: int) -> Bill:
    found = bill_queryset(user=user).filter(pk=bill_id).first()
    if found is None:
        raise NotFound("bill_not_found", "Tagihan tidak ditemukan.", "Bill not found.")
    return found


def bill_issued_for(*, user, agreement_id: int, start: dt.date, end: dt.date) -> Bill | None:
    """The bill in force for this agreement and period, if one was issued."""
    return (
        bill_list(user=user, agreement_id=agreement_id)
        .filter(period_start=start, period_end=end, status=BillStatus.ISSUED)
        .first()
    )
