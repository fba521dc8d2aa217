"""URL slugs for the library pages: thin wrappers over lms.text, kept here for the
page models and the admin slug check."""

import unicodedata

from lms.text import search_key, slugify

# Wagtail's admin slug script follows the Serbian custom, đ → "dj".
_DJ_MAP = str.maketrans({"đ": "dj", "Đ": "Dj"})


def slugify_vi(text: str, max_length: int = 255) -> str:
    """ "Hướng dẫn kích hoạt VNeID mức 2" → "huong-dan-kich-hoat-vneid-muc-2"."""
    return slugify(text, max_length=max_length)


_VI_BASES = "aăâeêioôơuưy"
_VI_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng


def vietnamese_letters() -> list[str]:
    """Every letter of the Vietnamese alphabet with its marks, both cases, composed."""
    letters = [
        unicodedata.normalize("NFC", base + tone) for base in _VI_BASES for tone in _VI_TONES
    ]
    letters = [*letters, "đ"]
    return sorted({*letters, *(letter.upper() for letter in letters)})


def slug_formatters() -> list[tuple[str, str]]:
    """The folding of `slugify_vi` as regex replacements for the admin's slug
    field (Wagtail's SlugInput `formatters`), so the slug the editor sees while
    typing the title is the one the server would make: "Gọi cấp cứu" → "goi-cap-cuu".
    Wagtail's own transliteration drops letters with two marks (ấ, ọ) and writes
    đ as "dj"; these replacements run before it."""
    by_plain: dict[str, list[str]] = {}
    for letter in vietnamese_letters():
        plain = search_key(letter)
        if plain != letter:
            by_plain.setdefault(plain, []).append(letter)
    formatters = [(f"[{''.join(letters)}]", plain) for plain, letters in sorted(by_plain.items())]
    # Text typed with combining marks (decomposed): drop the marks themselves.
    formatters.append(("[\u0300-\u036f]", ""))
    return formatters


def is_admin_autoslug(slug: str, title: str) -> bool:
    """Did Wagtail's admin script make this slug from the title (đ → "dj")?"""
    return "dj" in slug and slug == slugify_vi((title or "").translate(_DJ_MAP))
