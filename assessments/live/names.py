"""Display names: cleaning, the uniqueness key and the offensive-word filter.

The filter list is the LIVE_BLOCKED_NAME_WORDS setting. An entry written with
Vietnamese marks matches only a word spelt with those marks ("lồn" does not
block "Lớn"); an entry written in plain ASCII also matches names typed without
marks ("dit me" blocks "Địt mẹ" and "dit me"). Entries of several words match
consecutive words of the name; the name is also checked with its spaces and
punctuation removed, so "đ.m" and "v c l" do not get through."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings

from lms.text import fold_case, strip_diacritics

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W_]+")
_FORBIDDEN = re.compile(r"[<>&\"'`{}\\]")


class NameError_(ValueError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


def clean_display_name(raw: object) -> str:
    """The name as it will be shown, or NameError_ with a code:
    ``empty``, ``too_long``, ``markup``, ``control``, ``offensive``."""
    if not isinstance(raw, str):
        raise NameError_("empty")
    name = unicodedata.normalize("NFC", _SPACES.sub(" ", raw)).strip()
    if not name:
        raise NameError_("empty")
    if len(name) > settings.LIVE_NAME_MAX_LENGTH:
        raise NameError_("too_long")
    if _FORBIDDEN.search(name):
        raise NameError_("markup")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise NameError_("control")
    if is_offensive(name):
        raise NameError_("offensive")
    return name


def name_key(name: str) -> str:
    """Two names that read the same on a projector get the same key."""
    return fold_case(name)[:60]


def _phrases(words: list[str], size: int) -> set[str]:
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def is_offensive(name: str, blocked: list[str] | None = None) -> bool:
    blocked = settings.LIVE_BLOCKED_NAME_WORDS if blocked is None else blocked
    lowered = unicodedata.normalize("NFC", name).lower()
    words = _WORDS.findall(lowered)
    plain_words = _WORDS.findall(strip_diacritics(lowered))
    squashed = "".join(words)
    plain_squashed = "".join(plain_words)
    for entry in blocked:
        entry = unicodedata.normalize("NFC", entry).lower().strip()
        if not entry:
            continue
        entry_words = _WORDS.findall(entry)
        ascii_entry = entry.isascii()
        pool_words = plain_words if ascii_entry else words
        if " ".join(entry_words) in _phrases(pool_words, len(entry_words)):
            return True
        joined = "".join(entry_words)
        # Squashed matching only for entries long enough not to hide inside real names.
        if (len(joined) >= 3 and len(entry_words) > 1) or len(joined) >= 4:
            haystack = plain_squashed if ascii_entry else squashed
            if joined in haystack:
                return True
        if (
            len(entry_words) == 1
            and len(joined) <= 3
            and joined == (plain_squashed if ascii_entry else squashed)
        ):
            return True
    return False
