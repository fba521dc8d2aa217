"""The Redis cache builds its client once per connection pool, not once per
call: Django's builds a new ``redis.Redis`` (with its table of ~250 response
callbacks) for every get and set, about as much CPU as the round trip itself,
and a phone joining a live session makes several cache calls."""

import os

import pytest
import redis

from lms.core.scoped_cache import RedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis")


def test_many_cache_calls_build_one_redis_client(monkeypatch):
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "hvs-client-test"})
    built = []
    original = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    for n in range(10):
        cache.set(f"k{n}", n)
        assert cache.get(f"k{n}") == n
    assert cache.incr("k3") == 4 and cache.get_many(["k1", "k2"]) == {"k1": 1, "k2": 2}
    cache.delete_many([f"k{n}" for n in range(10)])
    assert len(built) <= 1, len(built)
