"""A bare Django: no apps, no middleware, no database, one view. The floor that
the project's own minimal view (`/_bench/minimal`, full middleware stack) is
compared with in the same run; issue 14 asks for ≥ 0.8 of it.

Served by `python -m tests.bench` as
``gunicorn 'django.core.wsgi:get_wsgi_application()'`` with this module as
DJANGO_SETTINGS_MODULE; it doubles as its own URLconf."""

import secrets

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = secrets.token_urlsafe(50)  # nothing is signed here; never deployed
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/minimal", minimal)]
