"""Scholarships are paid per school year while each child is in school, not with the claim: a
KPPS officer's death with two school children shows, pays, prints, reports and answers over
the API the money paid at the claim apart from the scholarships to come (the reviewer found the
whole Rp204.000.000 offered as one payment). Also: the approver is neither the one who entered
nor the one who verified; the berita acara is marked when it holds example data."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cakupan.claims import documents, selectors, services
from cakupan.claims.models import Claim, Status
from cakupan.errors import DomainError
from cakupan.rules import benefit_jkm_death, param
from cakupan.rules.benefits.scholarship import SCHOLARSHIPS_NOTE, benefit_subtotals
from cakupan.rules.formats import rupiah
from tests.claims.conftest import ELECTION_NIGHT, second_officer
from tests.claims.test_services import add_family, attach_all, report
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def family_with_two_pupils(operator, officer) -> Claim:
    """The widower, two children at school (SMP and SMA) and the masa iur that earns them a
    JKM scholarship, as BPJS's records show it."""
    claim = report(operator, officer.person.nik)
    add_family(operator, claim)
    services.heir_add(
        actor=operator, claim_id=claim.pk, relation="child", name="Rina",
        birth_date=dt.date(2008, 3, 1), marital_status="single", school_level="SMA",
    )  # fmt: skip
    minimum = param("jkm.scholarship_min_membership").at(ELECTION_NIGHT).value
    services.claim_update_basis(
        actor=operator, claim_id=claim.pk, membership_months=minimum, reason="data BPJS"
    )
    return Claim.objects.get(pk=claim.pk)


def expected(claim) -> dict:
    """What `cakupan calc benefit` answers for the same death and children."""
    calc = benefit_jkm_death(
        date=ELECTION_NIGHT,
        membership_months=claim.membership_months,
        children=["SMP", "SMA"],
        membership_start=claim.membership_start,
    )
    return benefit_subtotals(calc)


def approved(operator, bpjs, claim) -> Claim:
    attach_all(operator, claim)
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    services.claim_approve(actor=second_officer(), claim_id=claim.pk)
    return Claim.objects.get(pk=claim.pk)


@pytest.fixture
def claim(operator, bpjs, officer):
    return approved(operator, bpjs, family_with_two_pupils(operator, officer))


def test_the_decision_keeps_money_paid_now_apart_from_scholarships(claim):
    want = expected(claim)
    assert want["scholarships_total"] > 0 and want["paid_at_claim"] > 0
    decision = claim.decision
    assert decision.paid_at_claim == want["paid_at_claim"]
    assert decision.scholarships_total == want["scholarships_total"]
    assert decision.total == decision.paid_at_claim + decision.scholarships_total


