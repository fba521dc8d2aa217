"""URLs of the benchmark stack: the site plus the baseline views it is compared
against. Only lms.settings.bench uses this module; production never routes here."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def minimal_authenticated(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("_bench/minimal", minimal),
    path("_bench/minimal-auth", minimal_authenticated),
    *site_urlpatterns,
]
