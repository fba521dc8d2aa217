"""URL slugs for the library pages: thin wrappers over lms.text, kept here for the
page models and the admin slug check."""

from lms.text import slugify

# Wagtail's admin slug script follows the Serbian custom, đ → "dj".
_DJ_MAP = str.maketrans({"đ": "dj", "Đ": "Dj"})


def slugify_vi(text: str, max_length: int = 255) -> str:
    """ "Hướng dẫn kích hoạt VNeID mức 2" → "huong-dan-kich-hoat-vneid-muc-2"."""
    return slugify(text, max_length=max_length)


def is_admin_autoslug(slug: str, title: str) -> bool:
    """Did Wagtail's admin script make this slug from the title (đ → "dj")?"""
    return "dj" in slug and slug == slugify_vi((title or "").translate(_DJ_MAP))
