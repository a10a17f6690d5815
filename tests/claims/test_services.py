"""Claims from report to payment: coverage on the incident date, heirs in legal order, the
benefit from the rules, maker-checker, documents, payment, hand-over; region scope."""

import datetime as dt

import pytest

from cakupan.audit.models import AuditEvent
from cakupan.claims import documents, selectors, services
from cakupan.claims.models import Claim, Status
from cakupan.errors import DomainError, NotFound, PermissionDenied
from cakupan.rules import benefit_jkm_death, param
from cakupan.rules.nik import build_nik
from tests.claims.conftest import DESA_KARTAMULIA, ELECTION_NIGHT, pdf_bytes, second_officer

pytestmark = pytest.mark.django_db

REQUIRED_JKM = ["death_certificate", "family_card", "heirs_statement", "heir_id_card",
                "coverage_proof", "duty_letter"]  # fmt: skip


def report(actor, nik, day=ELECTION_NIGHT, program="JKM", event="death", **extra):
    fields = {
        "place": "TPS 003, Desa Kartamulia",
        "circumstances": "Bertugas sebagai KPPS; pingsan saat penghitungan suara dan meninggal.",
        "reporter_name": "Ahmad (suami)",
        "reported_on": day + dt.timedelta(days=1),
        # As BPJS's system shows it: the incident month paid (verification needs it).
        "paid_through": day,
    }
    fields.update(extra)
    return services.claim_create(
        actor=actor, nik=nik, program=program, event=event, incident_date=day, **fields
    )


def add_family(actor, claim):
    husband = services.heir_add(
        actor=actor, claim_id=claim.pk, relation="widower", name="Ahmad",
        nik=build_nik(kecamatan="62.08.01", birth_date=dt.date(1978, 1, 5), sex="L", serial=91),
        birth_date=dt.date(1978, 1, 5), marital_status="married",
    )  # fmt: skip
    child = services.heir_add(
        actor=actor, claim_id=claim.pk, relation="child", name="Nur",
        birth_date=dt.date(2012, 6, 1), marital_status="single", school_level="SMP",
    )  # fmt: skip
    mother = services.heir_add(
        actor=actor, claim_id=claim.pk, relation="parent", name="Hasanah",
        birth_date=dt.date(1955, 2, 2),
    )  # fmt: skip
    return husband, child, mother


def attach_all(actor, claim, kinds=REQUIRED_JKM):
    for kind in kinds:
        services.document_attach(actor=actor, claim_id=claim.pk, kind=kind, upload=pdf_bytes())


def test_a_covered_officer_s_death_takes_the_spell_agreement_and_rules_of_that_day(
    operator, officer, agreement
):
    """JKM death under PP 82/2019: Rp20 jt lump sum + 24 x Rp200.000 periodic + Rp10 jt
    funeral = Rp42 jt (the amount BPJS Ketenagakerjaan publishes for JKM since Dec 2019)."""
    claim = report(operator, officer.person.nik)
    assert claim.status == Status.ENTERED and claim.covered
    assert claim.spell_id == officer.pk and claim.agreement_id == agreement.pk
    assert claim.coverage["state"] == "covered" and "JKM" in claim.coverage["programs"]
    decision = claim.decision
    assert decision.computed_for == ELECTION_NIGHT
    assert decision.total == 42_000_000
    names = {c["name"]: c for c in decision.components}
    assert names["lump_sum"]["amount"] == 20_000_000 and "82/2019" in names["lump_sum"]["reference"]
    assert names["funeral"]["amount"] == 10_000_000
    assert any(t["parameter"] == "jkm.lump_sum" for t in decision.trace)
    expected = benefit_jkm_death(date=ELECTION_NIGHT, membership_months=claim.membership_months)
    assert decision.total == expected.total
    event = AuditEvent.objects.get(action="claims.create", object_id=str(claim.pk))
    assert event.after["coverage"]["state"] == "covered"


