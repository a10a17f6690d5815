"""The documents each kind of claim needs before it can be verified.

Taken from BPJS Ketenagakerjaan's published claim requirements for JKM, JKK and JHT at death
(the lists on bpjsketenagakerjaan.go.id); a duty letter is added when the coverage came from a
cooperation agreement for ad-hoc officers, because that letter is what proves the person was
on duty that day. [U] the exact list a branch asks for can differ; this is the minimum the
application enforces, and "Dokumen lain" can always be added.
"""

from __future__ import annotations

from cakupan.claims.models import DocumentKind

_DEATH = (
    DocumentKind.DEATH_CERTIFICATE,
    DocumentKind.FAMILY_CARD,
    DocumentKind.HEIRS_STATEMENT,
    DocumentKind.HEIR_ID_CARD,
    DocumentKind.COVERAGE_PROOF,
)
_ACCIDENT = (DocumentKind.ACCIDENT_REPORT, DocumentKind.MEDICAL_REPORT, DocumentKind.COVERAGE_PROOF)

REQUIRED: dict[tuple[str, str], tuple[str, ...]] = {
    ("JKM", "death"): _DEATH,
    ("JHT", "death"): _DEATH,
    ("JKK", "death"): (*_DEATH, DocumentKind.ACCIDENT_REPORT),
    ("JKK", "injury"): _ACCIDENT,
    ("JKK", "stmb"): _ACCIDENT,
    ("JKK", "disability"): _ACCIDENT,
}


def required_documents(
    *, program: str, event: str, with_agreement: bool, partial_disability: bool = False
) -> list[str]:
    kinds = list(REQUIRED.get((program, event), ()))
    if partial_disability:
        # The percentages the benefit is paid on come from this statement (the disability
        # table is not held in the application), so it must be on file before verification.
        kinds.append(DocumentKind.DISABILITY_STATEMENT)
    if with_agreement:
        kinds.append(DocumentKind.DUTY_LETTER)
    return [str(k) for k in kinds]


def checklist(claim, present: set[str]) -> list[dict]:
    """[{kind, label, present}] for the claim's required documents, in the list's order."""
    labels = dict(DocumentKind.choices)
    return [
        {"kind": kind, "label": labels[kind], "present": kind in present}
        for kind in required_documents(
            program=claim.program,
            event=claim.event,
            with_agreement=claim.agreement_id is not None,
            partial_disability=claim.is_partial_disability,
        )
    ]
