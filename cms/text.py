"""Text normalisation for Vietnamese: search keys and URL slugs.

Unicode decomposition strips the tone and vowel marks but leaves "đ" alone (it is
a letter of its own, not "d" plus a mark), so it is mapped explicitly."""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
# Wagtail's admin slug script follows the Serbian custom, đ → "dj".
_DJ_MAP = str.maketrans({"đ": "dj", "Đ": "Dj"})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase, diacritics stripped, đ→d; punctuation becomes single spaces."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_D_MAP))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def slugify_vi(text: str, max_length: int = 255) -> str:
    """ "Hướng dẫn kích hoạt VNeID mức 2" → "huong-dan-kich-hoat-vneid-muc-2"."""
    ascii_only = fold(text).encode("ascii", "ignore").decode()
    return "-".join(ascii_only.split())[:max_length].strip("-")


def is_admin_autoslug(slug: str, title: str) -> bool:
    """Did Wagtail's admin script make this slug from the title (đ → "dj")?"""
    return "dj" in slug and slug == slugify_vi((title or "").translate(_DJ_MAP))