def test_a_claim_for_a_day_outside_coverage_is_recorded_and_refused_with_the_reason(
    operator, officer
):
    after_duty = dt.date(2024, 12, 20)
    claim = report(operator, officer.person.nik, day=after_duty)
    assert claim.status == Status.REFUSED and not claim.covered
    # the date as people write it, in each language the reason is stored in
    assert "20 Desember 2024" in claim.status_reason and "2024-12-20" not in claim.status_reason
    assert "20 December 2024" in claim.reason_in("en")
    assert claim.coverage["state"] == "not_covered"
    assert AuditEvent.objects.filter(action="claims.create_refused", object_id=str(claim.pk))
    with pytest.raises(DomainError) as err:
        services.heir_add(actor=operator, claim_id=claim.pk, relation="child", name="X")
    assert err.value.code == "claim_status"


def test_a_program_the_spell_does_not_include_is_refused(operator, officer):
    claim = report(operator, officer.person.nik, program="JHT")
    assert claim.status == Status.REFUSED
    assert "JKK + JKM" in claim.status_reason and "JHT" in claim.status_reason


def test_an_unregistered_nik_is_recorded_and_refused(operator):
    nik = build_nik(kecamatan="62.08.01", birth_date=dt.date(1990, 1, 1), sex="L", serial=77)
    with pytest.raises(DomainError) as err:
        report(operator, nik)
    assert err.value.code == "claim_region_required"
    claim = report(operator, nik, name="Tanpa Registri", sex="L", region_code=DESA_KARTAMULIA)
    assert claim.status == Status.REFUSED and claim.coverage["state"] == "no_record"
    assert claim.person is None and "tidak terdaftar" in claim.status_reason


def test_heirs_follow_the_legal_order_and_feed_scholarships(operator, officer):
    claim = report(operator, officer.person.nik)
    husband, child, mother = add_family(operator, claim)
    for heir in (husband, child, mother):
        heir.refresh_from_db()
    assert husband.entitled and child.entitled and not mother.entitled
    assert "Permenaker" in husband.rules_reference
    claim.refresh_from_db()
    assert claim.decision.heirs["group_rank"] == 1
    # Masa iur of one month: JKM pays no scholarship before the minimum (PP 82/2019).
    minimum = param("jkm.scholarship_min_membership").at(ELECTION_NIGHT).value
    assert claim.membership_months < minimum
    assert not any(c["name"] == "scholarship" for c in claim.decision.components)
    # ... so the heirs table must not promise the child one, and the decision says why.
    assert not child.scholarship_by_rules
    notes = documents.note_rows(claim.decision, "id")
    assert any("Beasiswa JKM tidak diberikan" in n for n in notes)
    assert any("No JKM scholarship" in n for n in documents.note_rows(claim.decision, "en"))


def test_a_scholarship_the_decision_gives_is_marked_on_the_child(operator, officer):
    claim = report(operator, officer.person.nik)
    _husband, child, _mother = add_family(operator, claim)
    minimum = param("jkm.scholarship_min_membership").at(ELECTION_NIGHT).value
    services.claim_update_basis(
        actor=operator, claim_id=claim.pk, membership_months=minimum, reason="data BPJS"
    )
    child.refresh_from_db()
    claim.refresh_from_db()
    assert any(c["name"] == "scholarship" for c in claim.decision.components)
    assert child.scholarship_by_rules


def test_rules_reject_an_impossible_family_before_it_is_saved(operator, officer):
    claim = report(operator, officer.person.nik)
    with pytest.raises(Exception) as err:
        services.heir_add(
            actor=operator,
            claim_id=claim.pk,
            relation="widow",
            name="Salah",
            marital_status="married",
        )
    assert getattr(err.value, "code", "").startswith("heirs")
    assert not claim.heirs.exists()


