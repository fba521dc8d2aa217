"""Pays a server process's one-time costs when it starts instead of in its
first requests: importing every view through the URLconf and loading the
translation catalogs. Measured (tests/load/exam.py): a fresh gunicorn worker's
first quiz start cost 3.6 s of CPU, the next ones 30–40 ms; when a class
pressed Start on freshly started workers, each of 4 workers paid that inside the
burst, twice the 2 workers' share of 2 cores."""

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Start")
