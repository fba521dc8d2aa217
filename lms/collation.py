"""Vietnamese alphabetical order, as a pure sort key (no ICU system library).

Vietnamese sorts letters in its own alphabet, a ă â b c d đ e ê g h i k l m n
o ô ơ p q r s t u ư v x y (f j w z, foreign, take their Latin places), so a
plain code-point sort puts "Đà Nẵng" after "Yên Bái" and "Ă" after "Z". Tone
marks only break ties, in dictionary order: none, huyền (à), hỏi (ả), ngã (ã),
sắc (á), nặng (ạ). Case breaks ties after tones.

``unit_sort_key`` also drops the kind a unit's name starts with ("Thành phố",
"Tỉnh", "Phường"…), so "Thành phố Hà Nội" sorts under H.
"""

from __future__ import annotations

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Marks that make a letter of their own (ă â ê ô ơ ư), as opposed to tones.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Character classes, in order: separators, digits, letters, anything else.
_SEPARATOR, _DIGIT, _LETTER, _OTHER = range(4)

# The kinds unit names start with (official names of the 2025 structure and
# local villages), longest first so "Thành phố" wins over a shorter match.
UNIT_KIND_PREFIXES = tuple(
    sorted(
        (
            "Thành phố",
            "Tỉnh",
            "Phường",
            "Xã",
            "Đặc khu",
            "Thị trấn",
            "Tổ dân phố",
            "Khu phố",
            "Thôn",
            "Bản",
            "Ấp",
            "Buôn",
            "Làng",
            "Xóm",
            "Khóm",
            "Sóc",
            "Tổ",
        ),
        key=len,
        reverse=True,
    )
)


def _letter_and_tone(char: str) -> tuple[str, int]:
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
    tone = next((_TONE_RANK[m] for m in marks if m in _TONE_RANK), 0)
    return letter, tone


def _primary(letter: str) -> tuple[int, int]:
    lower = letter.lower()
    if lower in _LETTER_RANK:
        return (_LETTER, _LETTER_RANK[lower])
    if lower.isspace() or lower in "-–,.()/":
        return (_SEPARATOR, 0)
    return (_OTHER, ord(lower))


def vietnamese_sort_key(text: str) -> tuple:
    """A key that sorts ``text`` in Vietnamese dictionary order: by letters of
    the Vietnamese alphabet first (numbers by value), then tones, then case, then
    the exact text
    (so two different texts never compare equal)."""
    normalized = unicodedata.normalize("NFC", text)
    primary, tones, cases = [], [], []
    index = 0
    while index < len(normalized):
        char = normalized[index]
        if char.isdecimal():
            # A run of digits is one number: "Tổ 2" before "Tổ 10".
            end = index
            while end < len(normalized) and normalized[end].isdecimal():
                end += 1
            primary.append((_DIGIT, int(normalized[index:end])))
            tones.append(0)
            cases.append(0)
            index = end
            continue
        if unicodedata.combining(char) and primary:
            # A mark NFC could not compose with its letter ("b" + huyền): it
            # belongs to that letter, as a tone at most, never a letter of its own.
            if char in _TONE_RANK and not tones[-1]:
                tones[-1] = _TONE_RANK[char]
            index += 1
            continue
        letter, tone = _letter_and_tone(char)
        primary.append(_primary(letter))
        tones.append(tone)
        cases.append(0 if letter == letter.lower() else 1)
        index += 1
    return (tuple(primary), tuple(tones), tuple(cases), normalized)


def without_kind(name: str) -> str:
    """``name`` without the unit kind it starts with ("Thành phố Hà Nội" → "Hà Nội")."""
    normalized = unicodedata.normalize("NFC", name).strip()
    folded = normalized.casefold()
    for prefix in UNIT_KIND_PREFIXES:
        if folded.startswith(prefix.casefold() + " ") and len(normalized) > len(prefix) + 1:
            return normalized[len(prefix) + 1 :].lstrip()
    return normalized


def unit_sort_key(name: str) -> tuple:
    """Sort units by their proper name ("Hà Nội"), then by the full name."""
    return (vietnamese_sort_key(without_kind(name)), vietnamese_sort_key(name))
