"""GIFT text handling shared by the importer and the exporter: escapes, format
markers, percentage weights and numbers."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

from .html_text import HTML_FORMATS, html_to_text

# Escaped characters become Unicode noncharacters while the structure is parsed,
# so "\~" is never taken for an answer marker. Noncharacters are reserved for
# internal use and never valid in an uploaded file; any found there are replaced.
_PROTECTED = {
    "\\": "\ufdd0",
    "~": "\ufdd1",
    "=": "\ufdd2",
    "#": "\ufdd3",
    "{": "\ufdd4",
    "}": "\ufdd5",
    ":": "\ufdd6",
    "n": "\ufdd7",
}
_RESTORE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _PROTECTED.items()})
_NONCHARACTERS = str.maketrans(dict.fromkeys(range(0xFDD0, 0xFDF0), "\ufffd"))
_ESCAPE = re.compile(r"\\([\\~=#{}:n])")

FORMAT_MARKERS = {
    "[html]": "html",
    "[markdown]": "markdown",
    "[moodle]": "moodle",
    "[plain]": "plain",
}
MARKER_FOR_FORMAT = {value: key for key, value in FORMAT_MARKERS.items()}
_LONGEST_MARKER = max(len(marker) for marker in FORMAT_MARKERS)

# No exponent: "%1e999999%" must not make Fraction build a gigantic integer.
_WEIGHT = re.compile(r"[+-]?\d+(?:\.\d+)?")
_MAX_WEIGHT_LENGTH = 400
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def protect(text: str) -> str:
    """Hide escaped characters (``\\~``, ``\\=``, ...) from the structural parser."""
    text = text.translate(_NONCHARACTERS)
    return _ESCAPE.sub(lambda match: _PROTECTED[match.group(1)], text)


def restore(text: str) -> str:
    """Turn protected characters back into the literal characters they stand for."""
    return text.translate(_RESTORE)


def take_format_marker(text: str) -> tuple[str | None, str]:
    """Split a leading ``[html]``-style marker off ``text`` (already left-stripped)."""
    if text.startswith("["):
        end = text.find("]", 0, _LONGEST_MARKER)
        if end > 0:
            marker = text[: end + 1]
            if marker in FORMAT_MARKERS:
                return FORMAT_MARKERS[marker], text[end + 1 :]
    return None, text


def clean(protected: str, *, drop_marker: bool = True) -> str:
    """Final text of an answer or feedback: marker dropped, escapes restored, trimmed.

    Markers on answers and feedback are accepted but not kept: our model has one
    format per question.
    """
    text = protected.strip()
    if drop_marker:
        text = take_format_marker(text)[1].strip()
    return restore(text)


def clean_html(protected: str, question_format: str) -> str:
    """Final text of an answer or feedback that Moodle shows as HTML when its own
    marker, or else its question's format, is html or moodle: then the text a
    browser would show (see ``html_text``)."""
    marker, text = take_format_marker(protected.strip())
    text = restore(text.strip())
    return html_to_text(text) if (marker or question_format) in HTML_FORMATS else text


def parse_weight(text: str) -> float | None:
    """A fraction from a percentage such as ``50`` or ``-33.333``; None if invalid."""
    if len(text) > _MAX_WEIGHT_LENGTH or not _WEIGHT.fullmatch(text):
        return None
    percent = Fraction(text)
    if not -100 <= percent <= 100:
        return None
    # Exact decimal / 100, rounded once: "%29%" gives exactly the float 0.29.
    return float(percent / 100)


def format_weight(fraction: float) -> str:
    """The percentage that ``parse_weight`` reads back as exactly ``fraction``."""
    percent = Decimal(repr(fraction)).scaleb(2)
    text = format(percent, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def parse_gift_number(text: str) -> float | None:
    """A finite float written with a decimal point, or None."""
    text = text.strip()
    if len(text) > _MAX_WEIGHT_LENGTH or not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def format_gift_number(value: float) -> str:
    """Shortest text that reads back as exactly ``value``."""
    return repr(value)


_EXPORT_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
    }
)


def escape(text: str) -> str:
    """Escape GIFT's special characters and newlines for export."""
    return text.translate(_EXPORT_ESCAPES)