def test_the_claim_page_says_what_is_paid_now_and_the_pay_form_offers_only_that(
    claim, bpjs, operator
):
    want = expected(claim)
    html = client_for(bpjs).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    total = re.search(r'id="decision-total">([^<]+)<', html).group(1)
    assert total == rupiah(want["paid_at_claim"])
    assert "Dibayar sekarang" in html
    assert rupiah(want["scholarships_total"]) in html.split('id="scholarships-total">')[1][:40]
    assert str(SCHOLARSHIPS_NOTE) in html
    amount = re.search(r'name="amount"[^>]*value="(\d+)"', html) or re.search(
        r'value="(\d+)"[^>]*name="amount"', html
    )
    assert int(amount.group(1)) == want["paid_at_claim"]
    assert rupiah(claim.decision.total) not in html  # never offered as one sum
    client = client_for(operator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert SCHOLARSHIPS_NOTE.en in english  # the rules wrote it in both languages


def test_payment_above_what_is_paid_now_is_refused(claim, bpjs):
    want = expected(claim)
    with pytest.raises(DomainError) as err:
        services.claim_pay(
            actor=bpjs, claim_id=claim.pk, paid_on=dt.date(2024, 12, 10),
            amount=claim.decision.total, reference="TRX-1", recipient="Ahmad",
        )  # fmt: skip
    assert err.value.code == "payment_above_decision"
    assert rupiah(want["paid_at_claim"]) in err.value.message("id")
    services.claim_pay(
        actor=bpjs, claim_id=claim.pk, paid_on=dt.date(2024, 12, 10),
        amount=want["paid_at_claim"], reference="TRX-1", recipient="Ahmad",
    )  # fmt: skip
    assert Claim.objects.get(pk=claim.pk).status == Status.PAID


def test_the_letter_shows_both_amounts_with_the_schedule_and_legal_basis(claim):
    want = expected(claim)
    html = documents.letter_html(claim, issued=dt.date(2024, 12, 11))
    paid_now = html.split('id="paid-at-claim">')[1].split("</tr>")[0]
    assert "Dibayarkan sekarang" in paid_now and rupiah(want["paid_at_claim"]) in paid_now
    later = html.split('id="scholarships-total">')[1].split("</tr>")[0]
    assert "per tahun ajaran" in later and rupiah(want["scholarships_total"]) in later
    scholarship = next(c for c in claim.decision.components if c["name"] == "scholarship")
    assert scholarship["reference"] in later
    assert str(SCHOLARSHIPS_NOTE) in html
    assert "Jumlah seluruhnya" not in html and rupiah(claim.decision.total) not in html


def test_the_api_gives_both_amounts(claim, bpjs):
    want = expected(claim)
    body = client_for(bpjs).get(f"/api/v1/claims/{claim.pk}").json()
    assert body["paid_at_claim"] == want["paid_at_claim"]
    assert body["scholarships_total"] == want["scholarships_total"]
    decision = body["decision"]
    assert decision["paid_at_claim"] == want["paid_at_claim"]
    assert decision["scholarships_total"] == want["scholarships_total"]
    assert decision["scholarships_note"] == str(SCHOLARSHIPS_NOTE)
    listed = client_for(bpjs).get("/api/v1/claims").json()
    assert listed[0]["paid_at_claim"] == want["paid_at_claim"]


def test_the_summary_reports_decided_money_apart_from_scholarships(claim, bpjs):
    want = expected(claim)
    (row,) = selectors.claims_summary(user=bpjs, by="program")
    assert row["decided_amount"] == want["paid_at_claim"]
    assert row["scholarships_amount"] == want["scholarships_total"]
    (api_row,) = client_for(bpjs).get("/api/v1/claims/summary").json()
    assert api_row["decided_amount"] == want["paid_at_claim"]
    assert api_row["scholarships_amount"] == want["scholarships_total"]


def test_the_verifier_cannot_also_approve(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    add_family(operator, claim)
    attach_all(operator, claim)
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    with pytest.raises(DomainError) as err:
        services.claim_approve(actor=bpjs, claim_id=claim.pk)
    assert err.value.code == "approve_own_verification"
    assert "memverifikasi" in err.value.message("id") and "wilayah" not in err.value.message("id")
    assert "verified this claim" in err.value.message("en")
    assert Claim.objects.get(pk=claim.pk).status == Status.VERIFIED
    page = client_for(bpjs).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert 'id="own-verification"' in page and ">Setujui<" not in page
    response = client_for(bpjs).post(
        f"/api/v1/claims/{claim.pk}/transition",
        '{"action": "approve"}',
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "approve_own_verification"
    services.claim_approve(actor=second_officer(), claim_id=claim.pk)
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED


def _handed_over(operator, bpjs, claim) -> object:
    services.claim_pay(
        actor=bpjs, claim_id=claim.pk, paid_on=dt.date(2024, 12, 10),
        amount=claim.decision.paid_at_claim, reference="TRX-1", recipient="Ahmad",
    )  # fmt: skip
    return services.handover_create(
        actor=operator, region_code="62.08", held_on=dt.date(2024, 12, 16),
        place="Aula Kantor Bupati Sukamara", officials="Bupati Sukamara", claim_ids=[claim.pk],
    )  # fmt: skip


def test_the_berita_acara_is_marked_when_a_claim_in_it_is_synthetic(operator, bpjs, claim):
    handover = _handed_over(operator, bpjs, claim)
    issued = dt.date(2024, 12, 17)
    assert "sintetis" not in documents.handover_html(handover, user=operator, issued=issued)
    person = claim.person
    person.synthetic = True  # example data: the person the claim is about decides
    person.save(update_fields=["synthetic"])
    html = documents.handover_html(handover, user=operator, issued=issued)
    assert "Data contoh (sintetis)" in html
    page = client_for(operator).get(reverse("claims:handover_detail", args=[handover.pk]))
    assert "Data contoh (sintetis)" in page.content.decode()
