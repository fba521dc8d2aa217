"""The visitor's masked CSRF token, as Django's ``get_token`` makes it, in a
few calls instead of some 400-800.

Django draws each of the mask's (and a new secret's) 32 characters with its
own ``secrets.choice``; a signed-in learner's page pays that on every request
for the sign-out form. Here the characters come from one ``token_bytes`` read,
by rejection sampling (uniform over the 62 allowed characters, like Django's),
and the token is the same: the mask, then the secret shifted by it, which
``CsrfViewMiddleware`` unmasks. The contract with the middleware is Django's:
the secret in ``request.META["CSRF_COOKIE"]`` (a new one when the visitor has
none), and ``CSRF_COOKIE_NEEDS_UPDATE`` so the response sets or renews it."""

from __future__ import annotations

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.functional import SimpleLazyObject

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
