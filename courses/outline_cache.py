"""A course's outline kept in the cache: the course row, its steps with the
library pages they show (already specific) and the public course page's URL.
The same for every learner, read on every course and step page, and changed
only when an editor saves: a course, a step, a quiz or any page (a step's
title, a page going live or away, the course page moving).

Each of those saves bumps one generation number (now, and again after the
commit), and every key carries the generation it was stored under, so an
edit shows on the next request. Learner-specific state (enrolment, progress)
is never cached here. The outline is data, not HTML, so one entry serves
every language."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from lms.core.generation import CacheGeneration
from lms.core.model_copy import model_copy

GENERATION_KEY = "courses:outline:generation"
# A step's item restrictions are kept with the outline (courses.visibility), by
# the names of their groups: a restriction or a group saved makes it stale too
# (and a restriction's groups changing: courses/apps.py).
SOURCE_MODELS = frozenset(
    {
        "courses.course",
        "courses.coursestep",
        "assessments.quiz",
        "wagtailcore.pageviewrestriction",
        "auth.group",
    }
)


def cache_seconds() -> int:
    return settings.COURSE_OUTLINE_CACHE_SECONDS


_GENERATION = CacheGeneration(GENERATION_KEY)


def generation() -> int:
    return _GENERATION.current()


def _bump() -> None:
    _GENERATION.bump()


def outline_changed() -> None:
    _bump()
    transaction.on_commit(_bump)


def restriction_groups_changed(sender, action, **_kwargs) -> None:
    """m2m_changed receiver for a view restriction's groups."""
    if action in ("post_add", "post_remove", "post_clear"):
        outline_changed()


def row_saved_or_deleted(sender, **_kwargs) -> None:
    """post_save/post_delete receiver for every model; cheap for the others."""
    from wagtail.models import Page

    if sender._meta.label_lower in SOURCE_MODELS or issubclass(sender, Page):
        outline_changed()


def _key(slug: str) -> str:
    database = settings.DATABASES["default"]["NAME"]
    return f"courses:outline:{database}:{generation()}:{slug}"


# The outlines this process read, under their cache keys (which carry the
# generation): a course or step page then costs no cache round trip for it.
_in_process: dict[str, tuple] = {}
_IN_PROCESS_MAX = 500  # a province has about 500 courses


def _own_copy(outline):
    """Each request gets its own course and list of steps. The steps and their
    pages are shared, read-only (the step page serves a copy of its page:
    courses/views.py)."""
    course, steps, url = outline
    return model_copy(course), list(steps), url


def cached_outline(lookup: str | int, build):
    """``build(lookup)`` → (course, steps, page URL) or None, kept until the next edit."""
    key = _key(f"id:{lookup}" if isinstance(lookup, int) else lookup)
    found = _in_process.get(key)
    if found is None:
        found = cache.get(key)
        if found is None:
            found = build(lookup)
            if found is None:
                return None
            cache.set(key, found, cache_seconds())
        if len(_in_process) >= _IN_PROCESS_MAX:
            _in_process.clear()
        _in_process[key] = found
    return _own_copy(found)


def cached_outlines(course_ids: list[int]) -> dict:
    """``{id: (course, steps, page URL)}`` of the published courses among these,
    in one cache round trip when all are kept ("Học tập của tôi")."""
    keys = {course_id: _key(f"id:{course_id}") for course_id in course_ids}
    found = cache.get_many(list(keys.values()))
    outlines = {}
    for course_id, key in keys.items():
        outline = found.get(key)
        if outline is None:
            outline = build_outline(course_id)
            if outline is not None:
                cache.set(key, outline, cache_seconds())
        if outline is not None:
            outlines[course_id] = outline
    return outlines


def build_outline(lookup: str | int):
    """(course, steps with specific pages and their view restrictions, course
    page URL) of a published course (by slug or id), or None. A fixed number of
    queries: one per kind of library page, and one or two for the restrictions."""
    from wagtail.models import Page

    from .models import Course

    by = {"pk": lookup} if isinstance(lookup, int) else {"slug": lookup}
    course = Course.objects.live().filter(**by).first()
    if course is None:
        return None
    steps = load_steps(course)
    pages = Page.objects.filter(pk__in=[step.page_id for step in steps if step.page_id])
    specific = {page.pk: page for page in pages.specific()}
    from django.urls import reverse

    for step in steps:
        if step.page_id in specific:
            step.page = specific[step.page_id]
        step.outline_url = reverse("courses:step", args=[course.slug, step.pk])
        step.outline_progress_url = reverse("courses:progress", args=[course.slug, step.pk])
    from .visibility import attach_rules

    attach_rules(steps)
    return course, steps, page_url(course)


def load_steps(course) -> list:
    return list(course.steps.select_related("page", "quiz").order_by("sort_order", "pk"))


def page_url(course) -> str:
    """The public course page (cms) pointing at this course, else the step list."""
    from django.urls import reverse

    page = course.pages.live().only("id", "url_path").first()
    return page.url if page is not None else reverse("courses:detail", args=[course.slug])


def outline_of(lookup: str | int):
    """The published course (by slug or id) from the cache, with the
    learner-free parts attached to the instance (``course_steps`` and
    ``course_page_url`` read them); None when it is not published."""
    found = cached_outline(lookup, build_outline)
    if found is None:
        return None
    course, steps, url = found
    course.outline_steps, course.outline_page_url = steps, url
    return course
