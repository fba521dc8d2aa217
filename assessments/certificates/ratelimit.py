"""Public verification lookups per client address (page, PDF link and API
together): only lookups that fail (a malformed or unknown code) count,
CERTIFICATE_VERIFY_LIMIT per CERTIFICATE_VERIFY_WINDOW_SECONDS, in the cache
(Redis in production, shared by every web node).

Why failures only: guessing codes is the abuse, and it fails; a hall of
graduates scanning their own QR codes behind one address must never be turned
away. Once an address has used up its failures, every lookup from it waits,
hits included, or a hit-or-429 answer would still tell a guesser which codes exist."""

from __future__ import annotations

from django.conf import settings

from lms import ratelimits

GROUP = "certificate-verify"


def _rate() -> str:
    return ratelimits.rate(
        settings.CERTIFICATE_VERIFY_LIMIT, settings.CERTIFICATE_VERIFY_WINDOW_SECONDS
    )


def verification_allowed(request) -> tuple[bool, int]:
    """(allowed, seconds until the window ends when not); counts nothing."""
    wait = ratelimits.reached(GROUP, ratelimits.by_address(request), _rate())
    return wait is None, wait or 0


def count_failed_lookup(request) -> None:
    """A malformed or unknown code: one failure against the client's address."""
    ratelimits.count(GROUP, ratelimits.by_address(request), _rate())


def failures_counter(request) -> tuple[str, int, int] | None:
    """Where the client's failures are counted (``ratelimits.counter_key``), for a
    page that reads them in the same cache round trip as itself."""
    return ratelimits.counter_key(GROUP, ratelimits.by_address(request), _rate())
