"""{% static %} of the site's frame is worked out once per process
(lms/core/templatetags/static_once.py) and gives Django's own answer, also
after the static settings change."""

from django.template import engines
from django.templatetags.static import static
from django.test import override_settings


def render(path):
    return (
        engines["django"]
        .from_string("{% load static_once %}{% static path %}")
        .render({"path": path})
    )


def test_the_same_url_as_django_and_it_follows_a_settings_change():
    assert render("css/site.css") == static("css/site.css")
    assert render("css/site.css") == static("css/site.css")  # remembered
    with override_settings(STATIC_URL="/tinh/"):
        assert render("css/site.css") == static("css/site.css")
        assert render("css/site.css").startswith("/tinh/")
    assert render("css/site.css") == static("css/site.css")
