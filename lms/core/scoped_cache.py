"""Django's Redis cache whose ``clear()`` removes only this cache's own keys.

Django's clears the whole Redis database (FLUSHDB). Where the cache shares that
database with the Celery broker's queues and the channel layer's groups (the
default: CACHE_REDIS_URL falls back to REDIS_URL), or with a parallel test
process, that would drop their keys too: a restore, which clears the cache,
would silently lose every queued task. So production and tests both use this
class. The class keeps Django's name because the health check reports the
backend's class name.

It also keeps one ``redis.Redis`` client per connection pool: Django's builds a
new one (with its table of response callbacks) for every call, which costs
about as much CPU as the round trip. A client is safe to share between threads;
each command takes a connection from the pool.

The two reads and writes every learner page makes (the generation numbers, one
MGET: lms/core/generation.py; a library item's view counter, one INCR:
cms/views_count.py) go over a connection kept idle between commands
(``_IdleConnections``): redis-py's command path (pool checkout, retry wrapper,
metrics hooks) costs some 200 Python calls per command, more than the rest of
the round trip; sending on a held connection costs about 25."""

import os
import re

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

_BATCH = 500
_GLOB_SPECIAL = re.compile(r"([\\*?\[\]])")


def read_own_keys(keys) -> dict:
    """The default cache's ``get_many`` for keys the project names itself (never
    a visitor): on this Redis cache, ``RedisCache.get_numbers``'s one MGET on a
    held connection without Django's per-character key check; any other cache's
    own ``get_many``."""
    from django.core.cache import cache

    read = getattr(cache, "get_numbers", None) or cache.get_many
    return read(keys)


def own_key_pattern(key_prefix: str) -> re.Pattern[bytes]:
    """The shape of every key this cache writes (lms.backup.epoch.make_key):
    ``prefix:epoch:version:key``, the epoch hexadecimal, the version a number.
    The channel layer's groups (``prefix:group:…``) share the prefix by default
    and never have that shape."""
    return re.compile(re.escape(key_prefix).encode() + rb":[0-9a-f]+:-?\d+:")


class _IdleConnections:
    """Connections of the cache's pool settings not in use right now, made in
    this process (a forked worker makes its own). A command takes one (or makes
    one), sends, reads and puts it back: a list's pop and append, where redis-py's
    pool checkout costs a lock and a health check. Process-wide rather than per
    thread: under ASGI each request's sync code runs in a new thread, which would
    make a new TCP connection per page. A command that fails on a connection (the
    server restarted, the socket was closed) closes it and is sent once more on
    a new one; a connection whose reply may be unread is never put back."""

    def __init__(self):
        self.idle: list = []
        self.pid = os.getpid()

    def command(self, pool, *args):
        if self.pid != os.getpid():
            self.idle, self.pid = [], os.getpid()
        for attempt in (1, 2):
            try:
                connection = self.idle.pop()
            except IndexError:
                connection = pool.make_connection()
            try:
                connection.send_packed_command(connection.pack_command(*args), check_health=False)
                reply = connection.read_response()
            except redis.ResponseError:
                self.idle.append(connection)  # the server's error reply, read in full
                raise
            except (redis.ConnectionError, redis.TimeoutError, OSError):
                connection.disconnect()
                if attempt == 2:
                    raise
                continue
            except BaseException:
                connection.disconnect()  # a reply may be left unread on it
                raise
            self.idle.append(connection)
            return reply
        return None


class SharedClientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def held_command(self, *args, write: bool):
        pool = self._get_connection_pool(write)
        held_by_pool = self.__dict__.setdefault("_held", {})
        held = held_by_pool.get(id(pool))
        if held is None:
            held = held_by_pool[id(pool)] = _IdleConnections()
        return held.command(pool, *args)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def increment_counter(self, key, version=None) -> int:
        """One INCR: creates a missing counter at 0 and never expires it. Django's
        ``incr`` is two round trips (EXISTS, INCRBY) and refuses a missing key, so
        a counter also needed an ``add`` first: three trips per page view."""
        # A key the project names itself: no validation (memcached's rules) per view.
        return self._cache.held_command(
            "INCRBY", self.make_key(key, version=version), 1, write=True
        )

    def get_numbers(self, keys) -> dict:
        """``get_many`` for keys the project names itself (no key validation),
        in one MGET on the held connection: what set, add or incr stored (the
        generation numbers; the kept certificate verify page and its counter)."""
        made = [self.make_key(key) for key in keys]
        values = self._cache.held_command("MGET", *made, write=False)
        loads = self._cache._serializer.loads
        return {
            key: loads(value) for key, value in zip(keys, values, strict=True) if value is not None
        }

    # KEYS[1] counted, given ARGV[1] seconds to live when this count started it.
    _COUNT_IN_WINDOW = (
        "local n = redis.call('incr', KEYS[1]) "
        "if n == 1 then redis.call('expire', KEYS[1], ARGV[1]) end "
        "return {n, redis.call('ttl', KEYS[1])}"
    )

    def count_in_window(self, key, seconds: int) -> tuple[int, int]:
        """One more for ``key`` in a window of ``seconds`` that starts with its
        first count: ``(count so far, seconds left)``, in one round trip on the
        held connection (the API throttle's check on every request: lms/throttles.py)."""
        count, left = self._cache.held_command(
            "EVAL", self._COUNT_IN_WINDOW, 1, self.make_key(key), int(seconds), write=True
        )
        return count, left

    # KEYS[1] bumped only if present (a counter started elsewhere), KEYS[2] read.
    _BUMP_AND_READ = (
        "local n = false "
        "if redis.call('exists', KEYS[1]) == 1 then n = redis.call('incr', KEYS[1]) end "
        "return {n, redis.call('get', KEYS[2])}"
    )

    def incr_existing_and_get(self, counter, other, version=None) -> tuple[int | None, object]:
        """One round trip for Django's ``incr(counter)`` (EXISTS, INCRBY) and
        ``get(other)``: the counter's new value (None when it is missing; it is
        not created) and ``other``'s value (None when missing)."""
        counter = self.make_and_validate_key(counter, version=version)
        other = self.make_and_validate_key(other, version=version)
        client = self._cache.get_client(counter, write=True)
        script = self.__dict__.get("_bump_and_read")
        if script is None:
            script = self.__dict__["_bump_and_read"] = client.register_script(self._BUMP_AND_READ)
        count, raw = script(keys=[counter, other], client=client)
        return count, None if raw is None else self._cache._serializer.loads(raw)

    def clear(self):
        client = self._cache.get_client(None, write=True)
        own = own_key_pattern(self.key_prefix)
        match = _GLOB_SPECIAL.sub(r"\\\1", self.key_prefix) + ":*"
        batch = []
        for key in client.scan_iter(match=match, count=_BATCH):
            if not own.match(key):
                continue
            batch.append(key)
            if len(batch) == _BATCH:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
        return True
