"""Error pages in the user's language; the 500 page shows the request id to quote to support."""

from django.shortcuts import render

from cakupan.audit.context import current_request_id


def not_found(request, exception=None):
    return render(request, "web/error.html", {"status": 404}, status=404)


def forbidden(request, exception=None):
    return render(request, "web/error.html", {"status": 403}, status=403)


def server_error(request):
    return render(
        request, "web/error.html", {"status": 500, "request_id": current_request_id()}, status=500
    )
