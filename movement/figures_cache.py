"""The dashboard's figures kept in the cache between requests.

A province dashboard reads every unit of the province and aggregates the
certified roll-up for four quarters: seconds of work, for figures that change
only when someone writes (a certificate, a reported value, a target, a class
session, a new village). Ten managers opening it at the same meeting should pay
for it once. Every save or delete in the apps the figures come from bumps one
generation number, and each entry's key carries the generation it was computed
under, so a write is visible on the next request; the time limit only bounds
what depends on the clock alone (a planned session that has now been held)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "movement:figures:generation"
# Apps whose rows feed the figures: the movement's own, the unit tree, and the
# classes and attendance of courses (class participants, learning corners).
SOURCE_APPS = frozenset({"movement", "units", "courses"})


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, not from 1: an evicted counter must never come
        # back to a number that older entries were stored under.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the counter was evicted: any new start is a new generation
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def figures_changed() -> None:
    """Now, so nothing computed before the write is served again, and after the
    commit, so nothing computed from the rows before they were committed is."""
    _bump()
    transaction.on_commit(_bump)


def row_saved_or_deleted(sender, **_kwargs) -> None:
    """post_save/post_delete receiver for every model; cheap for the others."""
    if sender._meta.app_label in SOURCE_APPS:
        figures_changed()


def cached_figures(key_parts: tuple, compute: Callable[[], dict]) -> dict:
    # The database's name too: bench databases cloned from one template share the
    # installation epoch that every cache key carries.
    database = settings.DATABASES["default"]["NAME"]
    parts = ":".join(str(part) for part in (database, *key_parts))
    key = f"movement:figures:{generation()}:{parts}"
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, settings.MOVEMENT_FIGURES_CACHE_SECONDS)
    return figures
