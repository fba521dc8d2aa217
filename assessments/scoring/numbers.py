"""Reading numbers typed by learners, in Vietnamese or English notation."""

from __future__ import annotations

import math
import re
import unicodedata

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Longer input is not a number anyone typed; refusing it early bounds the work.
_MAX_LENGTH = 64
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})


def parse_number(raw: object) -> float | None:
    """A finite float from a response, or None when it is not a number.

    Vietnamese writes "3,5" for 3.5 and "1.000.000" for a million, so:
    a single comma is a decimal comma; with both "." and "," the later one is the
    decimal separator; repeated separators of one kind group thousands; spaces
    are ignored ("1 000,5").
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        try:
            value = float(raw)
        except OverflowError:  # an int too large for a float
            return None
        return value if math.isfinite(value) else None
    if not isinstance(raw, str) or len(raw) > _MAX_LENGTH:
        return None
    text = unicodedata.normalize("NFKC", raw).translate(_MINUS_SIGNS)
    text = "".join(text.split())
    text = _to_decimal_point(text)
    if not _PLAIN_NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _to_decimal_point(text: str) -> str:
    commas, points = text.count(","), text.count(".")
    if commas and points:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if commas == 1:
        return text.replace(",", ".")
    if commas > 1:
        return text.replace(",", "")
    if points > 1:
        return text.replace(".", "")
    return text
