"""Factories for the cross-region test (tests/test_cross_region.py).

Each factory makes one row of its model in Kecamatan Sukamara (62.08.01), the kecamatan next to
Jelai, carrying a unique marker (a name, number or count) that pages and answers would show
if they leaked it. Factories write through the ORM (`apps.get_model`) or through registry and
accounts services only, so moving a domain app's modules does not break them; the rows are
the ones the services would write, with the fields the pages read.

A factory returns a `Row`: the object, its marker, and the ids the operations need.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from cakupan.rules.nik import build_nik

REGENCY = "62.08"
KEC_SUKAMARA = "62.08.01"
DESA_KARTAMULIA = "62.08.01.2005"  # a desa of Kecamatan Sukamara
KEC_JELAI = "62.08.02"
DUTY = (dt.date(2024, 11, 7), dt.date(2024, 12, 8))
FACT_MONTH = dt.date(2024, 11, 30)
PDF = b"%PDF-1.4\n% cross-region test document\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@dataclass
class Row:
    obj: object
    marker: str
    ids: dict = field(default_factory=dict)
    also: tuple = ()  # the marker as pages write it, where that differs (8.642 for 8642)

    @property
    def markers(self) -> tuple:
        return (self.marker, *self.also)

    def __getattr__(self, name):  # row.claim_id, row.agreement_id, ...
        try:
            return self.ids[name]
        except KeyError:
            raise AttributeError(name) from None


def model(label: str):
    return apps.get_model(label)


def regency_admin():
    """The regency-wide administrator who makes the rows (and, as a control, sees them)."""
    from tests.conftest import make_user

    User = model("accounts.User")
    return User.objects.filter(username="xr_admin_kab").first() or make_user(
        "xr_admin_kab", "administrator", REGENCY
    )


# --- registry -----------------------------------------------------------------------------


def _person(marker: str, serial: int = 71, flags=()):
    from cakupan.registry.services import person_register

    born = dt.date(1981, 4, 12)
    return person_register(
        actor=regency_admin(),
        nik=build_nik(kecamatan=KEC_SUKAMARA, birth_date=born, sex="P", serial=serial),
        name=marker,
        sex="P",
        birth_date=born,
        region_code=DESA_KARTAMULIA,
        occupation="Petani karet",
        flags=list(flags),
    )


def make_person() -> Row:
    person = _person("Xregio Persontika")
    return Row(person, person.name, {"person_id": person.pk, "nik": person.nik})


def make_person_flag() -> Row:
    person = _person("Xregio Flagwati", flags=["fisher"])
    flag = model("registry.PersonFlag").objects.get(person=person)
    return Row(flag, person.name, {"person_id": person.pk, "nik": person.nik})


def _employer(marker: str = "PT Xregio Sawit Lestari"):
    from cakupan.registry.services import employer_register

    return employer_register(
        actor=regency_admin(),
        npp="87654321",
        name=marker,
        risk_class=2,
        region_code=DESA_KARTAMULIA,
        sector="A",
    )


def make_employer() -> Row:
    employer = _employer()
    return Row(employer, employer.name, {"employer_id": employer.pk, "npp": employer.npp})


def make_spell() -> Row:
    from cakupan.registry.services import spell_add

    person = _person("Xregio Spellina")
    employer = _employer("PT Xregio Spell Jaya")
    spell = spell_add(
        actor=regency_admin(),
        person_id=person.pk,
        programs=["JKK", "JKM"],
        start_date=dt.date(2024, 1, 1),
        segment="PU",
        payer="employer",
        employer_id=employer.pk,
        end_date=None,
        wage=3_210_987,
        kpj="24XREG0001",
    )
    return Row(
        spell,
        person.name,
        {"person_id": person.pk, "spell_id": spell.pk, "employer_id": employer.pk},
    )


def make_duplicate_candidate() -> Row:
    a = _person("Xregio Kembarsatu", serial=72)
    b = _person("Xregio Kembarsatu", serial=73)
    a, b = sorted([a, b], key=lambda p: p.pk)
    # Registering the second one already queues the pair (same name, birth date and desa).
    candidate, _new = model("registry.DuplicateCandidate").objects.get_or_create(
        person_a=a,
        person_b=b,
        defaults={
            "regency_code": REGENCY,
            "region_code": DESA_KARTAMULIA,
            "reason": "nama, tanggal lahir dan desa sama",
        },
    )
    return Row(candidate, a.name, {"candidate_id": candidate.pk})


# --- agreements ---------------------------------------------------------------------------


def _agreement(marker: str = "Xregio PKS Petugas Ad Hoc"):
    Agreement = model("agreements.Agreement")
    agreement = Agreement.objects.create(
        number="400.5/987/XREG/2024",
        title=marker,
        regency_code=REGENCY,
        region_code=KEC_SUKAMARA,
        payer="apbd",
        valid_from=dt.date(2024, 6, 1),
        valid_to=dt.date(2024, 12, 31),
        signed_on=dt.date(2024, 9, 25),
        roles=["KPPS"],
        election_name="Pilkada 2024",
        election_date=dt.date(2024, 11, 27),
        budget_source="hibah_nphd",
        budget_ceiling=100_000,
        charging="month_started",
        programs=["JKK", "JKM"],
    )
    model("agreements.AgreementParty").objects.create(
        agreement=agreement,
        regency_code=REGENCY,
        order=1,
        name="Xregio Kesbangpol Sukamara",
        role="government",
    )
    return agreement


def _officer(agreement, marker: str = "Xregio Petugas KPPS"):
    from cakupan.registry.services import spell_add

    person = _person(marker, serial=74)
    return spell_add(
        actor=regency_admin(),
        person_id=person.pk,
        programs=["JKK", "JKM"],
        start_date=DUTY[0],
        end_date=DUTY[1],
        segment="BPU",
        payer="apbd",
        agreement_id=agreement.pk,
        role="KPPS",
    )


def make_agreement() -> Row:
    agreement = _agreement()
    spell = _officer(agreement)
    return Row(agreement, agreement.title, {"agreement_id": agreement.pk, "spell_id": spell.pk})


def make_agreement_party() -> Row:
    agreement = _agreement("Xregio PKS Para Pihak")
    party = agreement.parties.get()
    return Row(party, party.name, {"agreement_id": agreement.pk}, (agreement.title,))


def _stored_file(row_model: str, **fields):
    content = fields.pop("content")
    name = fields["original_name"]
    row = model(row_model)(
        regency_code=REGENCY,
        stored_name=hashlib.sha256(name.encode()).hexdigest()[:32],
        content_type="application/pdf" if content == PDF else "image/png",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=regency_admin(),
        **fields,
    )
    row.file.save(row.stored_name, ContentFile(content), save=False)
    row.save()
    return row


def make_agreement_document() -> Row:
    agreement = _agreement("Xregio PKS Berdokumen")
    document = _stored_file(
        "agreements.AgreementDocument",
        agreement=agreement,
        title="Xregio Naskah PKS",
        original_name="xregio-naskah.pdf",
        content=PDF,
    )
    ids = {"agreement_id": agreement.pk, "document_id": document.pk}
    return Row(document, document.title, ids, (agreement.title,))


def make_certificate() -> Row:
    agreement = _agreement("Xregio PKS Bersertifikat")
    spell = _officer(agreement, "Xregio Bersertifikat")
    certificate = model("agreements.Certificate").objects.create(
        agreement=agreement,
        spell=spell,
        regency_code=REGENCY,
        region_code=spell.region_code,
        code="XREGCERT0001",
        issued_by=regency_admin(),
    )
    return Row(
        certificate,
        spell.person.name,
        {"agreement_id": agreement.pk, "spell_id": spell.pk, "code": certificate.code},
        (agreement.title,),
    )


# --- claims -------------------------------------------------------------------------------


def _claim(marker: str = "Xregio Klaimwati", status: str = "entered"):
    agreement = _agreement("Xregio PKS Klaim")
    spell = _officer(agreement, marker)
    person = spell.person
    claim = model("claims.Claim").objects.create(
        regency_code=REGENCY,
        region_code=person.region_code,
        program="JKM",
        event="death",
        incident_date=dt.date(2024, 11, 28),
        place="TPS 3 Kartamulia",
        circumstances="Meninggal dunia saat bertugas",
        reported_on=dt.date(2024, 12, 2),
        reporter_name="Xregio Pelapor",
        person=person,
        nik=person.nik,
        name=person.name,
        sex=person.sex,
        birth_date=person.birth_date,
        covered=True,
        spell=spell,
        agreement=agreement,
        status=status,
        entered_by=regency_admin(),
    )
    model("claims.BenefitDecision").objects.create(
        claim=claim, regency_code=REGENCY, computed_for=claim.incident_date, total=42_424_242
    )
    return claim


def make_claim() -> Row:
    claim = _claim()
    return Row(claim, claim.name, {"claim_id": claim.pk})


def make_heir() -> Row:
    claim = _claim("Xregio Almarhumah")
    heir = model("claims.Heir").objects.create(
        claim=claim,
        regency_code=REGENCY,
        region_code=claim.region_code,
        order=1,
        relation="spouse",
        name="Xregio Ahliwaris",
        birth_date=dt.date(1979, 2, 3),
    )
    return Row(heir, heir.name, {"claim_id": claim.pk, "heir_id": heir.pk}, (claim.name,))


def make_claim_document() -> Row:
    claim = _claim("Xregio Berdokumen")
    document = _stored_file(
        "claims.ClaimDocument",
        claim=claim,
        kind="death_certificate",
        original_name="xregio-akta-kematian.pdf",
        content=PDF,
    )
    return Row(
        document,
        document.original_name,
        {"claim_id": claim.pk, "document_id": document.pk},
        (claim.name,),
    )


def make_benefit_decision() -> Row:
    claim = _claim("Xregio Berputusan")
    # 42.424.242 as the pages write it (a marker no other row carries)
    return Row(claim.decision, "42424242", {"claim_id": claim.pk}, ("42.424.242", claim.name))


def _paid_claim(marker: str):
    claim = _claim(marker, status="paid")
    payment = model("claims.Payment").objects.create(
        claim=claim,
        regency_code=REGENCY,
        paid_on=dt.date(2024, 12, 20),
        amount=42_424_242,
        reference="XREGPAY-0001",
        recipient="Xregio Penerima",
        recorded_by=regency_admin(),
    )
    return claim, payment


def make_payment() -> Row:
    claim, payment = _paid_claim("Xregio Terbayar")
    return Row(payment, payment.reference, {"claim_id": claim.pk}, (claim.name,))


def _handover():
    claim, _payment = _paid_claim("Xregio Diserahkan")
    handover = model("claims.HandOver").objects.create(
        regency_code=REGENCY,
        region_code=KEC_SUKAMARA,
        held_on=dt.date(2024, 12, 23),
        place="Aula Xregio Kartamulia",
        officials="Bupati Sukamara",
        created_by=regency_admin(),
    )
    handover.claims.add(claim)
    return handover, claim


def make_handover() -> Row:
    handover, claim = _handover()
    return Row(handover, handover.place, {"handover_id": handover.pk, "claim_id": claim.pk})


def make_handover_photo() -> Row:
    handover, _claim_row = _handover()
    photo = _stored_file(
        "claims.HandOverPhoto",
        handover=handover,
        original_name="xregio-penyerahan.png",
        content=PNG,
    )
    # The photo is shown on its hand-over's pages, which carry the hand-over's place.
    return Row(photo, handover.place, {"handover_id": handover.pk, "photo_id": photo.pk})


# --- coverage -----------------------------------------------------------------------------


def make_denominator() -> Row:
    row = model("coverage.Denominator").objects.create(
        regency_code=REGENCY,
        region_code=KEC_SUKAMARA,
        year=2024,
        working_population=97_531,
        source="Xregio Sakernas",
    )
    return Row(row, row.source, {"region_code": KEC_SUKAMARA, "year": 2024})


def make_target() -> Row:
    row = model("coverage.Target").objects.create(
        regency_code=REGENCY,
        region_code=KEC_SUKAMARA,
        year=2024,
        rate="47.13",
        source="Xregio RPJMD",
    )
    return Row(row, row.source, {"region_code": KEC_SUKAMARA, "year": 2024})


def _facts(label: str, **fields):
    """A fact row in Kecamatan Sukamara's desa, with its month marked as computed (so the
    pages answer for that month); its count, 8642, is the marker."""
    model("coverage.FactMonth").objects.get_or_create(
        regency_code=REGENCY, month=FACT_MONTH, defaults={"refreshed_at": timezone.now()}
    )
    row = model(label).objects.create(
        regency_code=REGENCY, region_code=DESA_KARTAMULIA, month=FACT_MONTH, persons=8642, **fields
    )
    return Row(row, "8642", {"region_code": KEC_SUKAMARA, "month": FACT_MONTH}, ("8.642",))


def make_coverage_fact() -> Row:
    return _facts(
        "coverage.CoverageFact", segment="BPU", payer="apbd", sex="P", age_band="25-34", sector="A"
    )


def make_coverage_marginal() -> Row:
    return _facts("coverage.CoverageMarginal", dimension="segment", value="BPU")


def make_coverage_flag_fact() -> Row:
    return _facts("coverage.CoverageFlagFact", flag="fisher")


def make_coverage_total() -> Row:
    return _facts("coverage.CoverageTotal")


def _resident_list():
    resident_list = model("coverage.ResidentList").objects.create(
        regency_code=REGENCY,
        region_code=KEC_SUKAMARA,
        source="Xregio Pendataan Desa",
        year=2024,
        created_by=regency_admin(),
    )
    born = dt.date(1990, 5, 6)
    resident = model("coverage.Resident").objects.create(
        resident_list=resident_list,
        regency_code=REGENCY,
        region_code=DESA_KARTAMULIA,
        nik=build_nik(kecamatan=KEC_SUKAMARA, birth_date=born, sex="L", serial=75),
        name="Xregio Pendudukwan",
        birth_year=born.year,
        sex="L",
        occupation="Nelayan",
    )
    model("coverage.ResidentFlag").objects.create(
        resident=resident, flag="fisher", regency_code=REGENCY
    )
    resident_import = model("coverage.ResidentImport").objects.create(
        resident_list=resident_list,
        regency_code=REGENCY,
        region_code=KEC_SUKAMARA,
        original_name="xregio-penduduk.csv",
        sha256="0" * 64,
        rows_total=1,
        rows_valid=1,
        residents_new=1,
        uploaded_by=regency_admin(),
    )
    return resident_list, resident, resident_import


def _gap_row(obj, marker, resident_list, resident, resident_import) -> Row:
    """A gap row shows on the gap pages as its list's source, a resident's name or the
    import's file name, whichever the page prints."""
    markers = (resident_list.source, resident.name, resident_import.original_name)
    ids = {"region_code": KEC_SUKAMARA, "import_id": resident_import.pk}
    return Row(obj, marker, ids, tuple(m for m in markers if m != marker))


