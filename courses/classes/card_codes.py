"""Login card codes. Pure. A code is a 4-character lookup (stored as it is, to
find the card) and an 8-character secret (stored as a keyed hash), printed as
``ABCD-EFGH-JKMN`` from an alphabet without 0/O, 1/I/L: 31⁸ ≈ 8.5·10¹¹ secrets
per card, and wrong guesses are rate-limited per card."""

from __future__ import annotations

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LOOKUP_LENGTH = 4
SECRET_LENGTH = 8
_HASH_SALT = "courses.login-card"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(LOOKUP_LENGTH + SECRET_LENGTH))


def normalize(text: str) -> str:
    """What people type or a QR gives: case, spaces and dashes do not matter."""
    text = (text or "").upper()
    return "".join(ch for ch in text if ch.isalnum())


def split(code: str) -> tuple[str, str] | None:
    """(lookup, secret) of a well-formed code, else None."""
    code = normalize(code)
    if len(code) != LOOKUP_LENGTH + SECRET_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code[:LOOKUP_LENGTH], code[LOOKUP_LENGTH:]


def printed(code: str) -> str:
    code = normalize(code)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def hash_secret(secret: str) -> str:
    # Keyed by SECRET_KEY: a copy of the database alone does not let anyone try secrets.
    return salted_hmac(_HASH_SALT, secret, algorithm="sha256").hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return constant_time_compare(hash_secret(secret), stored_hash)
