"""lms.client_ip: the one way to find a client's address, and the API quota keyed by it."""

import pytest
from django.test import RequestFactory

from lms.client_ip import client_ip

PEER = "10.0.0.2"  # the proxy, as the socket sees it


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "client"),
    [
        (0, None, PEER),
        (0, "203.0.113.7", PEER),  # nothing in front: no header is believed
        (1, None, PEER),  # did not come through the proxy (a health check)
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the client's own entry is ignored
        (1, "not-an-address, 203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 2001:db8::5", "2001:db8::5"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", PEER),  # fewer hops than proxies: never a client-written entry
    ],
)
def test_the_client_is_the_right_most_hop_our_proxies_did_not_write(
    settings, proxies, forwarded_for, client
):
    settings.TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": PEER}
    if forwarded_for:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    assert client_ip(RequestFactory().get("/", **meta)) == client


@pytest.mark.django_db
def test_the_api_quota_is_not_reset_by_a_new_forwarded_for(client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    # DRF reads the rates once, at import: set them on the class for this test only.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": None})
    statuses = [
        client.get("/api/v1/units/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(3)
    ]
    assert statuses[:2] == [200, 200] and statuses[2] == 429
