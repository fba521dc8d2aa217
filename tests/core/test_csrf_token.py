"""The masked CSRF token of lms/core/csrf_token.py (what ``{% csrf_token %}``
renders): Django's middleware accepts it, each render masks the visitor's own
secret afresh, and a visitor without the cookie gets one."""

import re

import pytest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client, RequestFactory

from lms.core.csrf_token import masked_token

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _tokens(client, path="/accounts/login/") -> list[str]:
    body = client.get(path).content.decode()
    found = TOKEN.findall(body)
    assert found
    return found


def test_the_rendered_token_is_accepted_and_a_made_up_one_refused():
    client = Client(enforce_csrf_checks=True)
    token = _tokens(client)[0]
    assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
    made_up = "a" * 64
    refused = client.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": made_up})
    assert refused.status_code == 403
    accepted = client.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302


def test_each_render_masks_the_visitors_own_secret_afresh():
    client = Client(enforce_csrf_checks=True)
    first = _tokens(client)[0]
    secret = client.cookies["csrftoken"].value
    second = _tokens(client)[0]
    assert first != second
    assert _unmask_cipher_token(first) == _unmask_cipher_token(second) == secret
    other = Client(enforce_csrf_checks=True)
    assert _unmask_cipher_token(_tokens(other)[0]) != secret


def test_a_visitor_without_the_cookie_gets_a_new_secret_set_on_the_response():
    request = RequestFactory().get("/")
    token = masked_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    assert _unmask_cipher_token(token) == secret
    assert masked_token(request) != token  # a new mask, the same secret
    assert request.META["CSRF_COOKIE"] == secret


def test_mask_characters_are_spread_over_all_allowed_characters():
    request = RequestFactory().get("/")
    seen = {char for _ in range(200) for char in masked_token(request)[:32]}
    assert seen == set(CSRF_ALLOWED_CHARS)
