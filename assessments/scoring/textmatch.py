"""Comparing typed answers with accepted texts, Vietnamese-aware."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lms.text import fold_case, strip_diacritics

_WHITESPACE = re.compile(r"\s+")
_WILDCARD_PLACEHOLDER = "\x00"


def fold(text: str, *, case_sensitive: bool, ignore_diacritics: bool) -> str:
    """The comparable form of ``text``.

    Always NFC-normalised, because Vietnamese keyboards produce both precomposed
    and combining forms of the same letter.
    """
    folded = unicodedata.normalize("NFC", text)
    if ignore_diacritics:
        folded = strip_diacritics(folded)
    if not case_sensitive:
        folded = fold_case(folded)
    # Runs of whitespace become one space but the ends stay: wildcard segments
    # are trimmed by compile_pattern, exact answers by the caller.
    return _WHITESPACE.sub(" ", folded)


@lru_cache(maxsize=4096)
def compile_pattern(text: str, case_sensitive: bool, ignore_diacritics: bool) -> tuple[str, ...]:
    """Split an accepted answer on its unescaped ``*`` wildcards into folded segments.

    One segment means an exact comparison. Cached: the same accepted answers are
    compared with many responses.
    """
    literal = text.replace("\\*", _WILDCARD_PLACEHOLDER)
    segments = literal.split("*")
    folded = [
        fold(segment, case_sensitive=case_sensitive, ignore_diacritics=ignore_diacritics)
        for segment in segments
    ]
    folded[0] = folded[0].lstrip()
    folded[-1] = folded[-1].rstrip()
    return tuple(segment.replace(_WILDCARD_PLACEHOLDER, "*") for segment in folded)


def matches_pattern(folded_response: str, segments: tuple[str, ...]) -> bool:
    """Whether a folded response fits the segments of ``compile_pattern``.

    Greedy left-to-right search is exact for patterns whose only wildcard is ``*``,
    and runs in linear time (no regular expressions built from user text).
    """
    if len(segments) == 1:
        return folded_response == segments[0]
    first, last = segments[0], segments[-1]
    if len(folded_response) < len(first) + len(last):
        return False
    if not (folded_response.startswith(first) and folded_response.endswith(last)):
        return False
    position = len(first)
    end = len(folded_response) - len(last)
    for middle in segments[1:-1]:
        found = folded_response.find(middle, position, end)
        if found < 0:
            return False
        position = found + len(middle)
    return True
