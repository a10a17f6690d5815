"""`{% bill_box agreement start end %}`: on the agreement's invoice page, the bill issued for
that period (its number) and the "Issue bill" button for those who may issue one. A template
tag, so the agreements app needs no import of billing (billing builds on agreements)."""

from django import template

from cakupan.accounts.scope import user_has_permission
from cakupan.billing import selectors
from cakupan.billing.services import ISSUE

register = template.Library()


@register.inclusion_tag("billing/_bill_box.html", takes_context=True)
def bill_box(context, agreement, start, end):
    user = context["request"].user
    return {
        "agreement": agreement,
        "start": start,
        "end": end,
        "bill": selectors.bill_issued_for(
            user=user, agreement_id=agreement.pk, start=start, end=end
        ),
        "can_issue": user_has_permission(
            user=user, permission=ISSUE, region_code=agreement.region_code
        ),
        "csrf_token": context.get("csrf_token"),
    }
