"""The invoice page's "Issue bill" button and the stored number it then shows."""

from django.urls import reverse

from cakupan.billing.models import Bill
from tests.conftest import client_for, make_user


def test_issue_from_the_invoice_page(operator, agreement, officers):
    client = client_for(operator)
    url = reverse("agreements:invoice", args=[agreement.pk])
    page = client.get(url, {"month": "2024-11"}).content.decode()
    assert "Terbitkan tagihan" in page and "Nomor tagihan" not in page
    assert not Bill.objects.exists()  # a GET issues nothing
    issue = reverse("billing:issue", args=[agreement.pk])
    response = client.post(issue, {"start": "2024-11-01", "end": "2024-11-30"})
    assert response.status_code == 302
    bill = Bill.objects.get()
    assert bill.total == 50_400
    page = client.get(response["Location"]).content.decode()
    assert bill.number in page and "Terbitkan ulang tagihan" in page
    assert client.get(url, {"month": "2024-12"}).content.decode().count(bill.number) == 0
    assert client.get(url, {"format": "pdf"}).content.startswith(b"%PDF")


def test_issue_needs_post_and_permission(operator, agreement, officers, operator_jelai):
    issue = reverse("billing:issue", args=[agreement.pk])
    assert client_for(operator).get(issue).status_code == 405
    partner = make_user("mitra_c", "partner_operator", "62.08")
    page = client_for(partner).get(reverse("agreements:invoice", args=[agreement.pk]))
    assert "Terbitkan tagihan" not in page.content.decode()
    assert client_for(partner).post(issue).status_code == 403
    assert client_for(operator_jelai).post(issue).status_code == 404
    assert not Bill.objects.exists()
