"""The public verify page is kept rendered (issue 14: a hall scanning QR codes),
keyed by everything it shows: the certificate's row and the rows it reads. So a
revocation, a row altered behind the application's back, a changed framework or
unit, another language or the easy mode each get the page rendered afresh, and
the rate limit still answers first."""

import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from assessments.certificates import codes, integrity, issuing, verify_page
from assessments.certificates.models import Certificate
from lms.framework.models import FrameworkVersion
from lms.inclusion.easy_mode import COOKIE as EASY_COOKIE

pytestmark = pytest.mark.django_db

ALTERED_VI = "Hồ sơ đã bị thay đổi"
VALID_VI = "Giấy chứng nhận này còn hiệu lực."
REVOKED_VI = "đã bị thu hồi"


def page(client, certificate, **extra):
    return client.get(f"/certificates/verify/{certificate.code}/", **extra)


def hashes_while(action):
    """How many times the stored record's hash is computed while ``action`` runs."""
    with mock.patch.object(
        integrity, "canonical_sha256", wraps=integrity.canonical_sha256
    ) as hashed:
        action()
    return hashed.call_count


def test_a_second_visit_is_served_as_kept(client, certificate):
    first = page(client, certificate)
    assert VALID_VI in first.content.decode()
    kept = []
    assert hashes_while(lambda: kept.append(page(Client(), certificate))) == 0
    again = kept[0]
    assert again.status_code == 200
    assert again.content.decode().count(VALID_VI) == 1
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Content-Language"] == first["Content-Language"]
    assert again.get("Vary") == first.get("Vary")
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_each_visitor_gets_their_own_csrf_token(certificate):
    first, second = Client(), Client()
    page(first, certificate)
    page(second, certificate)
    first_token = first.cookies["csrftoken"].value
    second_token = second.cookies["csrftoken"].value
    assert first_token != second_token
    body = page(second, certificate).content.decode()
    # The page's forms carry a token made from the visitor's own cookie (masked,
    # so compared through Django's check), never the first visitor's.
    from django.middleware.csrf import _does_token_match

    tokens = [
        part.split('"', 1)[0] for part in body.split('name="csrfmiddlewaretoken" value="')[1:]
    ]
    assert tokens
    assert all(_does_token_match(token, second_token) for token in tokens)
    assert not any(_does_token_match(token, first_token) for token in tokens)


def test_a_revocation_is_shown_at_once(client, certificate):
    assert VALID_VI in page(client, certificate).content.decode()
    issuing.do_revoke_certificate(certificate, "Cấp nhầm đối tượng")
    body = page(client, certificate).content.decode()
    assert VALID_VI not in body
    assert REVOKED_VI in body and "Cấp nhầm đối tượng" in body


def test_a_row_altered_after_the_page_was_kept_is_reported_altered(client, certificate):
    assert VALID_VI in page(client, certificate).content.decode()
    Certificate.objects.filter(pk=certificate.pk).update(full_name="Trần Văn Giả")
    body = page(client, certificate).content.decode()
    assert ALTERED_VI in body and VALID_VI not in body
    assert f"/certificates/verify/{certificate.code}/pdf/" not in body


def test_a_framework_row_altered_after_the_page_was_kept_is_reported_altered(client, certificate):
    assert VALID_VI in page(client, certificate).content.decode()
    FrameworkVersion.objects.filter(pk=certificate.framework_id).update(version="9.9")
    body = page(client, certificate).content.decode()
    assert ALTERED_VI in body and VALID_VI not in body


def test_masking_names_after_the_page_was_kept_masks_them(client, certificate, issuer):
    assert "Hồng Nhung" in page(client, certificate).content.decode()
    issuer.mask_holder_names = True
    issuer.save()
    body = page(client, certificate).content.decode()
    assert "Nguyễn T. H. N." in body and "Hồng Nhung" not in body


def test_language_and_easy_mode_have_their_own_pages(client, certificate):
    assert VALID_VI in page(client, certificate).content.decode()
    english = Client()
    english.cookies["django_language"] = "en"
    assert "This certificate is valid." in page(english, certificate).content.decode()
    easy = Client()
    easy.cookies[EASY_COOKIE] = "1"
    assert 'class="easy-mode"' in page(easy, certificate).content.decode()
    assert 'class="easy-mode"' not in page(client, certificate).content.decode()


