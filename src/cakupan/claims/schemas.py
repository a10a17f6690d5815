"""The shapes the claims API reads and answers (django-ninja schemas); routes in `api`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema


class ErrorOut(Schema):
    code: str = Field(
        description="Stable error code: `claim_not_found`, `documents_missing`, "
        "`approve_own_entry`, `approve_own_verification`, `claim_duplicate` (the same event "
        "is already claimed; the message names that claim), `claim_status`, "
        "`paid_through_missing`, `permission_denied`, …"
    )
    message: str


class ClaimIn(Schema):
    nik: str = Field(description="The deceased's or injured person's NIK (16 digits).")
    program: Literal["JKM", "JKK", "JHT"]
    event: Literal["death", "injury", "stmb", "disability"]
    incident_date: dt.date
    place: str
    circumstances: str = Field(description='e.g. "on duty as KPPS at TPS 003, Desa …".')
    reporter_name: str
    reported_on: dt.date | None = Field(None, description="Defaults to today.")
    reporter_relation: str = ""
    reporter_phone: str = ""
    name: str = Field("", description="Only when the NIK is not in the registry.")
    sex: str = Field("", description="`L` or `P`; only when the NIK is not in the registry.")
    birth_date: dt.date | None = None
    region_code: str = Field("", description="Desa code; only when the NIK is not registered.")
    wage: int | None = Field(None, description="Upah / declared income; default: the spell's.")
    stmb_days: int | None = None
    jht_balance: int | None = None
    disability_kind: Literal["", "total", "anatomical", "functional"] = Field(
        "",
        description="For a JKK `disability`: `total` (the default), `anatomical` (% table x 80 x "
        "upah) or `functional` (% function lost x % table x 80 x upah).",
    )
    disability_table_percent: Decimal | None = Field(
        None,
        description="Partial disability: the table percentage in the doctor's statement, "
        "above 0 and below the total permanent disability percentage (70).",
        examples=["40"],
    )
    function_lost_percent: Decimal | None = Field(
        None, description="Functional partial disability: the percentage of function lost."
    )
    paid_through: str | None = Field(
        None,
        description="Last month the iuran was paid, as BPJS Ketenagakerjaan's system shows it: "
        "`YYYY-MM` (a `YYYY-MM-DD` day stands for its month). Blank = not checked; required "
        "before verification of PU and BPU claims. An unpaid BPU incident month or a lapsed "
        "BPU membership does not refuse the claim here: it is refused at verification, so the "
        "month can be corrected first.",
        examples=["2024-11"],
    )


class PaidThroughIn(Schema):
    paid_through: str | None = Field(
        description="`YYYY-MM`, the last month paid; null clears it (not checked).",
        examples=["2024-11"],
    )
    reason: str = Field("", description="Where it was read, e.g. BPJS's system on 2 Dec.")


SITUATIONS_DOC = (
    "`paid` (incident month paid), `grace` (not yet due on the incident date: covered; for BPU, "
    "if the month is paid by its due date), "
    "`arrears_bpjs_pays` (arrears within the threshold), `arrears_employer_first` (PU arrears "
    "beyond it: the employer pays the benefit first, BPJS reimburses), `bpu_unpaid_month` and "
    "`bpu_lapsed` (not covered: refused at verification), `unknown` (not checked), "
    "`not_applicable` (JHT, Jakon, PMI); null when no spell had the program."
)


class PaymentSituationOut(Schema):
    situation: str = Field(description=SITUATIONS_DOC)
    covered: bool
    employer_pays_first: bool
    segment: str
    months_overdue: int = Field(description="Unpaid months past their due date that day.")
    explanation: str = Field(description="In the request's language.")
    reference: str
    trace: list[dict]


class ClaimRowOut(Schema):
    id: int
    number: str
    program: str
    event: str
    status: str = Field(
        description="`entered`, `verified`, `approved`, `paid`, `refused` (not covered), "
        "`rejected`."
    )
    status_reason: str = Field(
        description="Why the claim was refused or rejected, in the request's language when the "
        "system wrote it; a reason an officer typed is returned as typed."
    )
    nik: str = Field(description="Masked NIK.")
    name: str
    region_code: str
    incident_date: dt.date
    reported_on: dt.date
    agreement: str | None
    paid_through: str | None = Field(description="`YYYY-MM`; null = not checked.")
    payment_situation: str | None = Field(description=SITUATIONS_DOC)
    total: int | None = Field(
        description="Decided benefit, whole rupiah: `paid_at_claim` plus `scholarships_total` "
        "(the rules' total; not an amount paid at once)."
    )
    paid_at_claim: int | None = Field(
        description="What the claim's payment settles: lump sum, periodic benefit paid at "
        "once, funeral allowance, STMB. The payment may not exceed it."
    )
    scholarships_total: int | None = Field(
        description="Scholarships, paid later per school year while each child is in school: "
        "the most they can reach, not paid with the claim."
    )
    days_open: int | None = Field(description="Days from report to today while open.")
    days_to_payment: int | None = Field(description="Days from report to payment once paid.")
    overdue: bool


class HeirIn(Schema):
    relation: str = Field(description="spouse, widow, widower, child, parent, grandchild, …")
    name: str
    nik: str = ""
    birth_date: dt.date | None = None
    alive: bool = True
    marital_status: str = ""
    working: bool = False
    notarial_deed: bool = False
    school_level: str = Field("", description="BELUM_SEKOLAH, TK_SD, SMP, SMA, PT (children).")


class HeirOut(Schema):
    id: int
    relation: str
    name: str
    nik: str = Field(description="Masked NIK.")
    birth_date: dt.date | None
    alive: bool
    entitled: bool
    entitled_by_rules: bool
    scholarship: bool
    reference: str
    note: str
    override_reason: str


class ComponentOut(Schema):
    program: str
    name: str
    label: str
    amount: int
    reference: str
    detail: str | None = None


class DecisionOut(Schema):
    computed_for: dt.date
    total: int = Field(description="`paid_at_claim` + `scholarships_total`.")
    paid_at_claim: int = Field(description="Paid when the claim is paid.")
    scholarships_total: int = Field(
        description="Scholarships, paid per school year while the child is in school (at most)."
    )
    scholarships_note: str | None = Field(
        description="When and how scholarships are paid, in the request's language; null "
        "without scholarships."
    )
    components: list[ComponentOut]
    trace: list[dict]
    notes: list[str]
    recipient: str | None
    error: str | None


class ChecklistOut(Schema):
    kind: str
    label: str
    present: bool


class PaymentOut(Schema):
    paid_on: dt.date
    amount: int
    reference: str
    recipient: str


class ClaimOut(ClaimRowOut):
    place: str
    circumstances: str
    reporter_name: str
    disability_kind: str = Field(description="`total`, `anatomical`, `functional`; blank.")
    disability_table_percent: Decimal | None
    function_lost_percent: Decimal | None
    coverage: dict = Field(description="The registry's answer for the incident date, as stored.")
    payment_situation_detail: PaymentSituationOut | None = Field(
        description="The iuran situation on the incident date, from the paid-through month."
    )
    heirs: list[HeirOut]
    decision: DecisionOut | None
    documents: list[ChecklistOut]
    payment: PaymentOut | None
    entered_by: str | None
    verified_by: str | None
    approved_by: str | None


class TransitionIn(Schema):
    action: Literal["verify", "reject", "approve", "pay"]
    reason: str = Field("", description="Required to reject.")
    paid_on: dt.date | None = None
    amount: int | None = None
    reference: str = ""
    recipient: str = ""


class SummaryOut(Schema):
    key: str
    claims: int
    refused: int
    rejected: int
    paid_claims: int
    decided_amount: int = Field(description="What the decisions pay at the claim.")
    scholarships_amount: int = Field(
        description="Scholarships the decisions promise later, per school year (at most)."
    )
    paid_amount: int
