"""The course outline (course, steps, their library pages, the course page URL)
is the same for every learner, so it is kept in the cache: a warm step page
reads no course or step row (nor, kept too, the learner's enrolment and
progress: test_kept_progress.py), and the query counts do not grow with steps
or modules. Any edit shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import CourseStep

pytestmark = pytest.mark.django_db


def captured(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def test_pages_read_no_course_rows_whatever_the_steps_and_modules(
    client, make_user, make_course, make_item
):
    items = [make_item(f"Hướng dẫn {index}") for index in range(12)]
    short = make_course(items[:2], slug="ngan", sequential=True)
    long = make_course(
        items, slug="dai", sequential=True, modules={0: "Một", 3: "Hai", 6: "Ba", 9: "Bốn"}
    )
    figures = {}
    for course in (short, long):
        client.force_login(make_user())
        client.post(reverse("courses:enrol", args=[course.slug]))
        first, second = course.steps.order_by("sort_order")[:2]
        client.post(reverse("courses:progress", args=[course.slug, first.pk]), {"event": "end"})
        urls = [course.course_page.url, reverse("courses:step", args=[course.slug, second.pk])]
        for url in urls:
            captured(client, url)  # warm: per-process caches and the outline
        page, step = (captured(client, url) for url in urls)
        for queries in (page, step):
            assert not [sql for sql in queries if 'FROM "courses_course"' in sql], queries
            assert not [sql for sql in queries if 'FROM "courses_coursestep"' in sql], queries
            assert len([sql for sql in queries if 'FROM "courses_stepprogress"' in sql]) <= 1
        figures[course.slug] = (len(page), len(step))
    print("queries (course page, step page):", figures)
    assert figures["ngan"] == figures["dai"], figures


def test_edits_show_on_the_next_request(client, make_user, make_course, make_item):
    guide, video = make_item("Hướng dẫn VNeID"), make_item("Video an toàn", kind="video")
    course = make_course([guide], slug="sua")
    client.force_login(make_user())
    client.post(reverse("courses:enrol", args=[course.slug]))
    detail = reverse("courses:detail", args=[course.slug])
    assert "Hướng dẫn VNeID" in client.get(detail).content.decode()

    course.title = "Khóa học đã sửa"
    course.save_revision().publish()
    assert "Khóa học đã sửa" in client.get(detail).content.decode()

    CourseStep.objects.create(course=course, page=video, sort_order=1)
    assert "Video an toàn" in client.get(detail).content.decode()

    guide.title = "Hướng dẫn VNeID mới"
    guide.save_revision().publish()
    assert "Hướng dẫn VNeID mới" in client.get(detail).content.decode()

    step = course.steps.get(page=video)
    step_url = reverse("courses:step", args=[course.slug, step.pk])
    assert client.get(step_url).status_code == 200
    video.unpublish()
    assert client.get(step_url).status_code == 404

    course.unpublish()
    assert client.get(detail).status_code == 404
