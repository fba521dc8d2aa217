"""Cache generation numbers are read once per request, all in one round trip,
and a bump inside the request is seen by the rest of it (lms/core/generation.py)."""

from django.core.cache import caches

from lms.core import generation
from lms.core.generation import CacheGeneration

# The receivers of request_started / request_finished (lms/core/apps.py), called
# directly: the signals' other receivers (Django's close_old_connections) would
# touch the database, which these tests do not use.
request_started, request_finished = generation.request_started, generation.request_finished

FIRST, SECOND = CacheGeneration("test:gen:first"), CacheGeneration("test:gen:second")


def counting(monkeypatch):
    """Calls made by callers (local memory's get_many calls get inside)."""
    calls, depth = [], []
    backend = caches["default"]
    # The Redis cache reads them with its own lean MGET (lms/core/scoped_cache.py).
    for name in ("get", "get_many", "get_numbers"):
        if not hasattr(backend, name):
            continue
        original = getattr(backend, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            if not depth:
                calls.append(_name)
            depth.append(1)
            try:
                return _original(*args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(backend, name, counted)
    return calls


def test_one_round_trip_for_every_generation_in_a_request(monkeypatch):
    FIRST.current(), SECOND.current()  # both exist in the cache
    calls = counting(monkeypatch)
    request_started()
    try:
        values = [FIRST.current(), SECOND.current(), FIRST.current(), SECOND.current()]
        assert calls in (["get_many"], ["get_numbers"]), calls
        assert values[:2] == values[2:]
        before = FIRST.current()
        FIRST.bump()
        assert FIRST.current() == before + 1  # the request sees its own edit
    finally:
        request_finished()


def test_outside_a_request_every_read_asks_the_cache():
    value = FIRST.current()
    caches["default"].incr(FIRST.key)  # another process bumps it
    assert FIRST.current() == value + 1


def test_a_bump_by_another_process_shows_in_the_next_request():
    request_started()
    try:
        value = FIRST.current()
    finally:
        request_finished()
    caches["default"].incr(FIRST.key)
    request_started()
    try:
        assert FIRST.current() == value + 1
    finally:
        request_finished()


def test_keys_read_along_come_with_the_first_generation_read(monkeypatch):
    calls = counting(monkeypatch)
    cache = caches["default"]
    cache.set_many({"test:along:a": 7, FIRST.key: 1, SECOND.key: 1})
    request_started()
    try:
        generation.read_along(["test:along:a", "test:along:b"])
        FIRST.current()
        assert calls == ["get_numbers" if hasattr(cache, "get_numbers") else "get_many"]
        assert generation.fetched_along(["test:along:a", "test:along:b"]) == {"test:along:a": 7}
        assert generation.fetched_along(["test:along:c"]) is None  # not read along: ask
        generation.forget_along(["test:along:a"])  # changed since: ask again
        assert generation.fetched_along(["test:along:a"]) is None
        generation.read_along(["test:along:late"])  # after the read: nothing to read along
        SECOND.current()
        assert generation.fetched_along(["test:along:late"]) is None
        assert len(calls) == 1
    finally:
        request_finished()
    assert generation.fetched_along(["test:along:a"]) is None  # outside a request
    generation.read_along(["test:along:a"])  # outside a request: nothing kept
