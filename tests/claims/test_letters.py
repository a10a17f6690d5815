"""The decision letter is addressed to whoever is paid: the heirs of a worker who died, the
worker himself or herself for an injury, STMB or a permanent disability (the trial found the
total-disability and STMB letters addressed to the heirs of a living worker)."""

import datetime as dt

import pytest

from cakupan.claims import documents, selectors, services
from cakupan.claims.models import Claim
from tests.claims.conftest import second_officer
from tests.claims.test_services import add_family, attach_all, report

pytestmark = pytest.mark.django_db

WAGE = 4_000_000


def approved(operator, bpjs, claim) -> Claim:
    attach_all(operator, claim, [i["kind"] for i in selectors.claim_missing_documents(claim=claim)])
    services.claim_verify(actor=bpjs, claim_id=claim.pk)
    services.claim_approve(actor=second_officer(), claim_id=claim.pk)
    return Claim.objects.get(pk=claim.pk)


@pytest.mark.parametrize(
    ("event", "extra"),
    [("disability", {}), ("stmb", {"stmb_days": 30})],
    ids=["total-permanent-disability", "stmb"],
)
def test_a_living_worker_s_letter_is_addressed_to_the_worker(operator, bpjs, officer, event, extra):
    claim = report(operator, officer.person.nik, program="JKK", event=event, wage=WAGE, **extra)
    claim = approved(operator, bpjs, claim)
    assert claim.decision.total > 0
    html = documents.letter_html(claim, issued=dt.date(2024, 12, 11))
    name = officer.person.name
    assert f'<p id="recipient">Kepada Yth. <strong>{name}</strong>' in html
    assert f'id="beneficiary">Penerima manfaat: <strong>{name}</strong>' in html
    assert "almarhum" not in html and "Ahli waris yang berhak" not in html


def test_a_death_letter_is_addressed_to_the_heirs(operator, bpjs, officer):
    claim = report(operator, officer.person.nik)
    add_family(operator, claim)
    claim = approved(operator, bpjs, claim)
    html = documents.letter_html(claim, issued=dt.date(2024, 12, 11))
    assert "Kepada Yth. ahli waris almarhum/almarhumah" in html
    assert "Ahli waris yang berhak" in html and "Penerima manfaat:" not in html
