"""Vietnamese text folding: the one place that strips marks, folds case and builds
search keys and slugs. Pure functions, used by scoring, live names, units, the
library search and the staff searches.

Unicode decomposition splits "ệ" into "e" plus marks, but "đ" is a letter of its
own with no decomposition, so it is mapped to "d" by hand. Vietnamese keyboards
send both precomposed (NFC) and combining (NFD) forms of the same letter: every
function here gives the same result for both."""

from __future__ import annotations

import re
import unicodedata

_D_WITH_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_WHITESPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")


def _without_marks(decomposed: str) -> str:
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_diacritics(text: str) -> str:
    """``"Cổng dịch vụ công" -> "Cong dich vu cong"``, ``"Đường" -> "Duong"``.

    Case, spacing and punctuation are kept; the result is NFC."""
    bare = _without_marks(unicodedata.normalize("NFD", text or ""))
    return unicodedata.normalize("NFC", bare.translate(_D_WITH_STROKE))


def fold_case(text: str) -> str:
    """NFC then casefold: two spellings that read the same compare equal."""
    return unicodedata.normalize("NFC", text or "").casefold()


def squash_whitespace(text: str) -> str:
    """Every run of whitespace becomes one space; the ends are trimmed."""
    return _WHITESPACE.sub(" ", text or "").strip()


def search_key(text: str) -> str:
    """The form stored and queried by accent-insensitive searches.

    ``"Đăng ký, đổi mật khẩu!" -> "dang ky doi mat khau"``: marks stripped, đ→d,
    case folded, compatibility forms unified (full-width digits, ligatures), every
    run of punctuation or spaces one space."""
    compat = unicodedata.normalize("NFKD", (text or "").translate(_D_WITH_STROKE))
    folded = unicodedata.normalize("NFKD", _without_marks(compat).casefold())
    return " ".join(_NON_WORD.sub(" ", _without_marks(folded)).split())


def slugify(text: str, max_length: int = 255, separator: str = "-") -> str:
    """``"Hướng dẫn kích hoạt VNeID mức 2" -> "huong-dan-kich-hoat-vneid-muc-2"``.

    ASCII letters and digits only; what has no ASCII form is dropped."""
    ascii_only = search_key(text).encode("ascii", "ignore").decode()
    return separator.join(ascii_only.split())[:max_length].strip(separator)


def digits(text: str) -> str:
    """Only the ASCII digits of ``text``: "0987 654 321" -> "0987654321"."""
    return "".join(ch for ch in text or "" if "0" <= ch <= "9")
