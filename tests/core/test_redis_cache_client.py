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


def test_a_live_answer_bumps_its_counter_and_reads_the_head_count_in_one_round_trip():
    """livecache.count_answer_and_active: Django's incr is EXISTS then INCRBY,
    and the head count a third trip; one script does all three. A missing
    counter is not created (the caller counts the stored answers instead)."""
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "hvs-bump-test"})
    cache.set("answered", 3)
    cache.set("active", 30)
    assert cache.incr_existing_and_get("answered", "active") == (4, 30)  # loads the script
    commands = []
    client = cache._cache.get_client("answered", write=True)
    original = client.execute_command

    def counted(*args, **kwargs):
        commands.append(args[0])
        return original(*args, **kwargs)

    client.execute_command = counted
    try:
        assert cache.incr_existing_and_get("answered", "active") == (5, 30)
        assert cache.incr_existing_and_get("missing", "active") == (None, 30)
        assert cache.incr_existing_and_get("answered", "nobody") == (6, None)
    finally:
        del client.execute_command
    assert cache.get("missing") is None and cache.get("answered") == 6
    assert commands == ["EVALSHA"] * 3, commands
    cache.delete_many(["answered", "active"])
