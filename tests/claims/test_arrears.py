"""Claims in the grace and arrears situations the rules define (rules.md §3): the paid-through
month an officer reads in BPJS's system decides whether a BPU claim is covered (refused by the
verifier at verification, never when the month is typed), whether a PU employer pays a JKK
benefit first, and verification waits until it is known."""

import datetime as dt

import pytest
from django.urls import reverse

from cakupan.audit.actions import Action
from cakupan.audit.models import AuditEvent
from cakupan.claims import documents, selectors, services
from cakupan.claims.models import BenefitDecision, Claim, Status
from cakupan.errors import DomainError
from cakupan.registry.services import employer_register, person_register, spell_add
from cakupan.rules.nik import build_nik
from tests.claims.conftest import DESA_KARTAMULIA, ELECTION_NIGHT, pdf_bytes
from tests.claims.test_services import add_family, report
from tests.conftest import KEC_SUKAMARA, client_for, make_user

pytestmark = pytest.mark.django_db

ACCIDENT = dt.date(2024, 11, 28)
REQUIRED_JKK_DEATH = ["death_certificate", "family_card", "heirs_statement", "heir_id_card",
                      "coverage_proof", "accident_report"]  # fmt: skip


@pytest.fixture
def worker(operator):
    """A sawmill worker (PU) of a Sukamara employer since January 2024, upah Rp3.000.000."""
    employer = employer_register(
        actor=operator, npp="12345678", name="CV Kayu Sukamara", risk_class=3,
        region_code=DESA_KARTAMULIA,
    )  # fmt: skip
    person = person_register(
        actor=operator,
        nik=build_nik(kecamatan=KEC_SUKAMARA, birth_date=dt.date(1975, 4, 4), sex="L", serial=40),
        name="Yusuf",
        sex="L",
        birth_date=dt.date(1975, 4, 4),
        region_code=DESA_KARTAMULIA,
    )
    return spell_add(
        actor=operator, person_id=person.pk, programs=["JKK", "JKM", "JHT"],
        start_date=dt.date(2024, 1, 1), end_date=None, segment="PU", payer="employer",
        employer_id=employer.pk, wage=3_000_000,
    )  # fmt: skip


def report_accident(actor, nik, **extra):
    return services.claim_create(
        actor=actor, nik=nik, program="JKK", event="death", incident_date=ACCIDENT,
        place="Sawmill CV Kayu Sukamara", circumstances="Tertimpa kayu saat bekerja.",
        reporter_name="Siti (istri)", reported_on=ACCIDENT + dt.timedelta(days=1), **extra,
    )  # fmt: skip


def attach(actor, claim, kinds):
    for kind in kinds:
        services.document_attach(actor=actor, claim_id=claim.pk, kind=kind, upload=pdf_bytes())


