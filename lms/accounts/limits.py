"""Rate limits on the account pages that answer strangers: password reset by
email, reset-code tries and sign-up's "already has an account". Per address
with room for a whole hall, and per account where one is named."""

from __future__ import annotations

import math

from django.conf import settings
from django.utils.translation import gettext as _

from lms import ratelimits

from .backends import axes_identity


def _account(identifier: str) -> str:
    # The same account whichever way its phone number is typed.
    return axes_identity(None, {"username": identifier})


def minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


def password_reset_wait(request, email: str) -> int | None:
    """Counts one reset e-mail request; seconds to wait when over a limit."""
    return ratelimits.take(
        "password-reset-address",
        ratelimits.by_address(request),
        settings.PASSWORD_RESET_RATE_PER_ADDRESS,
    ) or ratelimits.take(
        "password-reset-account",
        (email or "").strip().lower(),
        settings.PASSWORD_RESET_RATE_PER_ACCOUNT,
    )


def reset_code_wait(request, identifier: str) -> int | None:
    """Seconds to wait when this address or this account has had too many wrong codes."""
    return ratelimits.reached(
        "reset-code-address",
        ratelimits.by_address(request),
        settings.RESET_CODE_FAILURE_RATE_PER_ADDRESS,
    ) or ratelimits.reached(
        "reset-code-account", _account(identifier), settings.RESET_CODE_FAILURE_RATE_PER_ACCOUNT
    )


def note_wrong_reset_code(request, identifier: str) -> None:
    ratelimits.count(
        "reset-code-address",
        ratelimits.by_address(request),
        settings.RESET_CODE_FAILURE_RATE_PER_ADDRESS,
    )
    ratelimits.count(
        "reset-code-account", _account(identifier), settings.RESET_CODE_FAILURE_RATE_PER_ACCOUNT
    )


def signup_wait(request) -> int | None:
    """Seconds to wait when this address has been told "already has an account"
    too often: past that, it learns nothing more about who has an account."""
    return ratelimits.reached(
        "signup-taken", ratelimits.by_address(request), settings.SIGNUP_TAKEN_RATE_PER_ADDRESS
    )


def note_signup_taken(request) -> None:
    ratelimits.count(
        "signup-taken", ratelimits.by_address(request), settings.SIGNUP_TAKEN_RATE_PER_ADDRESS
    )


def message(kind: str, wait: int) -> str:
    texts = {
        "password_reset": _("Too many password reset requests. Try again in %(minutes)s minutes."),
        "reset_code": _(
            "Too many wrong codes. Try again in %(minutes)s minutes, or ask your unit manager."
        ),
        "signup": _(
            "Too many sign-up attempts from this network. Try again in %(minutes)s minutes."
        ),
    }
    return texts[kind] % {"minutes": minutes(wait)}
