"""The signed-in learner's course and step pages do not ask the database what
is the same for every learner or already known (issue 12's figure): the
"Enrol learners" link's role check is kept in the session, the page's view
restrictions and breadcrumb are remembered per page-tree generation, and the
enrolment and the done steps come in one query. Each saving is pinned beside
the change that must still show on the next request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from lms.accounts.roles import Role, grant_role

pytestmark = pytest.mark.django_db


def fetch(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured.captured_queries]


def _enrolled(client, make_user, course, done=1):
    learner = make_user()
    client.force_login(learner)
    client.post(reverse("courses:enrol", args=[course.slug]))
    steps = list(course.steps.order_by("sort_order"))
    for step in steps[:done]:
        client.post(reverse("courses:progress", args=[course.slug, step.pk]), {"event": "end"})
    return learner, steps


def test_a_warm_course_page_asks_only_for_the_session_the_page_the_user_and_the_progress(
    client, make_user, make_course, make_item
):
    course = make_course([make_item(f"Bài {n}") for n in range(3)], slug="bon", sequential=True)
    _enrolled(client, make_user, course)
    fetch(client, course.course_page.url)  # warm
    response, sql = fetch(client, course.course_page.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "33% done" in body or "33%" in body
    assert not [q for q in sql if 'FROM "auth_group"' in q], sql
    assert not [q for q in sql if 'FROM "wagtailcore_pageviewrestriction"' in q], sql
    # The page itself, read once: neither its ancestors (breadcrumb, restrictions) nor aliases.
    assert len([q for q in sql if '"wagtailcore_page"' in q]) == 1, sql
    assert not [q for q in sql if 'FROM "courses_enrolment"' in q and "stepprogress" not in q], sql
    assert len(sql) <= 4, sql  # session, page, user, enrolment with progress


def test_a_warm_step_page_reads_enrolment_and_progress_in_one_query(
    client, make_user, make_course, make_item
):
    course = make_course([make_item(f"Bài {n}") for n in range(3)], slug="ba", sequential=True)
    _learner, steps = _enrolled(client, make_user, course)
    url = reverse("courses:step", args=[course.slug, steps[1].pk])
    fetch(client, url)
    response, sql = fetch(client, url)
    assert response.status_code == 200
    assert "Bài 1" in response.content.decode()
    assert len(sql) <= 3, sql  # session, user, enrolment with progress


def test_the_enrol_learners_link_follows_a_role_change_on_the_next_request(
    client, make_user, make_course, make_item
):
    course = make_course([make_item("Bài vai trò")], slug="vai-tro")
    learner, _steps = _enrolled(client, make_user, course, done=0)
    link = reverse("courses:enrol_learners", args=[course.slug])
    assert link not in client.get(course.course_page.url).content.decode()
    assert link not in client.get(course.course_page.url).content.decode()  # kept

    grant_role(learner, Role.INSTRUCTOR)
    assert link in client.get(course.course_page.url).content.decode()

    learner.groups.clear()
    assert link not in client.get(course.course_page.url).content.decode()


def test_a_view_restriction_on_a_remembered_course_page_applies_on_the_next_request(
    client, make_user, make_course, make_item
):
    course = make_course([make_item("Bài riêng")], slug="rieng")
    _enrolled(client, make_user, course, done=0)
    url = course.course_page.url
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # remembered: no restriction

    parent = course.course_page.get_parent()
    restriction = PageViewRestriction.objects.create(page=parent, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Chỉ nhóm này"))
    assert client.get(url).status_code != 200

    restriction.delete()
    assert client.get(url).status_code == 200


def test_the_breadcrumb_follows_a_renamed_parent(client, make_user, make_course, make_item):
    course = make_course([make_item("Bài đường dẫn")], slug="duong-dan")
    _enrolled(client, make_user, course, done=0)
    url = course.course_page.url
    parent = course.course_page.get_parent().specific
    assert parent.title in client.get(url).content.decode()
    client.get(url)

    parent.title = "Các khóa học mới đổi tên"
    parent.save_revision().publish()
    assert "Các khóa học mới đổi tên" in client.get(url).content.decode()


def test_a_warm_library_item_page_reads_neither_ancestors_nor_restrictions(
    client, make_user, make_item
):
    item = make_item("Hướng dẫn không hỏi lại")
    client.force_login(make_user())
    fetch(client, item.url)
    response, sql = fetch(client, item.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hướng dẫn không hỏi lại" in body and 'class="breadcrumb"' in body
    assert len([q for q in sql if '"wagtailcore_page' in q]) == 1, sql


def test_site_root_paths_are_not_read_from_the_cache_on_every_request(
    client, make_user, make_course, make_item, monkeypatch
):
    from django.core.cache import caches

    cache = caches["default"]
    course = make_course([make_item("Bài gốc")], slug="goc")
    _enrolled(client, make_user, course, done=0)
    for url in (course.course_page.url, course.steps.first().page.url):
        client.get(url)
        keys = []
        original = cache.get

        def get(key, *args, _original=original, _keys=keys, **kwargs):
            _keys.append(key)
            return _original(key, *args, **kwargs)

        monkeypatch.setattr(cache, "get", get)
        response = client.get(url)
        monkeypatch.setattr(cache, "get", original)
        assert response.status_code == 200
        assert "wagtail_site_root_paths" not in keys, (url, keys)


def test_breadcrumb_links_follow_a_parent_moved_to_a_new_slug(
    client, make_user, make_course, make_item
):
    course = make_course([make_item("Bài đổi đường")], slug="doi-duong")
    _enrolled(client, make_user, course, done=0)
    parent = course.course_page.get_parent().specific
    client.get(course.course_page.url)
    assert f'href="{parent.url}"' in client.get(course.course_page.url).content.decode()

    parent.slug = "khoa-hoc-moi"
    parent.save_revision().publish()
    course.course_page.refresh_from_db()
    body = client.get(course.course_page.url).content.decode()
    assert 'href="/khoa-hoc-moi/"' in body or "/khoa-hoc-moi/" in body, body[:2000]


def test_step_links_kept_with_the_outline_follow_a_new_course_slug(
    client, make_user, make_course, make_item
):
    course = make_course([make_item("Bài liên kết")], slug="lien-ket")
    _learner, steps = _enrolled(client, make_user, course, done=0)
    old = reverse("courses:step", args=["lien-ket", steps[0].pk])
    assert old in client.get(course.course_page.url).content.decode()

    course.slug = "lien-ket-moi"
    course.save()
    body = client.get(course.course_page.url).content.decode()
    assert reverse("courses:step", args=["lien-ket-moi", steps[0].pk]) in body
    assert old not in body
