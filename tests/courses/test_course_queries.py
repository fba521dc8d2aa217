"""A course page and a step page cost the same number of queries whatever the
number of steps (the performance point of issue 12; timings go to the bench)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_course_and_step_pages_are_constant_in_the_number_of_steps(
    client, make_user, make_course, make_item
):
    items = [make_item(f"Hướng dẫn {index}") for index in range(8)]
    short = make_course(items[:2], slug="ngan", sequential=True)
    long = make_course(items, slug="dai", sequential=True)
    figures = {}
    for course in (short, long):
        client.force_login(make_user())  # one learner per course: the same history
        client.post(reverse("courses:enrol", args=[course.slug]))
        first, second = course.steps.order_by("sort_order")[:2]
        client.post(reverse("courses:progress", args=[course.slug, first.pk]), {"event": "end"})
        urls = [
            course.course_page.url,
            reverse("courses:step", args=[course.slug, second.pk]),
            reverse("accounts:dashboard"),
        ]
        for url in urls:
            count_queries(client, url)  # warm the per-process caches (content types, site)
        figures[course.slug] = tuple(count_queries(client, url) for url in urls)
    print("queries (course page, step page, Học tập của tôi):", figures)
    assert figures["ngan"] == figures["dai"], figures
