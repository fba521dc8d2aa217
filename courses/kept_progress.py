"""A learner's enrolment and done steps in a course, kept in the cache for the
pages that show them (the course page, a step page), which otherwise ask the
database on every request: the one query of those pages that the signed-in
floor does not make, and the costliest part of them in CPU after the session
and the user.

Each learner has a version number in the cache; every write of their
enrolments or progress bumps it (now, and again after the commit: a page read
between the two stores what it saw under the older number). A kept entry
carries the version it was read under and is used only while that is still
the learner's version, so a change shows on the next request, as with the
outline's generation (courses/outline_cache.py). Writes go through ``save()``
(a ``post_save`` receiver: courses/apps.py) or ``bulk_create`` in enrolment.py
and crediting.py, which call ``progress_changed`` themselves; a row deleted
goes with its learner, course or step, whose pages are gone or do not show
it. Entries expire after ``KEPT_SECONDS`` whatever happens (movement's bench
data builder writes enrolments in bulk without a bump: fresh learners, no entry).

Both pages read the entry in the round trip that reads the generation numbers
(lms.core.generation.read_along): a step page by its URL's slug, a course page
by the course its path showed last time in this process.

Only pages read through it (``cached=True`` in courses.tracking): an action
reads the database, inside its own transaction."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

from lms.core import generation
from lms.core.scoped_cache import read_own_keys

KEPT_SECONDS = 60 * 60
# A version outlives the entries read under it; one that expired starts again
# from the clock, never at a number an entry still carries.
VERSION_SECONDS = 2 * KEPT_SECONDS


def _version_key(user_id: int) -> str:
    return f"courses:learner:{user_id}:version"


def _entry_key(user_id: int, slug: str) -> str:
    # By slug, which a step page knows before the course (read_along); the
    # entry names its course, so a slug given to another course is read afresh.
    return f"courses:learner:{user_id}:course:{slug}"


# {path: course slug} of the course pages this process has served, so that the
# next request for one reads the learner's entry with the generation numbers the
# routing reads first (cms/routing.py). A stale slug only costs a read of its own.
_page_courses: dict[str, str] = {}
_MAX_PAGES = 2000


def remember_course_page(path: str, slug: str) -> None:
    if _page_courses.get(path) != slug:
        if len(_page_courses) >= _MAX_PAGES:
            _page_courses.clear()
        _page_courses[path] = slug


def read_along_for_page(request) -> None:
    """Before a page is routed: read along the learner's entry of the course
    shown at this path, if it is a course page this process knows."""
    slug = _page_courses.get(request.path)
    if slug is not None:
        read_along(request.user, slug)


def read_along(user, slug: str) -> None:
    """On a page that will show this learner's state in the course with this
    slug: fetch it with the request's generation numbers (one round trip)."""
    if user.is_authenticated:
        generation.read_along([_version_key(user.pk), _entry_key(user.pk, slug)])


def enrolment_and_done(user, course, read) -> tuple[bool, set[int]]:
    """``read(user, course)``'s answer (the database's), kept for the learner
    under their current version: one cache round trip when it is kept."""
    version_key, entry_key = _version_key(user.pk), _entry_key(user.pk, course.slug)
    found = generation.fetched_along([version_key, entry_key])
    if found is None:
        found = read_own_keys([version_key, entry_key])
    version = found.get(version_key)
    if version is None:
        # From the clock, never 1: an evicted number must not come back to an old one.
        cache.add(version_key, time.time_ns(), timeout=VERSION_SECONDS)
        version = cache.get(version_key)
    entry = found.get(entry_key)
    if entry is not None and entry[0] == version and entry[1] == course.pk:
        return entry[2], set(entry[3])
    enrolled, done = read(user, course)
    cache.set(entry_key, (version, course.pk, enrolled, sorted(done)), KEPT_SECONDS)
    return enrolled, done


def _bump(user_ids) -> None:
    for user_id in user_ids:
        key = _version_key(user_id)
        generation.forget_along([key])
        try:
            cache.incr(key)
        except ValueError:  # none yet, or expired: a new number from the clock
            cache.set(key, time.time_ns(), timeout=VERSION_SECONDS)


def progress_changed(user_ids) -> None:
    """The enrolments or progress of these learners changed (or will, at commit)."""
    user_ids = list(user_ids)
    if not user_ids:
        return
    _bump(user_ids)
    transaction.on_commit(lambda: _bump(user_ids))


def row_saved(sender, instance, **_kwargs) -> None:
    """post_save receiver for Enrolment and StepProgress."""
    progress_changed([instance.user_id])
