"""The real URL map plus a view that fails unexpectedly, to test the 500 path."""

from django.urls import path

from cakupan.urls import handler403, handler404, handler500  # noqa: F401
from cakupan.urls import urlpatterns as real


def boom(request):
    raise ZeroDivisionError("a bug")


urlpatterns = [path("boom/", boom), *real]
