from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings


@pytest.mark.django_db
def test_the_site_is_vietnamese_by_default_and_switches_to_english(client, make_user):
    login_page = client.get("/accounts/login/").content.decode()
    assert 'lang="vi"' in login_page
    assert "Đăng nhập" in login_page

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    english = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in english
    assert "Sign in" in english
    assert "Mobile number or username" in english

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Đăng nhập" in client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_wagtail_admin_speaks_vietnamese(client, make_user):
    from lms.accounts.roles import Role

    client.force_login(make_user(Role.EDITOR))
    body = client.get("/admin/").content.decode()
    assert "Bảng điều khiển" in body or "Trang" in body


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_string_of_ours_has_a_vietnamese_translation(domain):
    po_path = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        message.id
        for message in catalog
        if message.id
        and (not message.string or (isinstance(message.string, tuple) and not all(message.string)))
    ]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not missing, f"untranslated: {missing[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"


def test_timezone_and_languages():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]


@pytest.mark.django_db
def test_a_browser_set_to_english_still_gets_vietnamese_until_the_visitor_chooses(client):
    body = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'lang="en"' in body


def test_the_pages_language_context_is_djangos():
    from django.template.context_processors import i18n as djangos
    from django.test import RequestFactory
    from django.utils import translation

    from lms.core.i18n_context import i18n

    for code in ("vi", "en", "ar"):
        with translation.override(code):
            assert i18n(RequestFactory().get("/")) == djangos(RequestFactory().get("/"))


@pytest.mark.django_db
def test_the_requests_language_code_is_what_django_would_say_once_activated():
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.utils import translation

    from lms.core.middleware import ChosenLanguageMiddleware

    seen = {}

    def view(request):
        seen["code"], seen["active"] = request.LANGUAGE_CODE, translation.get_language()
        return HttpResponse()

    for cookie, expected in (("en", "en"), ("vi", "vi"), ("fr", "vi"), (None, "vi")):
        request = RequestFactory().get("/")
        if cookie:
            request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
        response = ChosenLanguageMiddleware(view)(request)
        assert seen == {"code": expected, "active": expected}
        assert response["Content-Language"] == expected
