"""JKK permanent partial disability through the claim services and pages: the doctor's table
percentage (and, for a functional disability, the percentage of function lost) x 80 x upah,
the doctor's statement of the percentage on the checklist, and the decision letter."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cakupan.audit.models import AuditEvent
from cakupan.claims import documents, selectors, services
from cakupan.claims.models import Claim, Status
from cakupan.errors import DomainError
from cakupan.rules.errors import RuleError
from tests.claims.conftest import second_officer
from tests.claims.test_services import attach_all, report
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

WAGE = 4_000_000
ACCIDENT_PAPERS = ["accident_report", "medical_report", "coverage_proof", "duty_letter"]


def injured(actor, nik, **extra):
    extra.setdefault("circumstances", "Jatuh dari tangga saat mengangkut kotak suara.")
    return report(actor, nik, program="JKK", event="disability", wage=WAGE, **extra)


def test_anatomical_pays_the_table_percentage_times_80_times_the_wage(operator, officer):
    claim = injured(
        operator, officer.person.nik, disability_kind="anatomical", disability_table_percent=40
    )
    assert claim.status == Status.ENTERED
    decision = claim.decision
    assert decision.error_code == ""
    assert decision.total == 128_000_000  # 40 % x 80 x Rp4.000.000
    [component] = decision.components
    assert component["name"] == "partial_anatomical"
    assert component["label"] == "Santunan cacat sebagian anatomis"
    assert component["reference"] == "PP 44/2015 Lampiran III"
    assert component["detail"] == "40% tabel cacat x 80 x upah Rp4.000.000"
    assert component["detail_en"] == "40% from the disability table x 80 x wage of Rp4.000.000"
    parameters = {t["parameter"] for t in decision.trace}
    assert {"jkk.wage_multiple", "jkk.partial_disability_table"} <= parameters


def test_functional_waits_for_the_percentages_then_pays_them(operator, officer):
    """Tahap II comes after the doctor's statement: the claim may be entered before it."""
    claim = injured(operator, officer.person.nik, disability_kind="functional")
    assert claim.decision.error_code == "input.required" and claim.decision.total == 0
    services.claim_update_basis(
        actor=operator,
        claim_id=claim.pk,
        disability_table_percent=Decimal("30"),
        function_lost_percent=Decimal("50"),
        reason="Surat keterangan dokter RSUD Sukamara",
    )
    claim.refresh_from_db()
    assert claim.decision.error_code == ""
    assert claim.decision.total == 48_000_000  # 50 % x 30 % x 80 x Rp4.000.000
    assert claim.decision.components[0]["name"] == "partial_functional"
    event = AuditEvent.objects.get(action="claims.update_basis", object_id=str(claim.pk))
    assert event.before["disability_table_percent"] is None
    assert Decimal(str(event.after["disability_table_percent"])) == 30
    assert Decimal(str(event.after["function_lost_percent"])) == 50


def test_the_doctor_s_percentage_statement_is_required_before_verification(operator, bpjs, officer):
    claim = injured(
        operator, officer.person.nik, disability_kind="anatomical", disability_table_percent=40
    )
    kinds = [item["kind"] for item in selectors.claim_checklist(claim=claim)]
    assert "disability_statement" in kinds
    attach_all(operator, claim, ACCIDENT_PAPERS)
    with pytest.raises(DomainError) as err:
        services.claim_verify(actor=bpjs, claim_id=claim.pk)
    assert err.value.code == "documents_missing"
    assert "persentase cacat" in err.value.message("id")
    attach_all(operator, claim, ["disability_statement"])
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    services.claim_approve(actor=second_officer(), claim_id=claim.pk)
    claim = Claim.objects.get(pk=claim.pk)
    html = documents.letter_html(claim, issued=dt.date(2024, 12, 11))
    assert "Santunan cacat sebagian anatomis" in html and "PP 44/2015 Lampiran III" in html
    assert "Rp128.000.000" in html
    assert "Cacat sebagian anatomis, 40% menurut tabel persentase cacat" in html
    assert "ahli waris almarhum" not in html  # the injured worker is alive and is paid
    assert officer.person.nik not in html