def test_a_bpu_death_in_an_unpaid_month_is_entered_with_a_warning_and_refused_at_verify(
    operator, bpjs, officer
):
    """The KPPS officer is BPU, paid by APBD under the PKS; October paid, November not (due 15
    November, death on the 28th): not covered, as coverage follows paid months. The month is
    typed by hand, so entering it only warns; the verifier's verify step refuses the claim."""
    claim = report(operator, officer.person.nik, paid_through="2024-10")
    assert claim.status == Status.ENTERED and claim.covered
    event = AuditEvent.objects.get(action="claims.create", object_id=str(claim.pk))
    assert event.after["payment_situation"] == "bpu_unpaid_month"
    assert event.after["refused_at_verification"] is True
    page = client_for(operator).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Iuran bulan kejadian tidak dibayar" in page
    assert "Klaim akan ditolak saat verifikasi." in page and 'id="will-refuse"' in page
    page = client_for(bpjs).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert 'id="verify-refuse"' in page  # the verifier sees what the button will do
    # documents and heirs are not needed to refuse
    response = client_for(bpjs).post(reverse("claims:transition", args=[claim.pk, "verify"]))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.REFUSED and not claim.covered and claim.decided_by == bpjs
    assert "bulan kejadian November 2024 belum dibayar" in claim.status_reason
    assert "jatuh tempo paling lambat 15 November 2024, sebelum tanggal kejadian" in (
        claim.status_reason
    )
    assert "APBD" in claim.status_reason  # the agreement payer follows the BPU rule, said so
    assert "[U]" not in claim.status_reason and "[U]" not in claim.status_reason_en
    assert claim.spell_id == officer.pk  # which membership went unpaid stays on file
    assert not BenefitDecision.objects.filter(claim=claim).exists()
    event = AuditEvent.objects.get(action="claims.refuse_unpaid", object_id=str(claim.pk))
    assert event.actor_id == bpjs.pk and event.after["payment_situation"] == "bpu_unpaid_month"
    assert event.before["decision_total"] == 42_000_000
    assert event.after["paid_through"] == "2024-10-01"
    page = client_for(operator).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Ditolak: tidak terlindungi" in page and "belum dibayar" in page
    client = client_for(operator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    status_line = english.split('id="status"')[1].split("</p>")[0]
    assert "was not paid although its iuran was due by 15 November 2024" in status_line
    assert "belum dibayar" not in status_line
    with pytest.raises(DomainError) as err:
        services.heir_add(actor=operator, claim_id=claim.pk, relation="child", name="X")
    assert err.value.code == "claim_status"


def test_a_mistyped_paid_through_month_is_corrected_before_verification(operator, bpjs, officer):
    """The trial's complaint: a typo in "iuran dibayar sampai" refused the claim at once and
    for good. Now it warns, and the corrected month decides."""
    claim = report(operator, officer.person.nik, paid_through=None)
    claim = services.claim_record_paid_through(
        actor=operator, claim_id=claim.pk, paid_through="2023-11", reason="salah ketik"
    )
    assert claim.status == Status.ENTERED and claim.covered
    assert not selectors.claim_payment_situation(claim=claim).covered
    event = AuditEvent.objects.get(action="claims.paid_through", object_id=str(claim.pk))
    assert event.after["refused_at_verification"] is True
    client = client_for(operator)
    client.post(reverse("claims:paid_through", args=[claim.pk]), {"paid_through": "2024-11"})
    claim.refresh_from_db()
    assert claim.status == Status.ENTERED and claim.paid_through == dt.date(2024, 11, 1)
    page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Iuran bulan kejadian sudah dibayar" in page and "akan ditolak" not in page
    assert claim.decision.total == 42_000_000
    add_family(operator, claim)
    attach(operator, claim, ["death_certificate", "family_card", "heirs_statement",
                             "heir_id_card", "coverage_proof", "duty_letter"])  # fmt: skip
    assert services.claim_verify(actor=bpjs, claim_id=claim.pk).status == Status.VERIFIED


def test_a_lapsed_bpu_membership_is_refused_by_the_verifier(operator, bpjs, officer, agreement):
    """Reported without the payment status; the BPJS officer reads in BPJS's system that
    nothing was paid since July: four months overdue, non-active, refused when verified."""
    from tests.agreements.conftest import enrol

    long_spell = enrol(
        operator, agreement, n=2, serial_from=60, duty=(dt.date(2024, 6, 1), dt.date(2024, 12, 8))
    )[1]
    claim = report(operator, long_spell.person.nik, paid_through=None)
    assert claim.status == Status.ENTERED and claim.decision.total == 42_000_000
    assert selectors.claim_payment_situation(claim=claim).situation == "unknown"
    claim = services.claim_record_paid_through(
        actor=bpjs, claim_id=claim.pk, paid_through=dt.date(2024, 7, 1), reason="sistem BPJS"
    )
    assert claim.status == Status.ENTERED
    claim = services.claim_verify(actor=bpjs, claim_id=claim.pk, note="dicek ulang")
    assert claim.status == Status.REFUSED and not claim.covered
    assert "non-aktif" in claim.status_reason and "4 bulan" in claim.status_reason
    assert "non-active" in claim.status_reason_en
    assert not BenefitDecision.objects.filter(claim=claim).exists()
    event = AuditEvent.objects.get(action="claims.refuse_unpaid", object_id=str(claim.pk))
    assert event.before["paid_through"] == "2024-07-01"
    assert event.before["decision_total"] == 42_000_000 and "dicek ulang" in event.reason
    assert event.actor_id == bpjs.pk
    with pytest.raises(DomainError) as err:  # a refused claim cannot be changed back
        services.claim_record_paid_through(
            actor=bpjs, claim_id=claim.pk, paid_through=dt.date(2024, 11, 1)
        )
    assert err.value.code == "claim_status"


def test_a_bpu_death_before_the_months_due_date_is_covered_in_the_payment_window(operator, officer):
    """Death on election night, 28 November 2024, the officer's BPU iuran paid through
    October: November's iuran was due by 15 November, so this is not that case. A death on
    10 November with October paid is: not late, the payment window, not refused."""
    claim = report(operator, officer.person.nik, day=dt.date(2024, 11, 10), paid_through="2024-10")
    assert claim.status == Status.ENTERED
    found = selectors.claim_payment_situation(claim=claim)
    assert found.situation == "grace" and found.covered
    notes = documents.note_rows(claim.decision, "id")
    assert any("dibayar paling lambat 15 November 2024" in n for n in notes)
    assert any("bukti pembayaran" in n for n in notes)
    page = client_for(operator).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "akan ditolak" not in page and "masa pembayaran, bukan tunggakan" in page


def test_pu_jkk_with_four_months_of_arrears_is_decided_with_the_employer_paying_first(
    operator, bpjs, worker
):
    """PP 44/2015 as explained by BPJS: employer arrears of more than 3 months on a work
    accident → the employer pays the benefit first; BPJS reimburses after arrears and denda."""
    claim = report_accident(operator, worker.person.nik, paid_through=dt.date(2024, 6, 1))
    assert claim.status == Status.ENTERED and claim.covered
    situation = selectors.claim_payment_situation(claim=claim)
    assert situation.situation == "arrears_employer_first" and situation.months_overdue == 4
    decision = claim.decision
    assert decision.total > 0  # not refused: the benefit is decided as usual
    notes = documents.note_rows(decision, "id")
    assert any("pemberi kerja membayar manfaat JKK" in n for n in notes)
    assert any("reimburses the employer" in n for n in documents.note_rows(decision, "en"))
    assert any(t["parameter"] == "arrears.pu_jkk_months_bpjs_pays" for t in decision.trace)
    page = client_for(bpjs).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert 'id="employer-first"' in page
    assert "Menunggak iuran: pemberi kerja membayar dahulu" in page
    # verified, approved by a second person: the letter says who pays first
    services.heir_add(
        actor=operator, claim_id=claim.pk, relation="widow", name="Siti",
        birth_date=dt.date(1978, 1, 5), marital_status="married",
    )  # fmt: skip
    attach(operator, claim, REQUIRED_JKK_DEATH)
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    second = make_user("bpjs_b", "bpjs_officer", "62.08")
    services.claim_approve(actor=second, claim_id=claim.pk)
    claim = Claim.objects.get(pk=claim.pk)
    html = documents.letter_html(claim, issued=dt.date(2024, 12, 5))
    assert "dibayarkan terlebih dahulu oleh pemberi kerja (12345678 CV Kayu Sukamara)" in html
    assert "setelah tunggakan iuran beserta dendanya dilunasi" in html
    assert "menunggak iuran 4 bulan (Juli 2024 – Oktober 2024)" in html


def test_pu_jkk_within_three_months_bpjs_pays_and_within_grace_is_covered(operator, worker):
    claim = report_accident(operator, worker.person.nik, paid_through="2024-07")
    found = selectors.claim_payment_situation(claim=claim)
    assert found.situation == "arrears_bpjs_pays" and claim.status == Status.ENTERED
    three_total = claim.decision.total
    grace = services.claim_record_paid_through(
        actor=operator, claim_id=claim.pk, paid_through="2024-10"
    )
    found = selectors.claim_payment_situation(claim=grace)
    assert found.situation == "grace" and grace.covered and grace.status == Status.ENTERED
    grace = Claim.objects.get(pk=claim.pk)
    notes = documents.note_rows(grace.decision, "id")
    assert any("masa tenggang" in n for n in notes)
    assert grace.decision.total == three_total > 0


def test_verification_waits_for_the_payment_status(operator, bpjs, officer):
    """Decided here: a PU or BPU claim cannot be verified while nobody has checked the
    iuran, because an unpaid BPU month refuses it and PU arrears change who pays first."""
    claim = report(operator, officer.person.nik, paid_through=None)
    add_family(operator, claim)
    attach(operator, claim, ["death_certificate", "family_card", "heirs_statement",
                             "heir_id_card", "coverage_proof", "duty_letter"])  # fmt: skip
    page = client_for(bpjs).get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Pembayaran iuran belum diperiksa" in page and 'role="alert"' in page
    assert any("belum diperiksa" in n for n in documents.note_rows(claim.decision, "id"))
    with pytest.raises(DomainError) as err:
        services.claim_verify(actor=bpjs, claim_id=claim.pk)
    assert err.value.code == "paid_through_missing"
    assert "iuran dibayar sampai" in err.value.message("id")
    # the BPJS officer records it through the page's month field, then verifies
    client = client_for(bpjs)
    client.post(
        reverse("claims:paid_through", args=[claim.pk]),
        {"paid_through": "2024-11", "reason": "dicek di sistem BPJS"},
    )
    claim.refresh_from_db()
    assert claim.paid_through == dt.date(2024, 11, 1)
    event = AuditEvent.objects.get(action="claims.paid_through", object_id=str(claim.pk))
    assert event.after["payment_situation"] == "paid" and event.reason == "dicek di sistem BPJS"
    page = client.get(reverse("claims:detail", args=[claim.pk])).content.decode()
    assert "Iuran bulan kejadian sudah dibayar" in page and "dibayar sampai November 2024" in page
    assert services.claim_verify(actor=bpjs, claim_id=claim.pk).status == Status.VERIFIED


def test_jht_needs_no_paid_through(operator, bpjs, worker):
    claim = services.claim_create(
        actor=operator, nik=worker.person.nik, program="JHT", event="death",
        incident_date=ACCIDENT, place="Rumah", circumstances="Sakit", reporter_name="Siti",
        reported_on=ACCIDENT, jht_balance=12_500_000,
    )  # fmt: skip
    assert selectors.claim_payment_situation(claim=claim).situation == "not_applicable"
    with pytest.raises(DomainError) as err:
        services.claim_record_paid_through(
            actor=operator, claim_id=claim.pk, paid_through="2024-11"
        )
    assert err.value.code == "paid_through_not_applicable"


def test_a_month_typed_wrongly_is_refused(operator, officer):
    with pytest.raises(DomainError) as err:
        report(operator, officer.person.nik, paid_through="11/2024")
    assert err.value.code == "paid_through_format"
    two_years_on = dt.date(dt.date.today().year + 2, 1, 1)
    with pytest.raises(DomainError) as err:
        report(operator, officer.person.nik, paid_through=two_years_on)
    assert err.value.code == "paid_through_future"
    assert not Claim.objects.exists()


def test_the_api_exposes_and_records_the_paid_through_month(operator, bpjs, officer):
    import json

    client = client_for(operator)
    body = {
        "nik": officer.person.nik, "program": "JKM", "event": "death",
        "incident_date": ELECTION_NIGHT.isoformat(), "reported_on": "2024-11-29",
        "place": "TPS 003", "circumstances": "Bertugas sebagai KPPS", "reporter_name": "Ahmad",
    }  # fmt: skip
    created = client.post("/api/v1/claims", json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    data = created.json()
    assert data["paid_through"] is None and data["payment_situation"] == "unknown"
    assert "not been checked" not in data["payment_situation_detail"]["explanation"]
    assert "belum diperiksa" in data["payment_situation_detail"]["explanation"]
    url = f"/api/v1/claims/{data['id']}/paid-through"
    bad = client.post(url, json.dumps({"paid_through": "Nov 2024"}), "application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "paid_through_format"
    done = client.post(url, json.dumps({"paid_through": "2024-11"}), "application/json")
    assert done.status_code == 200
    detail = done.json()
    assert detail["paid_through"] == "2024-11" and detail["payment_situation"] == "paid"
    assert detail["payment_situation_detail"]["covered"] is True
    listed = client.get("/api/v1/claims").json()
    assert listed[0]["payment_situation"] == "paid" and listed[0]["paid_through"] == "2024-11"
    english = client_for(bpjs).get(f"/api/v1/claims/{data['id']}", HTTP_ACCEPT_LANGUAGE="en")
    explained = english.json()["payment_situation_detail"]["explanation"]
    assert explained.startswith("Iuran is paid through November 2024")
    # the same death reported again is refused, naming the first claim
    again = client.post(
        "/api/v1/claims", json.dumps({**body, "paid_through": "2024-10"}), "application/json"
    )
    assert again.status_code == 400 and again.json()["code"] == "claim_duplicate"
    assert data["number"] in again.json()["message"]
    # October typed: only a warning; the verifier's verify refuses with the rules' reason
    warned = client.post(url, json.dumps({"paid_through": "2024-10"}), "application/json").json()
    assert warned["status"] == "entered" and warned["payment_situation"] == "bpu_unpaid_month"
    assert warned["payment_situation_detail"]["covered"] is False
    refused = client_for(bpjs).post(
        f"/api/v1/claims/{data['id']}/transition",
        json.dumps({"action": "verify"}),
        "application/json",
    )
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    assert "belum dibayar" in refused.json()["status_reason"]
    english = client_for(bpjs).get(f"/api/v1/claims/{data['id']}", HTTP_ACCEPT_LANGUAGE="en")
    assert "was not paid although" in english.json()["status_reason"]


def test_new_audit_actions_have_labels():
    assert {"claims.paid_through", "claims.refuse_unpaid"} <= set(Action.values)
