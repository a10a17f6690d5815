"""A claim's life cycle as one table: which status may follow which (`cakupan.transitions`).

entered → verified (documents checked) · refused (the verifier finds the iuran unpaid) ·
rejected; verified → approved (a second officer) · rejected; approved → paid. Paid, refused and
rejected are final.
"""

from cakupan.claims.models import Claim, Status
from cakupan.errors import DomainError
from cakupan.transitions import Transitions

S = Status
LIFECYCLE = Transitions(
    {
        S.ENTERED: {S.VERIFIED, S.REFUSED, S.REJECTED},
        S.VERIFIED: {S.APPROVED, S.REJECTED},
        S.APPROVED: {S.PAID},
        S.PAID: set(),
        S.REFUSED: set(),
        S.REJECTED: set(),
    }
)


def status_error(claim: Claim) -> DomainError:
    return DomainError(
        "claim_status",
        "Klaim berstatus {status}; tindakan ini tidak dapat dilakukan.",
        "The claim is {status_en}; this action is not possible.",
        status=str(Status(claim.status).label),
        status_en=claim.status,
    )


def require_transition(claim: Claim, to: str) -> None:
    """Refuse (`claim_status`) unless the claim's status may become `to`."""
    LIFECYCLE.check(claim.status, to, error=lambda: status_error(claim))