def test_total_permanent_disability_is_unchanged(operator, officer):
    claim = injured(operator, officer.person.nik)
    assert claim.disability_kind == "total"
    names = [c["name"] for c in claim.decision.components]
    assert names[:2] == ["ctt_lump_sum", "periodic"]  # 56 x upah plus the periodic benefit
    assert claim.decision.components[0]["amount"] == 56 * WAGE
    kinds = [item["kind"] for item in selectors.claim_checklist(claim=claim)]
    assert "disability_statement" not in kinds


def test_seventy_percent_or_more_belongs_under_total_permanent_disability(operator, officer):
    with pytest.raises(RuleError) as err:
        injured(
            operator, officer.person.nik, disability_kind="anatomical", disability_table_percent=70
        )
    assert err.value.code == "benefit.partial_not_below_total"
    assert "cacat total tetap" in err.value.message("id")
    assert not Claim.objects.exists()


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"event": "death", "disability_kind": "anatomical"}, "disability_not_this_event"),
        ({"disability_table_percent": 40}, "disability_percent_total"),
        (
            {"disability_kind": "anatomical", "function_lost_percent": 50},
            "disability_function_anatomical",
        ),
        (
            {"disability_kind": "anatomical", "disability_table_percent": Decimal("2.555")},
            "disability_percent_places",
        ),
    ],
)
def test_percentages_that_do_not_fit_the_kind_are_refused(operator, officer, extra, code):
    fields = {"program": "JKK", "event": "disability", "wage": WAGE, **extra}
    with pytest.raises(DomainError) as err:
        report(operator, officer.person.nik, **fields)
    assert err.value.code == code
    assert not Claim.objects.exists()


def test_the_report_form_takes_the_kind_and_percentages(operator, officer):
    client = client_for(operator)
    page = client.get(reverse("claims:create")).content.decode()
    assert 'name="disability_kind"' in page and 'name="disability_table_percent"' in page
    response = client.post(
        reverse("claims:create"),
        {
            "nik": officer.person.nik, "program": "JKK", "event": "disability",
            "disability_kind": "functional", "disability_table_percent": "2,5",
            "function_lost_percent": "50",
            "incident_date": "2024-11-28", "reported_on": "2024-11-29",
            "place": "TPS 003, Desa Kartamulia",
            "circumstances": "Jari terjepit kotak suara", "reporter_name": "Ahmad",
            "wage": "4000000", "paid_through": "2024-11",
        },
    )  # fmt: skip
    claim = Claim.objects.get()
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (claim.disability_kind, claim.disability_table_percent) == ("functional", Decimal("2.5"))
    assert claim.decision.total == 4_000_000  # 50 % x 2.5 % x 80 x Rp4.000.000
    page = client.get(response.url).content.decode()
    assert "Cacat sebagian fungsi" in page and "2,5% menurut tabel cacat" in page
    assert "fungsi hilang 50%" in page and "Rp4.000.000" in page
    assert 'name="disability_table_percent"' in page  # correctable before verification


def test_the_basis_form_corrects_the_percentage(operator, officer):
    claim = injured(
        operator, officer.person.nik, disability_kind="anatomical", disability_table_percent=40
    )
    client = client_for(operator)
    response = client.post(
        reverse("claims:basis", args=[claim.pk]),
        {
            "wage": str(WAGE), "membership_months": "0", "disability_kind": "anatomical",
            "disability_table_percent": "35", "function_lost_percent": "",
            "reason": "Surat keterangan dokter yang diperbaiki",
        },
    )  # fmt: skip
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.decision.total == 112_000_000  # 35 % x 80 x Rp4.000.000


def test_a_death_claim_page_has_no_disability_fields(operator, officer):
    claim = report(operator, officer.person.nik)
    page = client_for(operator).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert 'name="disability_kind"' not in page and "Jenis cacat" not in page
