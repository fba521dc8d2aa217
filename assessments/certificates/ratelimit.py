"""A per-IP counter in the cache (Redis in production, shared by every web
node): fixed windows, atomic ``incr``, no database query."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address, from the same headers axes trusts (settings
    AXES_IPWARE_META_PRECEDENCE_ORDER, REMOTE_ADDR by default)."""
    headers = getattr(settings, "AXES_IPWARE_META_PRECEDENCE_ORDER", None) or ["REMOTE_ADDR"]
    for header in headers:
        value = request.META.get(header, "")
        if value:
            return value.split(",")[0].strip()
    return "unknown"


def hit(scope: str, ident: str, limit: int, window: int) -> tuple[bool, int]:
    """Count one request; (allowed, seconds until the window ends)."""
    now = time.time()
    bucket = int(now // window)
    key = f"hvs:rl:{scope}:{ident}:{bucket}"
    cache.add(key, 0, window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window + 1)
        count = 1
    retry_after = max(1, int((bucket + 1) * window - now))
    return count <= limit, retry_after


def verification_allowed(request) -> tuple[bool, int]:
    return hit(
        "certificate-verify",
        client_ip(request),
        settings.CERTIFICATE_VERIFY_LIMIT,
        settings.CERTIFICATE_VERIFY_WINDOW_SECONDS,
    )
