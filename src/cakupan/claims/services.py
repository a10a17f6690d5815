"""Writes to claims: enter a claim, heirs and documents, verify, reject, approve, pay, and
record the public hand-over.

Maker-checker: a claim is entered (claims.enter), verified with its documents complete
(claims.verify), approved by a second person (claims.approve; never the one who entered or
verified it) and paid: the payment settles what is paid at the claim; scholarships are paid
later, per school year. A claim for a day on which the person was not covered by the program
is recorded and refused at once with the reason, so the refusal itself is on file. A BPU claim whose
incident month was unpaid or whose membership had lapsed is refused by the verifier at the
verify step (`claims.paid_through`): the paid-through month is typed by hand and may still be
corrected until then. Verification needs the iuran paid-through month wherever the rules judge
the claim by monthly iuran. A second claim for the same event is refused at entry and at
approval (`claims.duplicates`).

Each service checks the actor's permission inside the claim's region, runs in one
transaction and writes its audit row in that same transaction. Heirs (`claims.heirs`),
hand-over ceremonies (`claims.handovers`), the paid-through month (`claims.paid_through`) and
the decision steps (`claims.workflow`) live in their own modules and are re-exported here,
where callers find every write.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cakupan.accounts.scope import require_permission
from cakupan.audit.services import audit_record
from cakupan.claims import arrears, selectors
from cakupan.claims.common import (  # noqa: F401  (names callers use from here)
    APPROVE,
    ENTER,
    OVERRIDE_DOCUMENTS,
    PAY,
    VERIFY,
    claim_locked,
    clean_text,
    error,
    not_editable,
    paid_through_month,
    picture,
    require_status,
    today,
)
from cakupan.claims.decisions import decision_refresh
from cakupan.claims.disability import FIELDS as DISABILITY_FIELDS
from cakupan.claims.disability import disability_fields
from cakupan.claims.duplicates import require_no_duplicate
from cakupan.claims.handovers import handover_create, handover_photo_add, photo_open  # noqa: F401
from cakupan.claims.heirs import heir_add, heir_override, heir_remove  # noqa: F401
from cakupan.claims.models import (
    PROGRAM_EVENTS,
    Claim,
    ClaimDocument,
    DocumentKind,
    Status,
)
from cakupan.claims.paid_through import (  # noqa: F401
    claim_record_paid_through,
    refuse_unpaid,
    refuse_unpaid_at_verify,
)
from cakupan.claims.workflow import claim_approve, claim_pay, claim_reject, claim_verify  # noqa: F401
from cakupan.documents import uploads
from cakupan.rules.formats import long_date
from cakupan.rules.nik import require_nik

# ---------------------------------------------------------------- entering a claim

# (id, en): both are stored, so the status line reads in the reader's language.
_REFUSALS = {
    "no_record": (
        "NIK tidak terdaftar di registri wilayah Anda: tidak ada kepesertaan yang tercatat.",
        "The NIK has no record in your region's registry: no coverage is on file.",
    ),
    "not_covered": (
        "Tidak ada masa kepesertaan yang berlaku pada tanggal kejadian {date}.",
        "No coverage spell was in force on the incident date {date}.",
    ),
    "program_not_covered": (
        "Pada tanggal kejadian {date} peserta terlindungi {programs}, bukan {program}.",
        "On the incident date {date} the person was covered by {programs}, not {program}.",
    ),
}


def _refusal(coverage: selectors.ClaimCoverage, program: str, day: dt.date) -> tuple[str, str]:
    if coverage.state == "no_record":
        key = "no_record"
    elif coverage.state == "not_covered":
        key = "not_covered"
    else:
        key = "program_not_covered"
    programs = " + ".join(coverage.snapshot.get("programs", [])) or "-"
    # Stored as text in both languages, so each carries the date as its readers write it.
    return tuple(
        text.format(date=long_date(day, lang), programs=programs, program=program)
        for text, lang in zip(_REFUSALS[key], ("id", "en"), strict=True)
    )


@transaction.atomic
def claim_create(
    *,
    actor,
    nik: str,
    program: str,
    event: str,
    incident_date: dt.date,
    place: str,
    circumstances: str,
    reporter_name: str,
    reported_on: dt.date | None = None,
    reporter_relation: str = "",
    reporter_phone: str = "",
    name: str = "",
    sex: str = "",
    birth_date: dt.date | None = None,
    region_code: str = "",
    wage: int | None = None,
    stmb_days: int | None = None,
    jht_balance: int | None = None,
    paid_through: dt.date | str | None = None,
    disability_kind: str = "",
    disability_table_percent=None,
    function_lost_percent=None,
    synthetic: bool = False,
) -> Claim:
    """Record a claim and decide at once whether the person was covered that day.

    Covered by the program on the incident date: status `entered`, the benefit computed.
    Not covered (or no record in the registry): recorded with status `refused` and the reason.
    `paid_through` (the last month BPJS's system shows as paid; blank = not checked) never
    refuses here: an unpaid BPU incident month or a lapsed membership is shown as a warning
    and refused at verification. Another standing claim for the same event refuses the entry.
    A JKK `disability` claim is total permanent disability unless `disability_kind` says
    partial (`anatomical`, `functional`), paid on the doctor's percentages (`claims.disability`).
    """
    program = str(program or "").upper()
    if program not in PROGRAM_EVENTS:
        raise error("claim_program", "Program tidak dikenal.", "Unknown program.")
    if event not in PROGRAM_EVENTS[program]:
        raise error(
            "claim_event",
            "Kejadian ini tidak dijamin program {program}.",
            "Program {program} does not pay for this event.",
            program=program,
        )
    if incident_date is None:
        raise error("field_required", "{field} wajib diisi.", "{field} is required.",
                     field="incident_date")  # fmt: skip
    reported_on = reported_on or today()
    if incident_date > today() or reported_on > today():
        raise error(
            "claim_future",
            "Tanggal kejadian dan laporan tidak boleh setelah hari ini.",
            "The incident and report dates cannot be after today.",
        )
    if reported_on < incident_date:
        raise error(
            "claim_reported_before_incident",
            "Tanggal laporan sebelum tanggal kejadian.",
            "The report date is before the incident date.",
        )
    disability = disability_fields(
        event=event,
        day=incident_date,
        kind=disability_kind,
        table_percent=disability_table_percent,
        function_lost_percent=function_lost_percent,
    )
    nik = require_nik(nik).value
    paid_through = paid_through_month(paid_through)
    coverage = selectors.claim_coverage(nik=nik, day=incident_date, program=program, user=actor)
    person = None
    if coverage.person_id is not None:
        from cakupan.registry.selectors import person_get

        person = person_get(user=actor, person_id=coverage.person_id)
        region_code, name, sex, birth_date = (
            person.region_code,
            person.name,
            person.sex,
            person.birth_date,
        )
    else:
        from cakupan.regions.selectors import region_get

        if not region_code:
            raise error(
                "claim_region_required",
                "NIK tidak ada di registri: pilih desa/kelurahan domisili.",
                "The NIK is not in the registry: choose the desa of domicile.",
            )
        region_code = region_get(code=region_code).code
        name = clean_text(name, "name", limit=150)
        if sex not in ("L", "P"):
            raise error("claim_sex", "Pilih jenis kelamin.", "Choose the sex.")
    require_permission(user=actor, permission=ENTER, region_code=region_code)
    if person is not None:
        # Two offices entering the same death at once: the second waits here (PostgreSQL) and
        # then sees the first claim. SQLite serialises writers anyway.
        type(person).objects.select_for_update().only("pk").get(pk=person.pk)
    require_no_duplicate(nik=nik, program=program, event=event, incident_date=incident_date)
    covered = coverage.state == "covered" and coverage.program_covered
    for value, field in ((wage, "wage"), (stmb_days, "stmb_days"), (jht_balance, "jht_balance")):
        if value is not None and int(value) < 0:
            raise error("negative", "{field} tidak boleh negatif.", "{field} cannot be negative.",
                         field=field)  # fmt: skip
    claim = Claim(
        regency_code=region_code[:5],
        region_code=region_code,
        program=program,
        event=event,
        incident_date=incident_date,
        reported_on=reported_on,
        place=clean_text(place, "place", limit=200),
        circumstances=clean_text(circumstances, "circumstances"),
        reporter_name=clean_text(reporter_name, "reporter_name", limit=150),
        reporter_relation=clean_text(reporter_relation, "", required=False, limit=100),
        reporter_phone=clean_text(reporter_phone, "", required=False, limit=20),
        person=person,
        nik=nik,
        name=name,
        sex=sex,
        birth_date=birth_date,
        covered=covered,
        coverage=coverage.snapshot,
        spell_id=coverage.spell_id if covered else None,
        agreement_id=coverage.agreement_id if covered else None,
        wage=wage if wage is not None else coverage.wage,
        membership_months=coverage.membership_months,
        membership_start=coverage.membership_start,
        stmb_days=stmb_days,
        jht_balance=jht_balance,
        paid_through=paid_through,
        **disability,
        entered_by=actor if getattr(actor, "pk", None) else None,
        synthetic=synthetic or bool(person and person.synthetic),
    )
    if claim.agreement_id and claim.agreement.synthetic:
        claim.synthetic = True
    if claim.wage is None and covered and coverage.segment == "BPU":
        from cakupan.rules import param

        claim.wage = param("bpu.income_min").at(incident_date).value
    situation = arrears.claim_situation(claim) if covered else None
    if not covered:
        claim.status = Status.REFUSED
        claim.status_reason, claim.status_reason_en = _refusal(coverage, program, incident_date)
    claim.save()
    extra = {"payment_situation": situation.situation} if situation is not None else {}
    if situation is not None and not situation.covered:
        extra["refused_at_verification"] = True
    audit_record(
        actor=actor,
        action="claims.create" if covered else "claims.create_refused",
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.region_code,
        after={**picture(claim), "coverage": claim.coverage, **extra},
        reason=claim.status_reason,
    )
    if covered:
        decision_refresh(claim)
    return claim


BASIS_FIELDS = ("wage", "stmb_days", "jht_balance", "membership_months", *DISABILITY_FIELDS)


@transaction.atomic
def claim_update_basis(*, actor, claim_id: int, reason: str = "", **fields) -> Claim:
    """Correct what the benefit is computed from (wage, STMB days, JHT balance, masa iur, and
    for a disability the kind and the doctor's percentages) while the claim is being entered."""
    unknown = set(fields) - set(BASIS_FIELDS)
    if unknown:
        raise not_editable(unknown)
    claim = claim_locked(actor, claim_id, ENTER)
    require_status(claim, Status.ENTERED)
    before = picture(claim)
    disability = {k: fields.pop(k) for k in DISABILITY_FIELDS if k in fields}
    if disability:
        # Checked together: the kind decides which percentages may be given.
        current = {k: getattr(claim, k) for k in DISABILITY_FIELDS} | disability
        fields.update(
            disability_fields(
                event=claim.event,
                day=claim.incident_date,
                kind=current["disability_kind"],
                table_percent=current["disability_table_percent"],
                function_lost_percent=current["function_lost_percent"],
            )
        )
    for key, value in fields.items():
        if key in DISABILITY_FIELDS:
            setattr(claim, key, value)
            continue
        if value is not None and int(value) < 0:
            raise error("negative", "{field} tidak boleh negatif.", "{field} cannot be negative.",
                         field=key)  # fmt: skip
        setattr(claim, key, value if key != "membership_months" else int(value or 0))
    claim.save()
    audit_record(
        actor=actor,
        action="claims.update_basis",
        object_type="claim",
        object_id=claim.pk,
        region_code=claim.region_code,
        before=before,
        after=picture(claim),
        reason=reason,
    )
    decision_refresh(claim)
    return claim


# ---------------------------------------------------------------- documents


@transaction.atomic
def document_attach(*, actor, claim_id: int, kind: str, upload) -> ClaimDocument:
    """Store a PDF/JPEG/PNG privately (type checked by content, size-limited) and record it."""
    claim = claim_locked(actor, claim_id, ENTER)
    require_status(claim, Status.ENTERED, Status.VERIFIED, Status.APPROVED, Status.PAID)
    if kind not in DocumentKind.values:
        raise error("document_kind", "Jenis dokumen tidak dikenal.", "Unknown document kind.")
    document = ClaimDocument(claim=claim, regency_code=claim.regency_code, kind=kind)
    with uploads.stored(document, upload, actor=actor):
        audit_record(
            actor=actor,
            action="claims.document_attach",
            object_type="claim_document",
            object_id=document.pk,
            region_code=claim.region_code,
            after={**uploads.picture(document), "claim": claim.pk, "kind": kind},
        )
    return document


@transaction.atomic
def document_open(*, actor, claim_id: int, document_id: int):
    """The document and an open file, for someone who may view the claim (audited)."""
    document = selectors.document_get(user=actor, claim_id=claim_id, document_id=document_id)
    audit_record(
        actor=actor,
        action="claims.document_open",
        object_type="claim_document",
        object_id=document.pk,
        region_code=document.claim.region_code,
    )
    return document, document.file.open("rb")
