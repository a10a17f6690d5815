"""Writes to billing: issue a stored, numbered bill for an agreement and period.

The amounts come from the agreements app's invoice rules (through its selectors), once, when
the bill is issued; the bill keeps them. Numbers are `TAG/<regency>/<year>/<seq>`, without
gaps per regency and year (the sequence row is locked for the write). Each service checks the
actor's permission in the agreement's region and writes its audit rows in its transaction.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cakupan.accounts.scope import require_permission
from cakupan.agreements.selectors import agreement_invoice_spells
from cakupan.audit.actions import Action
from cakupan.audit.services import audit_record
from cakupan.billing.models import BILL_LIFECYCLE, Bill, BillLine, BillSequence, BillStatus
from cakupan.errors import DomainError

ISSUE = "billing.issue"


def _status_error(bill: Bill) -> DomainError:
    return DomainError(
        "bill_status",
        "Tagihan {number} berstatus {status}; tindakan ini tidak dapat dilakukan.",
        "Bill {number} is {status_en}; this action is not possible.",
        number=bill.number,
        status=str(BillStatus(bill.status).label),
        status_en=bill.status,
    )


def bill_number_next(*, regency_code: str, year: int) -> str:
    """The next number of the regency's year (inside the caller's transaction: the sequence row
    stays locked until it commits, and a rollback gives the number back)."""
    BillSequence.objects.get_or_create(regency_code=regency_code, year=year)
    seq = BillSequence.objects.select_for_update().get(regency_code=regency_code, year=year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return f"TAG/{regency_code}/{year}/{seq.last:05d}"


def _picture(bill: Bill) -> dict:
    return {
        "number": bill.number,
        "agreement": bill.agreement_id,
        "period_start": bill.period_start.isoformat(),
        "period_end": bill.period_end.isoformat(),
        "status": bill.status,
        "officers": bill.officers,
        "total": bill.total,
    }


@transaction.atomic
def bill_issue_for_agreement(
    *, actor, agreement_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> Bill:
    """Issue the bill of an agreement for [start, end] (default: its validity), storing one line
    per officer; an issued bill of the same agreement and period is superseded by it."""
    agreement, start, end, spells = agreement_invoice_spells(
        user=actor, agreement_id=agreement_id, start=start, end=end
    )
    require_permission(user=actor, permission=ISSUE, region_code=agreement.region_code)
    previous = list(
        Bill.objects.select_for_update().filter(
            agreement=agreement, period_start=start, period_end=end, status=BillStatus.ISSUED
        )
    )
    for old in previous:
        BILL_LIFECYCLE.check(
            old.status, BillStatus.SUPERSEDED, error=lambda b=old: _status_error(b)
        )
        old.status = BillStatus.SUPERSEDED
        old.save(update_fields=["status"])
    references: dict[str, None] = {}
    for found in spells:
        references.update(dict.fromkeys(found.charge.references))
    bill = Bill.objects.create(
        number=bill_number_next(
            regency_code=agreement.regency_code, year=timezone.localdate().year
        ),
        agreement=agreement,
        regency_code=agreement.regency_code,
        region_code=agreement.region_code,
        period_start=start,
        period_end=end,
        officers=len(spells),
        total=sum(found.charge.amount for found in spells),
        references=list(references),
        issued_by=actor if getattr(actor, "pk", None) else None,
    )
    BillLine.objects.bulk_create(
        BillLine(
            bill=bill,
            regency_code=bill.regency_code,
            person_id=found.person_id,
            spell_id=found.spell_id,
            role=found.role,
            months=found.charge.months,
            days=found.charge.days,
            base=found.income,
            amount=found.charge.amount,
            by_program=dict(found.charge.by_program),
        )
        for found in spells
    )
    for old in previous:
        old.superseded_by = bill
        old.save(update_fields=["superseded_by"])
        audit_record(
            actor=actor,
            action=Action.BILLING_BILL_SUPERSEDE,
            object_type="bill",
            object_id=old.pk,
            region_code=old.region_code,
            before={**_picture(old), "status": BillStatus.ISSUED},
            after={**_picture(old), "superseded_by": bill.number},
        )
    audit_record(
        actor=actor,
        action=Action.BILLING_BILL_ISSUE,
        object_type="bill",
        object_id=bill.pk,
        region_code=bill.region_code,
        after=_picture(bill),
    )
    return bill
