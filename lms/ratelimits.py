"""Rate limits through django-ratelimit's counters (in the cache: Redis in
production, shared by every web node). Two ways to count:

- ``take``: every request counts (lookups such as certificate verification);
- ``reached`` before, ``count`` after a failure: only failures count (wrong PINs,
  wrong reset codes), so people who get it right never use up anyone's budget.

``ident`` is what the counter belongs to: ``by_address(request)`` (our
``lms.client_ip``), an account, a session… Rates are django-ratelimit strings,
``"30/m"``, ``"60/h"``, ``"300/600s"``."""

from __future__ import annotations

import functools
import ipaddress
import time

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import _get_window, _make_cache_key, _split_rate, get_usage

from lms.client_ip import client_ip


def by_address(request) -> str:
    """The client's address; IPv6 by its /64, since one phone gets a whole prefix."""
    return _address_ident(client_ip(request))


@functools.lru_cache(maxsize=4096)
def _address_ident(address: str) -> str:
    # Parsed once per address a process sees (a hall is a few addresses, every visit).
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address) + "/64"
    return address


def rate(limit: int, window_seconds: int) -> str:
    return f"{limit}/{window_seconds}s"


def _usage(group: str, ident: str, rate_: str, *, increment: bool) -> dict | None:
    # The key is a callable of our own, so django-ratelimit never needs the request.
    return get_usage(
        None, group=group, key=lambda _group, _request: ident, rate=rate_, increment=increment
    )


def _wait(usage: dict) -> int:
    return max(1, int(usage["time_left"]))


def take(group: str, ident: str, rate_: str) -> int | None:
    """Count one request; seconds to wait when it is over the limit, else None."""
    usage = _usage(group, ident, rate_, increment=True)
    if usage and usage["count"] > usage["limit"]:
        return _wait(usage)
    return None


def reached(group: str, ident: str, rate_: str) -> int | None:
    """Seconds to wait when ``ident`` has used up its failures, else None (counts nothing)."""
    usage = _usage(group, ident, rate_, increment=False)
    if usage and usage["count"] >= usage["limit"]:
        return _wait(usage)
    return None


def count(group: str, ident: str, rate_: str) -> None:
    """Count one failure against ``ident``."""
    _usage(group, ident, rate_, increment=True)


def counter_key(group: str, ident: str, rate_: str) -> tuple[str, int, int] | None:
    """(the cache key of ``ident``'s counter, its limit, the end of its window): the
    key django-ratelimit counts under, for a view that reads the counter in the same
    cache round trip as its page (the certificate verify page). None when rate
    limits are off."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return None
    limit, period = _split_rate(rate_)
    window = _get_window(ident, period)
    key = _window_key(
        group,
        window,
        rate_,
        ident,
        getattr(settings, "RATELIMIT_CACHE_PREFIX", None),
        getattr(settings, "RATELIMIT_HASH_ALGORITHM", None),
    )
    return key, limit, window


@functools.lru_cache(maxsize=4096)
def _window_key(group: str, window: int, rate_: str, ident: str, *_settings) -> str:
    # django-ratelimit's key (a hash) made once per client and window, not per
    # visit; the settings it reads are part of what it is cached under.
    return _make_cache_key(group, window, rate_, ident, ALL)


def wait_for(count, limit: int, window_end: int) -> int | None:
    """``reached`` for a counter read with ``counter_key``'s key (None: no failures yet)."""
    if count is not None and count >= limit:
        return max(1, window_end - int(time.time()))
    return None
