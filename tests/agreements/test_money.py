"""Premiums, budget used and invoices under an agreement, checked against the rules."""

import datetime as dt

import pytest

from cakupan.agreements import money
from cakupan.agreements.selectors import agreement_invoice
from cakupan.agreements.services import agreement_create, agreement_update
from cakupan.audit.models import AuditEvent
from cakupan.errors import DomainError
from cakupan.rules import contribution_bpu
from cakupan.rules.errors import RuleError
from tests.agreements.conftest import DUTY, enrol, make_agreement

pytestmark = pytest.mark.django_db


def test_budget_used_is_the_sum_of_the_rules_premiums(agreement, officers):
    """3 KPPS, 7 Nov – 8 Dec 2024, per month started: 2 months x Rp16.800 = Rp33.600 each
    (rules.md §2.3 standard package; §6.1 'Rp16,800 per person per month')."""
    per_officer = contribution_bpu(
        date=DUTY[0], income=1_000_000, days=32, charging="month_started", payer="apbd"
    ).total
    assert per_officer == 33_600
    budget = money.budget(agreement)
    assert budget.officers == 3
    assert budget.used == 3 * per_officer == 100_800
    assert budget.ceiling == 100_000 and budget.over


def test_pro_rata_days_charges_the_days_served(operator):
    """Nov: 24/30 x (10.000 + 6.800) = 13.440; Dec: 8/31 x 10.000 = 2.580,65 -> 2.581 and
    8/31 x 6.800 = 1.754,84 -> 1.755 (each component rounded half up): 17.776 per officer."""
    agreement = make_agreement(operator, charging="pro_rata_days")
    enrol(operator, agreement)
    assert money.budget(agreement).used == 3 * 17_776
    assert (
        contribution_bpu(date=DUTY[0], income=1_000_000, days=32, charging="pro_rata_days").total
        == 17_776
    )


def test_invoices_split_by_month_add_up_to_the_budget(operator, agreement, officers):
    enrol(operator, agreement, n=2, role="Linmas", serial_from=50)
    nov = agreement_invoice(
        user=operator, agreement_id=agreement.pk, start=dt.date(2024, 11, 1),
        end=dt.date(2024, 11, 30),
    )  # fmt: skip
    dec = agreement_invoice(
        user=operator, agreement_id=agreement.pk, start=dt.date(2024, 12, 1),
        end=dt.date(2024, 12, 31),
    )  # fmt: skip
    assert [(line.role, line.officers, line.months, line.amount) for line in nov.lines] == [
        ("KPPS", 3, 3, 50_400),
        ("Linmas", 2, 2, 33_600),
    ]
    assert nov.total + dec.total == money.budget(agreement).used == 5 * 33_600
    assert "PP 44/2015 Pasal 19 dan Lampiran II" in nov.references
    assert "PP 44/2015 Pasal 20" in nov.references


def test_a_month_started_is_charged_once_across_custom_ranges(operator, agreement, officers):
    """15 Nov – 5 Dec: November's iuran month began on 7 Nov (outside), December's on 1 Dec."""
    inv = agreement_invoice(
        user=operator, agreement_id=agreement.pk, start=dt.date(2024, 11, 15),
        end=dt.date(2024, 12, 5),
    )  # fmt: skip
    assert inv.total == 3 * 16_800
    whole = agreement_invoice(user=operator, agreement_id=agreement.pk)
    assert (whole.start, whole.end) == (agreement.valid_from, agreement.valid_to)
    assert whole.total == 100_800


def test_pro_rata_invoice_counts_officer_days(operator):
    agreement = make_agreement(operator, charging="pro_rata_days")
    enrol(operator, agreement)
    nov = agreement_invoice(
        user=operator, agreement_id=agreement.pk, start=dt.date(2024, 11, 1),
        end=dt.date(2024, 11, 30),
    )  # fmt: skip
    assert nov.lines[0].days == 3 * 24 and nov.total == 3 * 13_440


def test_duty_outside_the_validity_is_not_charged(operator):
    agreement = make_agreement(operator, valid_to=dt.date(2024, 11, 30))
    enrol(operator, agreement, n=1, duty=(dt.date(2024, 11, 7), dt.date(2024, 12, 8)))
    assert money.budget(agreement).used == 16_800


def test_declared_income_and_jht_follow_the_agreement(operator):
    agreement = make_agreement(operator, declared_income=2_000_000, programs=["JKK", "JKM", "JHT"])
    enrol(operator, agreement, n=1)
    # JKK 1% of 2 jt = 20.000, JKM 6.800, JHT 2% = 40.000; two months
    assert money.budget(agreement).used == 2 * (20_000 + 6_800 + 40_000)


def test_declared_income_below_the_bpu_minimum_is_refused(operator):
    with pytest.raises(RuleError):
        make_agreement(operator, declared_income=500_000)


def test_budget_is_one_query_whatever_the_roster_size(
    operator, agreement, django_assert_num_queries
):
    enrol(operator, agreement, n=12)
    money.charge.cache_clear()
    with django_assert_num_queries(1):
        assert money.budget(agreement).used == 12 * 33_600


def test_create_and_update_are_audited_and_checked(operator, agreement):
    created = AuditEvent.objects.get(action="agreements.create")
    assert created.object_id == str(agreement.pk)
    assert len(created.after["parties"]) == 3
    agreement_update(
        actor=operator, agreement_id=agreement.pk, budget_ceiling=250_000, reason="addendum"
    )
    updated = AuditEvent.objects.get(action="agreements.update")
    assert updated.before["budget_ceiling"] == 100_000
    assert updated.after["budget_ceiling"] == 250_000
    assert agreement.parties.count() == 3  # parties untouched when not given
    with pytest.raises(DomainError) as err:
        make_agreement(operator)  # same number in the same regency
    assert err.value.code == "agreement_number_taken"
    with pytest.raises(DomainError) as err:
        agreement_create(
            actor=operator, number="X", title="X", region_code="62.08.01.2005",
            valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2024, 2, 1),
        )  # fmt: skip
    assert err.value.code == "agreement_region_level"
