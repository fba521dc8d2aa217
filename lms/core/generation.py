"""A generation number kept in the cache: the cheap way to make a whole family
of cached entries stale at once. Their keys carry the current number; bumping it
leaves the old entries unreachable until they expire.

Within one request the numbers are read once, all together: the first
``current()`` fetches every generation the project defines in one round trip
(a learner's step page reads the page cache's and the course outline's, some
of them twice) and the request keeps them until it ends. A bump in the request
forgets what it kept, so the request's own edits show. Outside a request
(tasks, shells) every read goes to the cache as before."""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.core.cache import cache

from lms.core.scoped_cache import read_own_keys

# The numbers read in the current request; None outside a request.
_seen: ContextVar[dict | None] = ContextVar("hvs_generations_seen", default=None)
# Other keys read in the same round trip (read_along): {key: value, or _PENDING}.
_along: ContextVar[dict | None] = ContextVar("hvs_read_along", default=None)
_PENDING = object()
_ALL: dict[str, CacheGeneration] = {}


def request_started(**_kwargs) -> None:
    _seen.set({})
    _along.set({})


def request_finished(**_kwargs) -> None:
    _seen.set(None)
    _along.set(None)


def read_along(keys) -> None:
    """Have the request's first generation read fetch these keys too, in the
    same round trip (a learner's kept progress on a step page); then
    ``fetched_along`` answers them. Nothing happens outside a request or once
    that read is done."""
    along, seen = _along.get(), _seen.get()
    if along is None or seen:
        return
    for key in keys:
        along.setdefault(key, _PENDING)


def fetched_along(keys) -> dict | None:
    """The values read along for ``keys`` (the missing ones left out), or None
    when any of them was not read along (or forgotten since): ask the cache."""
    along = _along.get()
    if along is None or any(along.get(key, _PENDING) is _PENDING for key in keys):
        return None
    return {key: along[key] for key in keys if along[key] is not None}


def forget_along(keys) -> None:
    """These keys changed in this request: what was read along is stale."""
    along = _along.get()
    if along:
        for key in keys:
            along.pop(key, None)


class CacheGeneration:
    def __init__(self, key: str):
        self.key = key
        _ALL[key] = self

    def current(self) -> int:
        seen = _seen.get()
        if seen is None:
            return self._read(cache.get(self.key))
        if self.key not in seen:
            missing = [key for key in _ALL if key not in seen]
            along = _along.get() or {}
            pending = [key for key, value in along.items() if value is _PENDING]
            found = read_own_keys(missing + pending)
            seen.update((key, found.get(key)) for key in missing)
            along.update((key, found.get(key)) for key in pending)
        if seen[self.key] is None:
            seen[self.key] = self._read(None)
        return seen[self.key]

    def _read(self, value) -> int:
        if value is None:
            # Start from the clock, not from 1: an evicted counter must never come
            # back to a number that older entries were stored under.
            started = time.time_ns()
            cache.add(self.key, started, timeout=None)
            value = cache.get(self.key, started)
        return value

    def bump(self) -> None:
        seen = _seen.get()
        if seen is not None:
            seen.pop(self.key, None)
        try:
            cache.incr(self.key)
        except ValueError:  # evicted: any new start is a new generation
            cache.set(self.key, time.time_ns(), timeout=None)