def make_resident_list() -> Row:
    rows = _resident_list()
    return _gap_row(rows[0], rows[0].source, *rows)


def make_resident() -> Row:
    rows = _resident_list()
    return _gap_row(rows[1], rows[1].name, *rows)


def make_resident_flag() -> Row:
    rows = _resident_list()
    return _gap_row(rows[1].flags.get(), rows[1].name, *rows)


def make_resident_import() -> Row:
    rows = _resident_list()
    return _gap_row(rows[2], rows[2].original_name, *rows)


# --- imports ------------------------------------------------------------------------------


def make_import_batch() -> Row:
    agreement = _agreement("Xregio PKS Impor")
    batch = model("imports.ImportBatch").objects.create(
        kind="roster",
        state="validated",
        regency_code=REGENCY,
        region_code=KEC_SUKAMARA,
        uploaded_by=regency_admin(),
        original_name="xregio-petugas.xlsx",
        sha256="1" * 64,
        stored_path="",
        columns=["NIK", "Nama"],
        mapping={"nik": "NIK", "name": "Nama"},
        options={
            "agreement_id": agreement.pk,
            "agreement_number": agreement.number,
            "duty_start": DUTY[0].isoformat(),
            "duty_end": DUTY[1].isoformat(),
        },
        rows_total=3,
        rows_valid=3,
    )
    return Row(batch, batch.original_name, {"batch_id": batch.pk, "agreement_id": agreement.pk})


