"""Absolute addresses and printed labels every certificate module shares."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lms.audiences import Audience


def absolute_url(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def verify_url(code: str) -> str:
    return absolute_url(reverse("certificates:verify", kwargs={"code": code}))


def audience_label(audience: str) -> str:
    """The audience as printed on certificates: always in Vietnamese."""
    with translation.override("vi"):
        try:
            return str(Audience(audience).label)
        except ValueError:
            return audience