def test_a_signed_in_visitor_sees_their_own_menu(client, certificate, learner):
    assert "/accounts/login/" in page(client, certificate).content.decode()
    signed_in = Client()
    signed_in.force_login(learner)
    body = page(signed_in, certificate).content.decode()
    assert "/accounts/logout/" in body
    assert VALID_VI in body


def test_the_rate_limit_still_answers_a_kept_page(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_LIMIT = 2
    assert page(client, certificate).status_code == 200
    for _ in range(2):
        assert client.get(f"/certificates/verify/{codes.new_code()}/").status_code == 404
    limited = page(client, certificate)
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1
    # another address has its own counter and still gets the kept page
    assert page(client, certificate, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_next_field_names_the_path_asked_for(client, certificate):
    assert page(client, certificate).status_code == 200
    response = client.get(f"/certificates/verify/{certificate.code}/", {"utm_source": "qr"})
    assert f"/certificates/verify/{certificate.code}/?utm_source=qr" in response.content.decode()


def test_the_rate_limit_answers_from_a_cache_of_its_own_too(client, certificate, settings):
    settings.CACHES = {
        **settings.CACHES,
        "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.RATELIMIT_USE_CACHE = "counters"
    settings.CERTIFICATE_VERIFY_LIMIT = 1
    assert page(client, certificate).status_code == 200
    assert client.get(f"/certificates/verify/{codes.new_code()}/").status_code == 404
    assert page(client, certificate).status_code == 429


def test_a_kept_visit_reads_the_row_as_values_and_builds_no_model(client, certificate):
    """The kept page's key comes from the row's values: a repeat visit runs one
    query and builds no Certificate, framework, unit or issuer object (the ORM
    compiling the four-table query and building the objects was most of its cost)."""
    from django.db import connection
    from django.db.models.signals import post_init
    from django.test.utils import CaptureQueriesContext

    page(client, certificate)
    built = []

    def count(sender, **_kwargs):
        built.append(sender.__name__)

    post_init.connect(count)
    try:
        with CaptureQueriesContext(connection) as queries:
            again = page(Client(), certificate)
    finally:
        post_init.disconnect(count)
    assert again.status_code == 200 and VALID_VI in again.content.decode()
    assert len(queries) == 1
    assert built == []


def _without_tokens(body: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def test_the_framework_texts_the_page_never_shows_leave_the_kept_page_kept(client, certificate):
    """Most of the row is the framework's sources, notes and guidance (some 7 kB
    of 9): the page shows none of them, so a visit neither reads nor hashes them."""
    assert VALID_VI in page(client, certificate).content.decode()
    FrameworkVersion.objects.filter(pk=certificate.framework_id).update(
        **{name: "" for name in verify_page.UNSHOWN_FRAMEWORK_FIELDS if name != "sources"},
        sources=[{"url": "https://example.org/changed"}],
    )
    kept = []
    assert hashes_while(lambda: kept.append(page(Client(), certificate))) == 0
    assert VALID_VI in kept[0].content.decode()


@pytest.mark.parametrize("cookies", [{}, {"django_language": "en"}, {EASY_COOKIE: "1"}])
def test_the_framework_columns_left_out_of_the_kept_page_are_not_on_it(certificate, cookies):
    """What keeps the previous test honest: the page rendered afresh is the same
    whatever those columns hold (show one of them, and take it out of the list)."""
    visitor = Client()
    for name, value in cookies.items():
        visitor.cookies[name] = value

    def rendered() -> str:
        cache.clear()
        return _without_tokens(page(visitor, certificate).content.decode())

    before = rendered()
    for name in verify_page.UNSHOWN_FRAMEWORK_FIELDS:
        value = [{"url": "https://example.org/x", "note": "X"}] if name == "sources" else "X9X"
        FrameworkVersion.objects.filter(pk=certificate.framework_id).update(**{name: value})
    assert rendered() == before
