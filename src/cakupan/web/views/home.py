"""The home page (who I am, where I work) and the favicon."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_safe

from cakupan.regions.selectors import region_labels


@login_required
def home(request):
    assignments = list(request.user.assignments.all())
    names = region_labels(codes={a.region_code for a in assignments})
    return render(
        request,
        "web/home.html",
        {
            "assignments": [
                {"assignment": a, "region": names.get(a.region_code, "")} for a in assignments
            ],
            "today_date": timezone.localdate(),
        },
    )


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them the vendored icon."""
    return redirect(static("cakupan/favicon.ico"), permanent=True)
