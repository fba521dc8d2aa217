"""Verification codes printed on certificates.

A code is 10 characters: 9 random ones and a check character, printed as
``ABCDE-FGHJK``. People copy it from paper into a phone, so:

* The alphabet leaves out the characters that are read or typed one for the
  other: ``0``/``O``, ``1``/``I``/``L``. What remains is the 8 digits ``2``–``9``
  and 23 letters, 31 characters in all. 31 is prime, which is what makes the
  check character strong (below). Nothing else is removed: with the certificate
  font, ``5``/``S``, ``2``/``Z`` and ``8``/``B`` are distinct enough, and
  removing them would cost the prime.
* The check character makes ``sum(weight_i * value_i) ≡ 0 (mod 31)`` with the
  weights 1, 2, …, 10 by position (the ISBN-10 construction over a prime
  modulus). Because 31 is prime and every weight is non-zero and distinct
  modulo 31, every single-character substitution and every transposition of two
  characters (adjacent or not) changes the sum, so such a typo is rejected
  before any database query.
* 9 random characters give 31**9 ≈ 2.6·10**13 codes (about 44.6 bits): with
  rate-limited verification, guessing a valid code is not practical.

``normalize`` forgives what people do when typing: lower case, spaces, dashes
of any kind, full-width characters from phone keyboards. It does not guess at
look-alikes: ``O``, ``0``, ``I``, ``1`` and ``L`` never occur in a code, and
mapping them to some other character would turn a typo into a different,
possibly valid, code. They are left in place, so the code is rejected.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from typing import Protocol

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MODULUS = len(ALPHABET)  # 31, prime
PAYLOAD_LENGTH = 9
CODE_LENGTH = PAYLOAD_LENGTH + 1
WEIGHTS = tuple(range(1, CODE_LENGTH + 1))

_VALUES = {character: value for value, character in enumerate(ALPHABET)}
# Separators people put in or copy along: whitespace and every kind of dash.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−_.·]+")


class _Chooser(Protocol):
    def choice(self, seq: str) -> str: ...


def check_character(payload: str) -> str:
    """The character that completes ``payload`` (9 characters) to a valid code."""
    if len(payload) != PAYLOAD_LENGTH or any(c not in _VALUES for c in payload):
        raise ValueError(f"payload must be {PAYLOAD_LENGTH} characters from {ALPHABET!r}")
    partial = sum(w * _VALUES[c] for w, c in zip(WEIGHTS, payload, strict=False))
    last_weight = WEIGHTS[-1]
    # Solve last_weight * x ≡ -partial (mod 31); 31 is prime so the inverse exists.
    value = (-partial * pow(last_weight, -1, MODULUS)) % MODULUS
    return ALPHABET[value]


def new_code(rng: _Chooser = secrets) -> str:
    """A fresh random code in canonical form (no separator).

    ``rng`` is anything with ``choice``: the ``secrets`` module in production,
    a seeded ``random.Random`` in tests. Uniqueness is the database's job.
    """
    payload = "".join(rng.choice(ALPHABET) for _ in range(PAYLOAD_LENGTH))
    return payload + check_character(payload)


def is_well_formed(text: str) -> bool:
    """Whether ``text`` is a code in canonical form with a correct check character.

    Call ``normalize`` first on what a person typed.
    """
    if not isinstance(text, str) or len(text) != CODE_LENGTH:
        return False
    if any(c not in _VALUES for c in text):
        return False
    return sum(w * _VALUES[c] for w, c in zip(WEIGHTS, text, strict=True)) % MODULUS == 0


def normalize(text: str) -> str:
    """What a person typed, in canonical form: full-width characters folded
    (NFKC), separators removed, upper case. The result may still be malformed;
    check it with ``is_well_formed``."""
    folded = unicodedata.normalize("NFKC", text)
    return _SEPARATORS.sub("", folded).upper()


def format_for_print(code: str) -> str:
    """``ABCDEFGHJK`` → ``ABCDE-FGHJK``: two groups of five are easier to copy."""
    if not is_well_formed(code):
        raise ValueError(f"not a well-formed verification code: {code!r}")
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"
