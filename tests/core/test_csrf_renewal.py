"""When a response sets the CSRF cookie again (lms/core/csrf_token.py).

Django sets it on every response whose page used the token, only to push its
expiry a year on. For a signed-in learner the session cookie (30 days) is what
decides how long they stay signed in, so the CSRF cookie is renewed along with
it, and otherwise only when it is new, rotated (sign-in), not in its plain form,
or the visitor is anonymous (Django's behaviour, kept)."""

import re

import pytest
from django.conf import settings
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COOKIE = settings.CSRF_COOKIE_NAME
PAGE = "/accounts/login/"  # the frame's forms, and the sign-in form for anonymous visitors


def _signed_in(make_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user())
    return client


def test_a_signed_in_learner_gets_the_cookie_once_and_its_token_still_validates(make_user):
    client = _signed_in(make_user)
    first = client.get(reverse("accounts:dashboard"))
    assert first.status_code == 200
    assert COOKIE in first.cookies  # a new secret: set
    secret = client.cookies[COOKIE].value
    again = client.get(reverse("accounts:dashboard"))
    assert TOKEN.search(again.content.decode())
    assert COOKIE not in again.cookies  # unchanged, and the session cookie is not renewed either
    token = TOKEN.findall(again.content.decode())[0]
    assert _unmask_cipher_token(token) == secret
    posted = client.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})
    assert posted.status_code == 302


def test_signing_in_still_rotates_the_cookie(make_user):
    user = make_user(password="mat-khau-dai-123")
    client = Client(enforce_csrf_checks=True)
    page = client.get(PAGE)
    before = client.cookies[COOKIE].value
    token = TOKEN.findall(page.content.decode())[0]
    signed_in = client.post(
        PAGE,
        {"username": user.username, "password": "mat-khau-dai-123", "csrfmiddlewaretoken": token},
    )
    assert signed_in.status_code == 302
    assert COOKIE in signed_in.cookies
    assert client.cookies[COOKIE].value != before


def test_an_anonymous_visitor_has_it_renewed_on_every_page_as_django_does():
    client = Client(enforce_csrf_checks=True)
    assert COOKIE in client.get(PAGE).cookies
    renewed = client.get(PAGE)
    assert COOKIE in renewed.cookies
    assert renewed.cookies[COOKIE]["max-age"] == settings.CSRF_COOKIE_AGE


def test_it_is_renewed_with_the_session_cookie(make_user, monkeypatch):
    client = _signed_in(make_user)
    client.get(reverse("accounts:dashboard"))
    from django.contrib.sessions.backends.base import SessionBase

    real = SessionBase.__getitem__

    def touched(session, key):  # any view that writes the session: its cookie is set again
        session.modified = True
        return real(session, key)

    monkeypatch.setattr(SessionBase, "__getitem__", touched)
    saved = client.get(reverse("accounts:dashboard"))
    assert settings.SESSION_COOKIE_NAME in saved.cookies
    assert COOKIE in saved.cookies


def test_a_cookie_in_the_old_masked_form_is_replaced_by_the_secret(make_user):
    client = _signed_in(make_user)
    client.get(reverse("accounts:dashboard"))
    secret = client.cookies[COOKIE].value
    masked = TOKEN.findall(client.get(reverse("accounts:dashboard")).content.decode())[0]
    client.cookies[COOKIE] = masked  # what Django before 4.1 stored
    replaced = client.get(reverse("accounts:dashboard"))
    assert replaced.cookies[COOKIE].value == secret
