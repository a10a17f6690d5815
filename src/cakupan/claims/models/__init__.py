"""Claims (santunan): the incident, the coverage in force that day, heirs, the computed
benefit decision, documents, payment and the public hand-over.

A claim keeps a snapshot of the registry's answer for the incident date (`coverage`), so the
decision stays explainable even if the registry is corrected later; the spell and agreement
links point at the rows that answer came from.

Every row carries `regency_code` (the tenant key) and `region_code` (the deceased's or injured
person's desa; region scope is a prefix match on it).

One module per thing held: `choices` (vocabularies), `claim` (claim, decision, payment),
`heirs`, `files` (stored documents) and `handovers`. Everything is importable from here, as
Django and the migrations expect.
"""

from cakupan.claims.models.choices import (
    DECIDED_STATUSES,
    OPEN_STATUSES,
    PARTIAL_DISABILITY,
    PROGRAM_EVENTS,
    STANDING_STATUSES,
    DisabilityKind,
    DocumentKind,
    Event,
    Marital,
    Program,
    Relation,
    SchoolLevel,
    Status,
)
from cakupan.claims.models.claim import BenefitDecision, Claim, Payment
from cakupan.claims.models.files import ClaimDocument, StoredFile, _document_path, private_storage
from cakupan.claims.models.handovers import HandOver, HandOverPhoto
from cakupan.claims.models.heirs import Heir

__all__ = [
    "DECIDED_STATUSES",
    "OPEN_STATUSES",
    "PARTIAL_DISABILITY",
    "PROGRAM_EVENTS",
    "STANDING_STATUSES",
    "BenefitDecision",
    "Claim",
    "ClaimDocument",
    "DisabilityKind",
    "DocumentKind",
    "Event",
    "HandOver",
    "HandOverPhoto",
    "Heir",
    "Marital",
    "Payment",
    "Program",
    "Relation",
    "SchoolLevel",
    "Status",
    "StoredFile",
    "_document_path",  # named by migration 0001
    "private_storage",  # named by migration 0001
]
