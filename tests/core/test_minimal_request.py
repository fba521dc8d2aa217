"""Requests that need nothing pay nothing (issue 14, point 3): the project's
minimal view (`/_bench/minimal`, the full middleware stack) reads no database,
no cache and builds no signer, while its headers stay those of every page."""

from unittest import mock

import pytest
from django.contrib import messages
from django.core import signing
from django.core.cache import caches
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import override_settings
from django.urls import path
from django.utils.cache import patch_vary_headers

from lms.bench_urls import urlpatterns as bench_urlpatterns

CACHE_METHODS = (
    *("get", "get_many", "set", "add", "set_many", "incr", "delete", "touch", "has_key"),
    *("get_numbers", "increment_counter"),  # the Redis cache's own (lms/core/scoped_cache.py)
)


def add_message(request):
    messages.success(request, "Đã lưu.")
    return redirect("/_test/show")


def show_messages(request):
    return HttpResponse(" | ".join(str(message) for message in messages.get_messages(request)))


urlpatterns = [
    path("_test/add", add_message),
    path("_test/show", show_messages),
    *bench_urlpatterns,
]


@pytest.fixture
def cache_calls():
    cache = caches["default"]
    counters = [
        mock.patch.object(cache, name, wraps=getattr(cache, name))
        for name in CACHE_METHODS
        if hasattr(cache, name)
    ]
    mocks = [counter.start() for counter in counters]
    yield lambda: sum(m.call_count for m in mocks)
    for counter in counters:
        counter.stop()


@pytest.fixture
def signers():
    with mock.patch.object(signing, "get_cookie_signer", wraps=signing.get_cookie_signer) as made:
        yield made


@override_settings(ROOT_URLCONF=__name__)
def test_minimal_view_reads_no_database_no_cache_and_signs_nothing(client, cache_calls, signers):
    # No django_db mark: pytest-django refuses any database access in this test.
    client.get("/_bench/minimal")  # a first request may load what a process keeps
    response = client.get("/_bench/minimal")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert cache_calls() == 0
    assert signers.call_count == 0


@override_settings(ROOT_URLCONF=__name__)
def test_minimal_view_keeps_the_security_headers(client):
    response = client.get("/_bench/minimal")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Language"] == "vi"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "object-src 'none'" in response["Content-Security-Policy"]
    # Cookie: the language cookie picks the language (the view reads no session).
    assert {word.strip() for word in response["Vary"].split(",")} == {"Accept-Language", "Cookie"}


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_messages_still_reach_the_next_page(client):
    response = client.get("/_test/add")
    assert response.status_code == 302
    assert client.get("/_test/show").content.decode() == "Đã lưu."
    assert client.get("/_test/show").content == b""


@override_settings(ROOT_URLCONF=__name__)
def test_the_language_needs_no_path_work_without_language_prefixed_urls(client):
    """The site has no i18n_patterns: the language comes from the cookie alone, so
    LocaleMiddleware's reading of a language from the path is work for nothing."""
    from django.utils import translation

    client.get("/_bench/minimal")
    with mock.patch.object(
        translation, "get_language_from_path", wraps=translation.get_language_from_path
    ) as from_path:
        vietnamese = client.get("/_bench/minimal")
        client.cookies["django_language"] = "en"
        english = client.get("/_bench/minimal")
    assert from_path.call_count == 0
    assert vietnamese["Content-Language"] == "vi"
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]


def set_language_in_path(request):
    from django.utils import translation

    return HttpResponse(translation.get_language())


@pytest.mark.django_db
def test_language_prefixed_urls_still_get_djangos_handling(client, settings):
    """Should i18n_patterns ever be used, Django's path handling is still there: a
    path without its language prefix redirects to the prefixed one."""
    import sys
    import types

    from django.conf.urls.i18n import i18n_patterns, is_language_prefix_patterns_used

    module = types.ModuleType("hvs_prefixed_urls")
    module.urlpatterns = [*i18n_patterns(path("page/", set_language_in_path)), *bench_urlpatterns]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    is_language_prefix_patterns_used.cache_clear()
    try:
        assert client.get("/vi/page/").content == b"vi"
        response = client.get("/page/")
        assert response.status_code == 302
        assert response["Location"] == "/vi/page/"
    finally:
        del sys.modules[module.__name__]
        is_language_prefix_patterns_used.cache_clear()


@pytest.mark.parametrize("vary", [None, "Cookie", "Accept-Language", "*"])
@pytest.mark.parametrize("language", [None, "en", "fr"])
def test_the_language_headers_are_djangos(rf, vary, language):
    """Vary and Content-Language as Django's LocaleMiddleware would set them
    (Vary with Cookie too), for the language the cookie chose (or Vietnamese: fr is no site language)."""
    from django.middleware.locale import LocaleMiddleware
    from django.utils import translation

    from lms.core.middleware import ChosenLanguageMiddleware

    def view(_request):
        response = HttpResponse("ok")
        if vary:
            response.headers["Vary"] = vary
        return response

    request = rf.get("/")
    if language:
        request.COOKIES["django_language"] = language
    with translation.override(None):
        ours = ChosenLanguageMiddleware(view)(request)
        translation.activate("en" if language == "en" else "vi")
        djangos = LocaleMiddleware(lambda _r: view(_r)).process_response(request, view(request))
    # Django's Vary, and Cookie: here the language cookie chooses.
    patch_vary_headers(djangos, ("Cookie",))
    assert ours.get("Vary") == djangos.get("Vary")
    assert (
        ours["Content-Language"]
        == djangos["Content-Language"]
        == ("en" if language == "en" else "vi")
    )


def test_content_language_is_the_chosen_one_after_a_view_overrides_it(rf):
    """A view that renders part of its page in another language (as the
    certificate and report code does, with translation.override) still answers
    in the visitor's language, as Django's LocaleMiddleware says after it."""
    from django.utils import translation

    from lms.core.middleware import ChosenLanguageMiddleware

    def view(_request):
        with translation.override("en"):
            return HttpResponse(translation.gettext("ok"))

    request = rf.get("/")
    request.COOKIES["django_language"] = "vi"
    response = ChosenLanguageMiddleware(view)(request)
    assert response["Content-Language"] == translation.get_language() == "vi"
