"""Public verification lookups per client address (page and API together):
CERTIFICATE_VERIFY_LIMIT per CERTIFICATE_VERIFY_WINDOW_SECONDS, counted by
django-ratelimit in the cache (Redis in production, shared by every web node)."""

from __future__ import annotations

from django.conf import settings

from lms import ratelimits


def verification_allowed(request) -> tuple[bool, int]:
    """Count one lookup; (allowed, seconds until the window ends when not)."""
    wait = ratelimits.take(
        "certificate-verify",
        ratelimits.by_address(request),
        ratelimits.rate(
            settings.CERTIFICATE_VERIFY_LIMIT, settings.CERTIFICATE_VERIFY_WINDOW_SECONDS
        ),
    )
    return wait is None, wait or 0
