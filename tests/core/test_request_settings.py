"""The settings our middleware reads on every request are read once per process,
and again after any change (override_settings in tests, lms/core/request_settings.py)."""

from django.test import override_settings

from lms.core.middleware import chosen_language
from lms.core.request_settings import request_settings


def test_a_changed_setting_is_read_again(rf):
    request = rf.get("/")
    request.COOKIES["hvs_lang"] = "en"
    assert chosen_language(request) == "vi"  # not the cookie this site reads
    with override_settings(LANGUAGE_COOKIE_NAME="hvs_lang"):
        assert request_settings().language_cookie == "hvs_lang"
        assert chosen_language(request) == "en"
    assert request_settings().language_cookie == "django_language"
    assert chosen_language(request) == "vi"


def test_a_cookie_naming_no_site_language_gets_the_default(rf):
    request = rf.get("/")
    request.COOKIES["django_language"] = "fr"
    assert chosen_language(request) == "vi"
    with override_settings(LANGUAGE_CODE="en"):
        assert chosen_language(request) == "en"
