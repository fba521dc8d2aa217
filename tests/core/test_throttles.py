"""The API quota on the Redis cache (lms/throttles.py): one counter per client
for the rate's period, checked in one round trip; past the rate, 429 with the
seconds left."""

import pytest
from django.core.cache import cache, caches
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        type(caches["default"]).__name__ != "RedisCache", reason="the one-trip counter is Redis's"
    ),
]


def test_a_learner_past_the_user_rate_is_refused_and_told_when_to_come_back(make_user, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    # DRF reads the rates once, at import: set them on the class for this test only.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": "3/minute"})
    user = make_user()
    # DRF's list of request times under DRF's key, as a server before this one left it.
    cache.set(f"throttle_user_{user.pk}", [1.0, 2.0], 60)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    responses = [api.get("/api/v1/units/") for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert 1 <= int(responses[3]["Retry-After"]) <= 60
    # One counter for the learner, not DRF's list of request times.
    key = f"throttle-count_user_{user.pk}"
    assert cache.get_numbers([key]) == {key: 4}


def test_the_window_starts_with_the_first_request_and_ends_with_its_period():
    assert cache.count_in_window("throttle-window-test", 60) == (1, 60)
    count, left = cache.count_in_window("throttle-window-test", 60)
    assert count == 2 and 0 < left <= 60
    cache.delete("throttle-window-test")
