"""The one way to find a client's address: login lockouts (django-axes), rate
limits (django-ratelimit), API throttles and audit rows all call ``client_ip``.

TRUSTED_PROXY_COUNT says how many proxies we run in front of Django. Each proxy
appends the address it received the request from to X-Forwarded-For, so the
client is the entry that many places from the right (``deploy/nginx.conf``
overwrites the header with the one address it saw: one entry, count 1). Entries
further left were written by the client and are never trusted. With 0 (the
embedded mode, nothing in front), only the socket's address counts.
django-ipware parses the header (IPv6, ports, RFC 7239 forms)."""

from __future__ import annotations

from django.conf import settings
from ipware import get_client_ip

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder address, never bound


def client_ip(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        # ipware counts the proxies *inside* the header; the last of ours is the
        # socket's peer (REMOTE_ADDR), so the header holds proxies - 1 of them.
        address, _routable = get_client_ip(
            request,
            proxy_order="left-most",
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
    # No proxy configured, or a request that did not come through it (a health
    # check inside the network): the socket's address, which no header can forge.
    return request.META.get("REMOTE_ADDR") or UNKNOWN
