"""The service worker (served from the site root so it may keep any saved
page) and the page listing what is saved for reading offline."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control


@cache_control(max_age=0, no_cache=True)
def service_worker(request):
    path = finders.find("js/service-worker.js")
    if not path:
        raise Http404
    response = HttpResponse(
        Path(path).read_text(encoding="utf-8"), content_type="application/javascript"
    )
    response["Service-Worker-Allowed"] = "/"
    return response


def saved(request):
    return render(request, "inclusion/offline.html")
