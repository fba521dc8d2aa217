"""The visitor's masked CSRF token, as Django's ``get_token`` makes it, in a
few calls instead of some 400-800.

Django draws each of the mask's (and a new secret's) 32 characters with its
own ``secrets.choice``; a signed-in learner's page pays that on every request
for the sign-out form. Here the characters come from one ``token_bytes`` read,
by rejection sampling (uniform over the 62 allowed characters, like Django's),
and the token is the same: the mask, then the secret shifted by it, which
``CsrfViewMiddleware`` unmasks. The contract with the middleware is Django's:
the secret in ``request.META["CSRF_COOKIE"]`` (a new one when the visitor has
none), and ``CSRF_COOKIE_NEEDS_UPDATE`` so the response sets it.

Django also sets an unchanged cookie again on every page that used the token,
only to push its expiry (a year) on: some 65 Python calls and a header per
page. Here it is renewed only when that can matter (``renewal_needed``,
``CsrfRenewalMiddleware``)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.middleware import csrf
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.functional import LazyObject, SimpleLazyObject, empty

# Set where Django's get_token would renew an unchanged cookie; the middleware decides.
RENEW = "HVS_CSRF_RENEW"

_COUNT = len(CSRF_ALLOWED_CHARS)
_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
# Bytes below this map to the characters evenly (248 = 4 × 62); the rest are drawn again.
_EVEN_BELOW = 256 - 256 % _COUNT


def _random_indices(length: int) -> list[int]:
    picked: list[int] = []
    while len(picked) < length:
        picked += [byte % _COUNT for byte in secrets.token_bytes(length + 8) if byte < _EVEN_BELOW]
    return picked[:length]


def masked_token(request) -> str:
    meta = request.META
    secret = meta.get("CSRF_COOKIE")
    if secret is None:
        secret = "".join([CSRF_ALLOWED_CHARS[i] for i in _random_indices(CSRF_SECRET_LENGTH)])
        meta["CSRF_COOKIE"] = secret
        meta["CSRF_COOKIE_NEEDS_UPDATE"] = True
    else:
        meta[RENEW] = True
    mask = _random_indices(CSRF_SECRET_LENGTH)
    shifted = [
        CSRF_ALLOWED_CHARS[(_INDEX[char] + offset) % _COUNT]
        for char, offset in zip(secret, mask, strict=True)
    ]
    return "".join([CSRF_ALLOWED_CHARS[i] for i in mask] + shifted)


def context(request) -> dict:
    """Template context processor, listed after Django's built-in ``csrf`` one,
    whose lazy value it replaces: ``{% csrf_token %}`` works as before."""
    return {"csrf_token": SimpleLazyObject(lambda: masked_token(request))}


class CsrfRenewalMiddleware:
    """Listed right after Django's ``CsrfViewMiddleware`` (which stays in the
    list, where Django's deploy check looks for it): on the way out, before
    Django's, it asks for the unchanged cookie to be set again when
    ``renewal_needed``. Django's then sets it, as it does a new or rotated one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        mark_renewal(request)
        return response


class CsrfViewMiddleware(csrf.CsrfViewMiddleware):
    """Django's with the renewal decided here: for the pages answered before
    the middleware list reaches Django's (the page cache, the verify page)."""

    def process_response(self, request, response):
        mark_renewal(request)
        return super().process_response(request, response)


def mark_renewal(request) -> None:
    meta = request.META
    if not meta.get("CSRF_COOKIE_NEEDS_UPDATE") and renewal_needed(request):
        meta["CSRF_COOKIE_NEEDS_UPDATE"] = True


def renewal_needed(request) -> bool:
    """Whether this response should set the visitor's unchanged CSRF cookie again.

    A signed-in visitor stays signed in as long as the session cookie lives (a
    month, pushed on whenever the session is saved); renewing the CSRF cookie
    (a year) whenever the session cookie is set keeps it alive longer than the
    session, so a form shown to a signed-in visitor never outlives its cookie.
    An anonymous visitor has no such bound: their cookie is renewed on every
    page that uses the token, as Django does. So is a cookie in another form
    than the secret (the masked form Django stored before 4.1), and every
    cookie where the settings change the picture (sessions holding the secret,
    sessions saved on every request, a CSRF cookie shorter-lived than the session's)."""
    meta = request.META
    if "CSRF_COOKIE" not in meta:
        return False  # no secret in this request: nothing to renew
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return True  # the session cookie is set again: the CSRF cookie with it
    if not meta.get(RENEW):
        return False  # the page did not use the token: Django would not renew either
    age = settings.CSRF_COOKIE_AGE
    return (
        session is None
        or not _signed_in(request)
        or request.COOKIES.get(settings.CSRF_COOKIE_NAME) != meta["CSRF_COOKIE"]
        or settings.CSRF_USE_SESSIONS
        or settings.SESSION_SAVE_EVERY_REQUEST
        or (age is not None and age < settings.SESSION_COOKIE_AGE)
    )


def _signed_in(request) -> bool:
    """Without loading the user when the request has not: not loaded is not known."""
    user = request.__dict__.get("user")
    if isinstance(user, LazyObject):
        user = user._wrapped
        if user is empty:
            return False
    return user is not None and user.is_authenticated
