from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from cakupan.accounts.scope import permitted_region_codes
from cakupan.regions.models import Region


@login_required
def home(request):
    codes = permitted_region_codes(user=request.user, permission="regions.view")
    regions = Region.objects.filter(code__in=codes)
    assignments = list(request.user.assignments.all())
    return render(
        request,
        "web/home.html",
        {"regions": regions, "assignments": assignments, "today_date": timezone.localdate()},
    )
