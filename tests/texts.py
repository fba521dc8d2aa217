"""Helpers for tests that read what a person is told."""

from django.utils import translation


def in_vietnamese(message) -> str:
    """``message`` (a lazy translation) as the Vietnamese UI shows it; fails when
    the catalogue has no Vietnamese for it."""
    with translation.override("vi"):
        text = str(message)
    with translation.override("en"):
        assert text != str(message), f"no Vietnamese for {message!r}"
    return text
