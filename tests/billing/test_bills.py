"""Stored, numbered, audited bills issued from an agreement's invoice."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from cakupan.agreements.selectors import agreement_invoice
from cakupan.audit.models import AuditEvent
from cakupan.billing import selectors, services
from cakupan.billing.models import Bill, BillLine, BillSequence, BillStatus
from cakupan.errors import DomainError, NotFound, PermissionDenied
from tests.agreements.conftest import enrol, make_agreement
from tests.conftest import KEC_JELAI, make_user

NOV = dict(start=dt.date(2024, 11, 1), end=dt.date(2024, 11, 30))


def _issue(actor, agreement, **period):
    return services.bill_issue_for_agreement(actor=actor, agreement_id=agreement.pk, **period)


def test_a_bill_stores_the_invoice_per_officer(operator, agreement, officers):
    bill = _issue(operator, agreement, **NOV)
    inv = agreement_invoice(user=operator, agreement_id=agreement.pk, **NOV)
    year = timezone.localdate().year
    assert bill.number == f"TAG/{agreement.regency_code}/{year}/00001"
    assert bill.status == BillStatus.ISSUED
    assert bill.total == inv.total == 50_400 and bill.officers == 3
    lines = list(bill.lines.all())
    assert {line.person_id for line in lines} == {s.person_id for s in officers}
    assert all(line.amount == 16_800 and line.months == 1 for line in lines)
    assert sum(sum(line.by_program.values()) for line in lines) == bill.total
    assert all(line.base > 0 for line in lines)
    event = AuditEvent.objects.get(action="billing.bill_issue")
    assert event.object_id == str(bill.pk) and event.region_code == agreement.region_code


def test_numbers_are_gap_free_per_regency_and_year(operator, agreement, officers):
    numbers = [_issue(operator, agreement, **NOV).number for _ in range(3)]
    numbers.append(_issue(operator, agreement).number)
    assert [n.rsplit("/", 1)[1] for n in numbers] == ["00001", "00002", "00003", "00004"]
    other = make_user("op_kotim", "regency_operator", "62.02")
    kotim = make_agreement(other, region_code="62.02", number="X/1")
    assert _issue(other, kotim).number.startswith("TAG/62.02/")
    assert _issue(other, kotim).number.endswith("/00002")
    seq = BillSequence.objects.get(regency_code=agreement.regency_code)
    assert seq.last == 4


def test_re_issue_supersedes_the_previous_bill(operator, agreement, officers):
    first = _issue(operator, agreement, **NOV)
    enrol(operator, agreement, n=1, role="Linmas", serial_from=60)
    second = _issue(operator, agreement, **NOV)
    first.refresh_from_db()
    assert first.status == BillStatus.SUPERSEDED and first.superseded_by == second
    assert first.total == 50_400 and first.lines.count() == 3  # kept as billed
    assert second.status == BillStatus.ISSUED and second.total == 4 * 16_800
    december = _issue(operator, agreement, start=dt.date(2024, 12, 1), end=dt.date(2024, 12, 31))
    assert december.status == BillStatus.ISSUED  # another period is not superseded
    second.refresh_from_db()
    assert second.status == BillStatus.ISSUED
    assert AuditEvent.objects.filter(action="billing.bill_supersede").count() == 1
    found = selectors.bill_issued_for(user=operator, agreement_id=agreement.pk, **NOV)
    assert found == second


def test_bills_are_scoped(operator, agreement, officers, operator_jelai, admin_jelai):
    bill = _issue(operator, agreement, **NOV)  # a Sukamara bill
    for user in (operator_jelai, admin_jelai):
        assert list(selectors.bill_list(user=user)) == []
        with pytest.raises(NotFound):
            selectors.bill_get(user=user, bill_id=bill.pk)
        with pytest.raises(NotFound):
            _issue(user, agreement, **NOV)
    assert selectors.bill_get(user=operator, bill_id=bill.pk) == bill
    jelai_pks = make_agreement(operator, region_code=KEC_JELAI, number="J/1")
    jelai_bill = _issue(operator, jelai_pks)
    assert list(selectors.bill_list(user=operator_jelai)) == [jelai_bill]


def test_issuing_needs_the_permission(agreement, officers, regions):
    partner = make_user("mitra_b", "partner_operator", "62.08")
    with pytest.raises(PermissionDenied):
        _issue(partner, agreement, **NOV)
    assert not Bill.objects.exists() and not BillSequence.objects.filter(last__gt=0).exists()


def test_audit_lands_in_the_same_transaction(operator, agreement, officers):
    with pytest.raises(RuntimeError), transaction.atomic():
        _issue(operator, agreement, **NOV)
        assert AuditEvent.objects.filter(action="billing.bill_issue").exists()
        raise RuntimeError("roll back")
    assert not AuditEvent.objects.filter(action="billing.bill_issue").exists()
    assert not Bill.objects.exists()


def test_a_failure_leaves_nothing(operator, agreement, officers, monkeypatch):
    _issue(operator, agreement, **NOV)

    def broken(**kwargs):
        raise DomainError("boom", "gagal", "failed")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(DomainError):
        _issue(operator, agreement, **NOV)
    assert Bill.objects.count() == 1 and Bill.objects.get().status == BillStatus.ISSUED
    assert BillLine.objects.count() == 3
    assert BillSequence.objects.get().last == 1  # the number was given back: no gap
    monkeypatch.undo()
    assert _issue(operator, agreement, **NOV).number.endswith("/00002")


def test_dates_reversed_are_refused(operator, agreement, officers):
    with pytest.raises(DomainError) as err:
        _issue(operator, agreement, start=dt.date(2024, 12, 1), end=dt.date(2024, 11, 1))
    assert err.value.code == "dates_reversed"
    assert not Bill.objects.exists()