# --- accounts and audit -------------------------------------------------------------------


def make_role_assignment() -> Row:
    from tests.conftest import make_user

    user = make_user("xregio_op_sukamara", "regency_operator", KEC_SUKAMARA)
    return Row(user.assignments.get(), user.username, {"user_id": user.pk})


def make_audit_event() -> Row:
    from cakupan.accounts.services import user_update
    from tests.conftest import make_user

    user = make_user("xregio_audited", "viewer", KEC_SUKAMARA)
    user_update(actor=regency_admin(), user_id=user.pk, office="Kantor A", reason="Xregio rahasia")
    event = model("audit.AuditEvent").objects.filter(reason="Xregio rahasia").get()
    return Row(event, event.reason, {"user_id": user.pk})


def make_bill() -> Row:
    """A bill issued for an agreement of Kecamatan Sukamara; its number is the marker."""
    from cakupan.billing.services import bill_issue_for_agreement

    agreement = _agreement("Xregio PKS Bertagihan")
    _officer(agreement)
    bill = bill_issue_for_agreement(actor=regency_admin(), agreement_id=agreement.pk)
    ids = {"agreement_id": agreement.pk, "bill_id": bill.pk}
    return Row(bill, bill.number, ids, (agreement.title,))


def make_bill_line() -> Row:
    row = make_bill()
    line = row.obj.lines.first()
    return Row(line, row.marker, row.ids, row.also)


def make_bill_sequence() -> Row:
    row = make_bill()
    sequence = model("billing.BillSequence").objects.get(regency_code=REGENCY)
    return Row(sequence, row.marker, row.ids, row.also)
