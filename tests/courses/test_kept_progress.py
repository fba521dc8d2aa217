"""A learner's enrolment and done steps are kept in the cache for the course and
step pages (courses/kept_progress.py): a warm page asks the database nothing
about them, and every way they change shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.crediting import credit_existing_progress
from courses.enrolment import do_enrol_learners
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _sql(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), [query["sql"] for query in captured.captured_queries]


def _learner_tables(sql):
    return [q for q in sql if "courses_enrolment" in q or "courses_stepprogress" in q]


def _done(client, course, step):
    url = reverse("courses:progress", args=[course.slug, step.pk])
    assert client.post(url, {"event": "end"}).status_code == 302


def test_warm_course_and_step_pages_ask_nothing_about_the_learners_progress(
    client, make_user, make_course, make_item
):
    course = make_course([make_item(f"Bài {n}") for n in range(3)], slug="giu", sequential=True)
    client.force_login(make_user())
    client.post(reverse("courses:enrol", args=[course.slug]))
    first, second, _third = course.steps.order_by("sort_order")
    _done(client, course, first)
    step_url = reverse("courses:step", args=[course.slug, second.pk])
    for url in (course.course_page.url, step_url):
        _sql(client, url)  # warm
        _body, sql = _sql(client, url)
        assert not _learner_tables(sql), sql
    assert "33%" in _sql(client, course.course_page.url)[0]


def test_each_step_done_shows_on_the_next_request(client, make_user, make_course, make_item):
    course = make_course([make_item(f"Bài {n}") for n in range(3)], slug="tiep", sequential=True)
    client.force_login(make_user())
    client.post(reverse("courses:enrol", args=[course.slug]))
    first, second, third = course.steps.order_by("sort_order")
    locked = reverse("courses:step", args=[course.slug, third.pk])
    assert "Bài 2" not in client.get(locked).content.decode()  # kept: the third is locked
    _done(client, course, first)
    assert "33%" in _sql(client, course.course_page.url)[0]
    _done(client, course, second)
    assert "66%" in _sql(client, course.course_page.url)[0]
    assert "Bài 2" in client.get(locked).content.decode()  # open now


def test_an_enrolment_by_an_instructor_shows_on_the_learners_next_request(
    client, make_user, make_course, make_item
):
    course = make_course([make_item("Bài lớp")], slug="lop")
    learner = make_user()
    client.force_login(learner)
    enrol_form = reverse("courses:enrol", args=[course.slug])
    assert enrol_form in _sql(client, course.course_page.url)[0]
    assert enrol_form in _sql(client, course.course_page.url)[0]  # kept: not enrolled

    do_enrol_learners(make_user(Role.ADMINISTRATOR), course, [learner])
    assert enrol_form not in _sql(client, course.course_page.url)[0]


def test_credited_steps_show_on_the_next_request(client, make_user, make_course, make_item):
    shared = make_item("Bài dùng chung")
    earlier = make_course([shared], slug="truoc")
    later = make_course([shared, make_item("Bài sau")], slug="sau")
    learner = make_user()
    client.force_login(learner)
    for course in (earlier, later):
        client.post(reverse("courses:enrol", args=[course.slug]))
    _done(client, earlier, earlier.steps.get())
    assert "0%" in _sql(client, later.course_page.url)[0]
    assert "0%" in _sql(client, later.course_page.url)[0]  # kept

    credit_existing_progress(learner, later, [learner.pk])  # written with bulk_create
    assert "50%" in _sql(client, later.course_page.url)[0]


def test_a_slug_given_to_another_course_shows_that_courses_state(
    client, make_user, make_course, make_item
):
    first = make_course([make_item("Bài cũ")], slug="cu")
    client.force_login(make_user())
    client.post(reverse("courses:enrol", args=[first.slug]))
    enrol_form = reverse("courses:enrol", args=["cu"])
    assert enrol_form not in _sql(client, first.course_page.url)[0]  # kept under "cu"

    first.slug = "cu-da-doi"
    first.save_revision().publish()
    make_course([make_item("Bài mới")], slug="cu", page=False)
    detail = reverse("courses:detail", args=["cu"])
    assert enrol_form in _sql(client, detail)[0]  # not enrolled in this one