def test_an_override_needs_a_court_or_family_document_and_is_audited(operator, officer):
    claim = report(operator, officer.person.nik)
    _husband, _child, mother = add_family(operator, claim)
    with pytest.raises(DomainError) as err:
        services.heir_override(
            actor=operator, claim_id=claim.pk, heir_id=mother.pk, entitled=True,
            reason="Penetapan PA Sukamara", document_id=0,
        )  # fmt: skip
    assert err.value.code == "override_document"
    court = services.document_attach(
        actor=operator, claim_id=claim.pk, kind="court_decision", upload=pdf_bytes("pa.pdf")
    )
    services.heir_override(
        actor=operator, claim_id=claim.pk, heir_id=mother.pk, entitled=True,
        reason="Penetapan PA Sukamara No. 12/Pdt.P/2024", document_id=court.pk,
    )  # fmt: skip
    mother.refresh_from_db()
    assert mother.entitled and not mother.entitled_by_rules
    event = AuditEvent.objects.get(action="claims.heir_override", object_id=str(mother.pk))
    assert "12/Pdt.P/2024" in event.reason and event.after["document"]["original_name"] == "pa.pdf"


def test_verification_needs_every_required_document(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    add_family(operator, claim)
    attach_all(operator, claim, REQUIRED_JKM[:-1])
    with pytest.raises(DomainError) as err:
        services.claim_verify(actor=bpjs, claim_id=claim.pk)
    assert err.value.code == "documents_missing" and "Surat tugas" in err.value.message("id")
    attach_all(operator, claim, ["duty_letter"])
    assert services.claim_verify(actor=bpjs, claim_id=claim.pk).status == Status.VERIFIED


def test_no_one_approves_their_own_entry_and_operators_cannot_check(operator, bpjs, officer):
    claim = report(bpjs, officer.person.nik)
    add_family(bpjs, claim)
    attach_all(bpjs, claim)
    with pytest.raises(PermissionDenied):
        services.claim_verify(actor=operator, claim_id=claim.pk)
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    with pytest.raises(DomainError) as err:
        services.claim_approve(actor=bpjs, claim_id=claim.pk)
    assert err.value.code == "approve_own_entry"
    assert Claim.objects.get(pk=claim.pk).status == Status.VERIFIED


def test_from_report_to_hand_over(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    add_family(operator, claim)
    attach_all(operator, claim)
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    services.claim_approve(actor=second_officer(), claim_id=claim.pk)
    with pytest.raises(PermissionDenied):
        services.claim_pay(
            actor=operator, claim_id=claim.pk, paid_on=dt.date(2024, 12, 10),
            amount=42_000_000, reference="TRX-1", recipient="Ahmad",
        )  # fmt: skip
    with pytest.raises(DomainError) as err:
        services.claim_pay(
            actor=bpjs, claim_id=claim.pk, paid_on=dt.date(2024, 12, 10),
            amount=42_000_001, reference="TRX-1", recipient="Ahmad",
        )  # fmt: skip
    assert err.value.code == "payment_above_decision" and "Rp42.000.000" in err.value.message()
    services.claim_pay(
        actor=bpjs, claim_id=claim.pk, paid_on=dt.date(2024, 12, 10),
        amount=42_000_000, reference="TRX-1", recipient="Ahmad",
    )  # fmt: skip
    claim.refresh_from_db()
    assert claim.status == Status.PAID
    row = selectors.claim_row(claim=claim)
    assert row.days_to_payment == (dt.date(2024, 12, 10) - claim.reported_on).days
    handover = services.handover_create(
        actor=operator, region_code="62.08", held_on=dt.date(2024, 12, 16),
        place="Aula Kantor Bupati Sukamara", officials="Bupati Sukamara\nKepala BPJS Pangkalan Bun",
        claim_ids=[claim.pk],
    )  # fmt: skip
    assert list(handover.claims.all()) == [claim]
    actions = set(
        AuditEvent.objects.filter(action__startswith="claims.").values_list("action", flat=True)
    )
    assert {"claims.verify", "claims.approve", "claims.pay", "claims.handover_create"} <= actions


def test_rejection_needs_a_reason(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    with pytest.raises(DomainError):
        services.claim_reject(actor=bpjs, claim_id=claim.pk, reason="  ")
    services.claim_reject(actor=bpjs, claim_id=claim.pk, reason="Meninggal bukan saat bertugas")
    claim.refresh_from_db()
    assert claim.status == Status.REJECTED and claim.status_reason.startswith("Meninggal")


def test_jkk_death_uses_the_declared_income_and_the_bpu_minimum(operator, officer):
    """JKK death: 48 x upah, at least the JKM lump sum (PP 82/2019); for a BPU officer with no
    declared income the upah is the BPU minimum in force that day."""
    claim = report(operator, officer.person.nik, program="JKK")
    minimum = param("bpu.income_min").at(ELECTION_NIGHT).value
    assert claim.wage == minimum
    lump = next(c for c in claim.decision.components if c["name"] == "death_lump_sum")
    assert lump["amount"] == max(48 * minimum, 20_000_000)


def test_stmb_days_are_paid_after_they_are_known(operator, officer):
    claim = report(operator, officer.person.nik, program="JKK", event="stmb")
    assert claim.decision.total == 0 and "in_kind_only" in claim.decision.notes
    services.claim_update_basis(actor=operator, claim_id=claim.pk, stmb_days=30)
    claim.refresh_from_db()
    assert claim.decision.total == claim.wage  # first stage: 100 % of upah for 30 days


def test_scope_other_kecamatan_sees_nothing(operator, bpjs_jelai, officer):
    claim = report(operator, officer.person.nik)
    assert selectors.claim_list(user=bpjs_jelai) == []
    with pytest.raises(NotFound):
        selectors.claim_get(user=bpjs_jelai, claim_id=claim.pk)
    with pytest.raises(NotFound):
        services.claim_verify(actor=bpjs_jelai, claim_id=claim.pk)
    # and a Jelai officer asking about a Sukamara NIK gets "no record", not its coverage
    found = selectors.claim_coverage(
        nik=officer.person.nik, day=ELECTION_NIGHT, program="JKM", user=bpjs_jelai
    )
    assert found.state == "no_record" and found.spell_id is None


def test_overdue_claims_stand_out_and_come_first(operator, officer, agreement):
    from tests.agreements.conftest import enrol

    second = enrol(operator, agreement, n=2, serial_from=50)[1]
    old = report(operator, officer.person.nik)  # reported 29 Nov 2024
    new = report(operator, second.person.nik, reported_on=dt.date(2024, 12, 20))
    today = dt.date(2024, 12, 21)
    rows = selectors.claim_list(user=operator, today=today)
    assert [r.claim.pk for r in rows] == [old.pk, new.pk]
    assert rows[0].overdue and rows[0].days_open == 22
    assert not rows[1].overdue and rows[1].days_open == 1
    assert [r.claim.pk for r in selectors.claim_list(user=operator, today=today, overdue=True)] == [
        old.pk
    ]


def test_uploads_are_checked_by_content(operator, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    claim = report(operator, officer.person.nik)
    fake = SimpleUploadedFile("akta.pdf", b"<html>not a pdf</html>")
    with pytest.raises(DomainError) as err:
        services.document_attach(
            actor=operator, claim_id=claim.pk, kind="death_certificate", upload=fake
        )
    assert err.value.code == "document_type"
    document = services.document_attach(
        actor=operator, claim_id=claim.pk, kind="death_certificate", upload=pdf_bytes()
    )
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - private storage has no public URL
    _doc, handle = services.document_open(
        actor=operator, claim_id=claim.pk, document_id=document.pk
    )
    assert handle.read().startswith(b"%PDF-")
    handle.close()
    assert AuditEvent.objects.filter(action="claims.document_open").count() == 1


def test_summary_by_program_and_agreement(operator, bpjs, officer, agreement):
    from tests.agreements.conftest import enrol

    report(operator, officer.person.nik)
    other = enrol(operator, agreement, n=1, serial_from=70)[0]  # duty ended on 8 December
    report(operator, other.person.nik, day=dt.date(2024, 12, 20))  # refused
    by_program = selectors.claims_summary(user=bpjs, by="program")
    assert by_program == [
        {"key": "JKM", "claims": 2, "refused": 1, "rejected": 0, "paid_claims": 0,
         "decided_amount": 42_000_000, "scholarships_amount": 0, "paid_amount": 0},
    ]  # fmt: skip
    by_agreement = {r["key"]: r for r in selectors.claims_summary(user=bpjs, by="agreement")}
    assert by_agreement[agreement.number]["claims"] == 1 and by_agreement["-"]["refused"] == 1
