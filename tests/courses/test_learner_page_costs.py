"""What a signed-in learner's pages cost on every request (issue 12's figures):
database queries and cache round trips for the course page, a step page, the
library item behind it and "Học tập của tôi". They stay the same whatever the
number of steps or courses, and none of them pays for the editors' user bar,
a second read of a generation number, or a course outline the cache holds."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Round trips to Redis per cache call: Django's incr is two (EXISTS, INCRBY); our
# Redis cache's increment_counter is one INCR (lms/core/scoped_cache.py).
CACHE_CALLS = {
    "get": 1,
    "get_many": 1,
    # The Redis cache's lean MGET of the generation numbers (lms/core/scoped_cache.py).
    "get_numbers": 1,
    "set": 1,
    "set_many": 1,
    "add": 1,
    "incr": 2,
    "delete": 1,
    "increment_counter": 1,
}


@pytest.fixture
def cache_calls(monkeypatch):
    """Calls made by callers (local memory's get_many calls get inside)."""
    calls, depth = [], []
    for alias in settings.CACHES:
        backend = caches[alias]
        for name, trips in CACHE_CALLS.items():
            original = getattr(backend, name, None)
            if original is None:
                continue

            def counted(*args, _original=original, _name=name, _trips=trips, **kwargs):
                if not depth:
                    calls.extend([_name] * _trips)
                depth.append(1)
                try:
                    return _original(*args, **kwargs)
                finally:
                    depth.pop()

            monkeypatch.setattr(backend, name, counted)
    return calls


def cost(client, url, cache_calls) -> tuple[int, int, str, list[str]]:
    client.get(url)  # warm: per-process caches, renditions, the outline, the body
    client.get(url)  # the page found by the walk above is remembered on its first recall
    cache_calls.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    sql = [query["sql"] for query in queries.captured_queries]
    return len(sql), len(cache_calls), response.content.decode(), sql


def _learner_on(client, make_user, course, done=1):
    client.force_login(make_user())
    client.post(reverse("courses:enrol", args=[course.slug]))
    steps = list(course.steps.order_by("sort_order"))
    for step in steps[:done]:
        client.post(reverse("courses:progress", args=[course.slug, step.pk]), {"event": "end"})
    return steps


def test_course_step_and_item_pages_cost_the_same_few_queries_and_cache_trips_whatever_the_steps(
    client, make_user, make_course, make_item, cache_calls
):
    items = [make_item(f"Hướng dẫn {index}") for index in range(10)]
    short = make_course(items[:2], slug="ngan", sequential=True)
    long = make_course(items, slug="dai", sequential=True, modules={0: "Một", 5: "Hai"})
    figures = {}
    for course in (short, long):
        steps = _learner_on(client, make_user, course)
        course_page = cost(client, course.course_page.url, cache_calls)
        step_page = cost(
            client, reverse("courses:step", args=[course.slug, steps[1].pk]), cache_calls
        )
        item_page = cost(client, steps[1].page.url, cache_calls)
        assert "Hướng dẫn 1" in step_page[2] and "Hướng dẫn 1" in item_page[2]
        figures[course.slug] = {
            "course": course_page[:2],
            "step": step_page[:2],
            "item": item_page[:2],
        }
    print("(queries, cache round trips):", figures)
    assert figures["ngan"] == figures["dai"], figures
    # Before (local memory cache): course 16 queries / 6 trips, step 7 / 13, item 16 / 12.
    # A view's counter is 3 trips here (add, incr) and one INCR on Redis.
    # The kept parts (lms/core/templatetags/kept.py), the outline and the page row
    # per process: course 3 / 1 (the generations), step 3 / 4 and item 2 / 4 (with
    # the view counter). The learner's enrolment and done steps kept in the cache
    # (courses/kept_progress.py): one query less, one MGET more (a query costs the
    # web process some 125 µs of CPU, an MGET some 20), read with the generations
    # (generation.read_along): course 2 / 1, step 2 / 4.
    limits = {"course": (2, 1), "step": (2, 4), "item": (2, 4)}
    for page, (queries, trips) in limits.items():
        assert figures["dai"][page][0] <= queries and figures["dai"][page][1] <= trips, figures


def test_my_learning_reads_courses_from_the_outline_cache_whatever_their_number(
    client, make_user, make_course, make_item, cache_calls
):
    items = [make_item(f"Hướng dẫn {index}") for index in range(6)]
    courses = [make_course(items[: 2 + n], slug=f"khoa-{n}") for n in range(4)]
    url = reverse("accounts:dashboard")
    figures = {}
    for count in (1, 4):
        client.force_login(make_user())
        for course in courses[:count]:
            client.post(reverse("courses:enrol", args=[course.slug]))
        queries_count, trips, body, sql = cost(client, url, cache_calls)
        assert not [q for q in sql if 'FROM "courses_coursestep"' in q], sql
        assert not [q for q in sql if 'FROM "cms_coursepage"' in q], sql
        assert all(course.title in body for course in courses[:count])
        figures[count] = (queries_count, trips)
    print("Học tập của tôi (queries, cache round trips):", figures)
    assert figures[1] == figures[4], figures


def test_the_user_bar_is_for_editors_only_and_follows_a_role_change(
    client, make_user, make_course, make_item
):
    from lms.accounts.roles import Role, grant_role

    course = make_course([make_item("Hướng dẫn VNeID")], slug="thanh")
    learner = make_user()
    client.force_login(learner)
    client.post(reverse("courses:enrol", args=[course.slug]))
    assert "wagtail-userbar" not in client.get(course.course_page.url).content.decode()

    grant_role(learner, Role.EDITOR)
    assert "wagtail-userbar" in client.get(course.course_page.url).content.decode()

    client.force_login(make_user(Role.EDITOR))
    assert "wagtail-userbar" in client.get(course.course_page.url).content.decode()
