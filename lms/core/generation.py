"""A generation number kept in the cache: the cheap way to make a whole family
of cached entries stale at once. Their keys carry the current number; bumping it
leaves the old entries unreachable until they expire."""

from __future__ import annotations

import time

from django.core.cache import cache


class CacheGeneration:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> int:
        value = cache.get(self.key)
        if value is None:
            # Start from the clock, not from 1: an evicted counter must never come
            # back to a number that older entries were stored under.
            started = time.time_ns()
            cache.add(self.key, started, timeout=None)
            value = cache.get(self.key, started)
        return value

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # evicted: any new start is a new generation
            cache.set(self.key, time.time_ns(), timeout=None)
