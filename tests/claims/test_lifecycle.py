"""The claim life cycle is one table (`claims.lifecycle`)."""

from cakupan.claims.lifecycle import LIFECYCLE
from cakupan.claims.models import Status


def test_the_table():
    assert LIFECYCLE.allows(Status.ENTERED, Status.VERIFIED)
    assert LIFECYCLE.allows(Status.VERIFIED, Status.APPROVED)
    assert LIFECYCLE.allows(Status.APPROVED, Status.PAID)
    assert not LIFECYCLE.allows(Status.ENTERED, Status.APPROVED)
    assert not LIFECYCLE.allows(Status.APPROVED, Status.REJECTED)
    assert LIFECYCLE.sources(Status.REJECTED) == {Status.ENTERED, Status.VERIFIED}
    for final in (Status.PAID, Status.REFUSED, Status.REJECTED):
        assert not any(LIFECYCLE.allows(final, to) for to in Status.values)
