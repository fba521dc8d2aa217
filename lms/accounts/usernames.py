"""Usernames the platform makes up for phone sign-ups. They are opaque: a
username shows up in staff lists, exports and the API, so it never carries the
person's phone number (people sign in with the number itself)."""

import re
import secrets
from collections.abc import Callable

OPAQUE_PREFIX = "hv"
# Letters only, without i/l/o: no digit, so no phone number can ever appear in one.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz"
_LENGTH = 10  # 23**10 ≈ 4e13 names: collisions are rare, and retried.
_MAX_TRIES = 20
# A Vietnamese mobile number has 9 digits after the country code or the leading 0.
_PHONE_DIGITS = 9
_DIGIT_RUN = re.compile(rf"\d{{{_PHONE_DIGITS},}}")


_OPAQUE = re.compile(rf"{OPAQUE_PREFIX}[{_ALPHABET}]{{{_LENGTH}}}")


def is_opaque_username(username: str) -> bool:
    """True when ``username`` has the shape of one ``random_username`` makes."""
    return bool(_OPAQUE.fullmatch(username or ""))


def random_username() -> str:
    return OPAQUE_PREFIX + "".join(secrets.choice(_ALPHABET) for _i in range(_LENGTH))


def new_opaque_username(is_taken: Callable[[str], bool]) -> str:
    """A fresh opaque username that ``is_taken`` says is free."""
    for _attempt in range(_MAX_TRIES):
        candidate = random_username()
        if not is_taken(candidate):
            return candidate
    raise RuntimeError("could not find a free username")  # pragma: no cover


def shows_phone_number(username: str, phone: str | None = None) -> bool:
    """True when ``username`` contains a phone number: the subscriber digits of
    ``phone`` (however prefixed) or any run of nine digits or more."""
    username = username or ""
    if phone:
        subscriber = re.sub(r"\D", "", phone)[-_PHONE_DIGITS:]
        if len(subscriber) == _PHONE_DIGITS and subscriber in username:
            return True
    return bool(_DIGIT_RUN.search(username))
