"""A step whose library item the visitor may not view (a group restriction
they are not in, a login restriction for an anonymous visitor, an item taken
off the library) shows in every outline as a restricted step: a short line
saying why, neither the item's title nor a link to it. The "continue" button,
the next step of "Học tập của tôi" and of the home page, and the step page's
own previous/next links pass over it. A required step the learner can never
open keeps the course incomplete, and the learner is told so. A password
restriction keeps the title, with a lock: its form is the way in."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

HIDDEN = "Hướng dẫn nội bộ của tổ"
GROUP_LINE = "Bước này dành riêng cho một nhóm học viên"
STUCK = "Bạn chưa thể hoàn thành khóa học này"


def _restrict(item, kind="groups", group=None, **extra):
    restriction = PageViewRestriction.objects.create(page=item, restriction_type=kind, **extra)
    if kind == "groups":
        group = group or Group.objects.create(name="Tổ công nghệ số thôn 1")
        restriction.groups.add(group)
    return restriction, group


def _enrol(client, user, course, done=0):
    client.force_login(user)
    client.post(reverse("courses:enrol", args=[course.slug]))
    steps = list(course.steps.order_by("sort_order"))
    for step in steps[:done]:
        client.post(reverse("courses:progress", args=[course.slug, step.pk]), {"event": "confirm"})
    return steps


def _step_url(course, step):
    return reverse("courses:step", args=[course.slug, step.pk])


def test_the_course_page_hides_a_group_restricted_steps_title_and_link_from_an_outsider(
    client, make_user, make_course, make_item
):
    item = make_item(HIDDEN)
    _restriction, group = _restrict(item)
    course = make_course([make_item("Bài mở đầu"), item, make_item("Bài cuối")], slug="to-1")
    steps = _enrol(client, make_user(), course)
    body = client.get(course.course_page.url).content.decode()
    assert HIDDEN not in body
    assert _step_url(course, steps[1]) not in body
    assert GROUP_LINE in body
    assert "Bài mở đầu" in body and _step_url(course, steps[0]) in body

    member = make_user()
    member.groups.add(group)
    _enrol(client, member, course)
    shown = client.get(course.course_page.url).content.decode()
    assert HIDDEN in shown and _step_url(course, steps[1]) in shown
    assert GROUP_LINE not in shown


def test_continue_and_my_learning_and_the_home_page_never_point_at_a_step_the_learner_cannot_open(
    client, make_user, make_course, make_item, library
):
    item = make_item(HIDDEN)
    _restrict(item)
    course = make_course([item, make_item("Bài ai cũng học")], slug="tiep-tuc")
    steps = _enrol(client, make_user(), course)

    page = client.get(course.course_page.url).content.decode()
    assert f'class="button" href="{_step_url(course, steps[1])}"' in page

    mine = client.get(reverse("accounts:dashboard")).content.decode()
    assert HIDDEN not in mine
    assert "Bài ai cũng học" in mine and _step_url(course, steps[1]) in mine
    assert _step_url(course, steps[0]) not in mine

    assert STUCK in mine  # told early: the required step will stay closed to them
    home = client.get(library["home"].url).content.decode()
    assert HIDDEN not in home
    assert _step_url(course, steps[1]) in home and _step_url(course, steps[0]) not in home

    # Marking the open step done sends the learner on, never to the restricted one.
    after = client.post(
        reverse("courses:progress", args=[course.slug, steps[1].pk]), {"event": "confirm"}
    )
    assert after["Location"] != _step_url(course, steps[0])


def test_a_required_step_the_learner_cannot_open_is_explained_and_keeps_the_course_incomplete(
    client, make_user, make_course, make_item
):
    from courses.models import CourseCompletion

    item = make_item(HIDDEN)
    _restrict(item)
    course = make_course(
        [make_item("Bài một"), item, make_item("Bài ba")], slug="mac-ket", sequential=True
    )
    steps = _enrol(client, make_user(), course, done=1)
    page = client.get(course.course_page.url).content.decode()
    assert HIDDEN not in page
    assert STUCK in page and "bước 2" in page
    assert _step_url(course, steps[1]) not in page  # no continue button to it
    mine = client.get(reverse("accounts:dashboard")).content.decode()
    assert STUCK in mine and HIDDEN not in mine
    assert _step_url(course, steps[1]) not in mine

    # The step after it is locked; its "do this first" page names no title.
    blocked = client.get(_step_url(course, steps[2])).content.decode()
    assert HIDDEN not in blocked and GROUP_LINE in blocked
    assert _step_url(course, steps[1]) not in blocked
    assert not CourseCompletion.objects.exists()


def test_the_step_pages_previous_and_next_links_pass_over_a_restricted_step(
    client, make_user, make_course, make_item
):
    item = make_item(HIDDEN)
    _restrict(item)
    course = make_course([make_item("Bài một"), item, make_item("Bài ba")], slug="lien-ke")
    steps = _enrol(client, make_user(), course)
    first = client.get(_step_url(course, steps[0])).content.decode()
    assert _step_url(course, steps[1]) not in first
    assert _step_url(course, steps[2]) in first
    last = client.get(_step_url(course, steps[2])).content.decode()
    assert _step_url(course, steps[1]) not in last
    assert _step_url(course, steps[0]) in last


def test_an_anonymous_visitor_sees_a_login_restricted_step_as_needing_sign_in(
    client, make_user, make_course, make_item
):
    item = make_item(HIDDEN)
    _restrict(item, kind="login")
    course = make_course([make_item("Bài công khai"), item], slug="can-dang-nhap")
    body = client.get(course.course_page.url).content.decode()
    assert HIDDEN not in body and "Bài công khai" in body
    assert "Đăng nhập để xem bước này" in body

    _enrol(client, make_user(), course)
    signed_in = client.get(course.course_page.url).content.decode()
    assert HIDDEN in signed_in and "Đăng nhập để xem bước này" not in signed_in


def test_a_password_restricted_step_keeps_its_title_with_a_lock_and_its_link(
    client, make_user, make_course, make_item
):
    item = make_item("Bài có mật khẩu")
    _restrict(item, kind="password", password="mat-khau")
    course = make_course([item], slug="khoa-mat-khau")
    steps = _enrol(client, make_user(), course)
    body = client.get(course.course_page.url).content.decode()
    assert "Bài có mật khẩu" in body and _step_url(course, steps[0]) in body
    assert "Cần mật khẩu" in body


def test_an_item_taken_off_the_library_shows_as_not_open_without_its_title(
    client, make_user, make_course, make_item
):
    item = make_item("Bài đã gỡ")
    course = make_course([make_item("Bài còn"), item], slug="go-bai")
    steps = _enrol(client, make_user(), course)
    item.unpublish()
    body = client.get(course.course_page.url).content.decode()
    assert "Bài đã gỡ" not in body and _step_url(course, steps[1]) not in body
    assert "Bước này tạm thời chưa mở" in body


def test_a_restriction_added_later_hides_the_title_on_the_next_request(
    client, make_user, make_course, make_item
):
    item = make_item(HIDDEN)
    course = make_course([item], slug="khoa-sau")
    _enrol(client, make_user(), course)
    assert HIDDEN in client.get(course.course_page.url).content.decode()
    assert HIDDEN in client.get(reverse("accounts:dashboard")).content.decode()
    restriction, _group = _restrict(item)
    assert HIDDEN not in client.get(course.course_page.url).content.decode()
    assert HIDDEN not in client.get(reverse("accounts:dashboard")).content.decode()
    restriction.groups.set([])
    restriction.delete()
    assert HIDDEN in client.get(course.course_page.url).content.decode()


def test_a_warm_outline_with_restricted_steps_asks_no_query_for_them(
    client, make_user, make_course, make_item
):
    items = [make_item(f"Bài nhóm {n}") for n in range(4)]
    group = Group.objects.create(name="Nhóm riêng")
    for item in items[1:]:
        _restrict(item, group=group)
    course = make_course(items, slug="nhieu-han-che")
    _enrol(client, make_user(), course)
    for url in (course.course_page.url, reverse("accounts:dashboard")):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        sql = [query["sql"] for query in captured.captured_queries]
        assert not [q for q in sql if "pageviewrestriction" in q], sql
        assert not [q for q in sql if '"auth_group"' in q], sql
