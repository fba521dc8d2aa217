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


@pytest.fixture
def lean_cache():
    params = {"KEY_PREFIX": "hvs-lean-test", "KEY_FUNCTION": "lms.backup.epoch.make_key"}
    cache = RedisCache(os.environ["REDIS_URL"], params)
    cache.clear()
    yield cache
    cache.clear()


def test_numbers_read_as_get_many_reads_them_without_redis_py_command_path(lean_cache, monkeypatch):
    lean_cache.set("gen:a", 1_796_000_000_000_000_000, None)
    lean_cache.add("gen:b", 7)
    lean_cache.incr("gen:b")
    lean_cache.set("gen:c", {"not": "a number"})
    keys = ["gen:a", "gen:b", "gen:c", "gen:missing"]
    expected = lean_cache.get_many(keys)
    commands = []
    original = redis.Redis.execute_command
    monkeypatch.setattr(
        redis.Redis,
        "execute_command",
        lambda client, *args, **kwargs: (
            commands.append(args[0]) or original(client, *args, **kwargs)
        ),
    )
    assert lean_cache.get_numbers(keys) == expected
    assert expected == {
        "gen:a": 1_796_000_000_000_000_000,
        "gen:b": 8,
        "gen:c": {"not": "a number"},
    }
    assert commands == []  # one MGET on a kept connection


def test_counter_starts_at_one_never_expires_and_counts_each_call(lean_cache):
    assert [lean_cache.increment_counter("views:1") for _ in range(3)] == [1, 2, 3]
    assert lean_cache.get("views:1") == 3
    assert lean_cache._cache.get_client().ttl(lean_cache.make_key("views:1")) == -1  # no expiry


def test_a_dropped_held_connection_is_made_again(lean_cache):
    lean_cache.set("gen:a", 5, None)
    assert lean_cache.get_numbers(["gen:a"]) == {"gen:a": 5}
    held = next(iter(lean_cache._cache._held.values()))
    held.idle[-1]._sock.close()  # as if the server had closed it
    assert lean_cache.get_numbers(["gen:a"]) == {"gen:a": 5}
    assert lean_cache.increment_counter("views:2") == 1


def test_an_error_reply_leaves_the_connection_usable(lean_cache):
    lean_cache.set("gen:text", "abc", None)
    with pytest.raises(redis.ResponseError):
        lean_cache.increment_counter("gen:text")
    assert lean_cache.get_numbers(["gen:text"]) == {"gen:text": "abc"}


def test_a_forked_process_makes_its_own_connection(lean_cache, monkeypatch):
    lean_cache.set("gen:a", 5, None)
    lean_cache.get_numbers(["gen:a"])
    held = next(iter(lean_cache._cache._held.values()))
    parents = held.idle[-1]
    monkeypatch.setattr(os, "getpid", lambda: -1)
    assert lean_cache.get_numbers(["gen:a"]) == {"gen:a": 5}
    assert held.idle == [held.idle[-1]] and held.idle[-1] is not parents


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


def test_threads_that_come_and_go_reuse_one_connection(lean_cache, monkeypatch):
    """Under ASGI each request's sync code runs in a thread of its own (asgiref's
    per-request executor): a connection kept per thread would be a new TCP
    connection to Redis on every page."""
    import threading

    lean_cache.set("gen:a", 5, None)
    pool = lean_cache._cache._get_connection_pool(False)
    made = []
    original = type(pool).make_connection
    monkeypatch.setattr(
        type(pool), "make_connection", lambda self: made.append(1) or original(self)
    )
    for _ in range(5):
        worker = threading.Thread(target=lean_cache.get_numbers, args=(["gen:a"],))
        worker.start()
        worker.join()
    assert len(made) == 1
