"""A course can become one some learners cannot complete without anyone
saving it: its item is given a privacy setting in the page's dialog, taken
off the library, or the course is published by a workflow approval from the
dashboard. Editors are told where they look: on opening the item, after
unpublishing it, on opening the course, and on the Wagtail dashboard."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from lms.accounts.roles import Role, sync_roles
from tests.courses.test_course_admin_warnings import _messages
from tests.factories import QuizFactory

# The admin's edit screens show each object's usage count.
pytestmark = [pytest.mark.django_db, pytest.mark.reference_index]

COURSE_WARNING = "Khóa học “Kỹ năng số cho người dân”: Bước 2 “Hướng dẫn của tổ”"


@pytest.fixture
def closed_course(make_course, make_item):
    item = make_item("Hướng dẫn của tổ")
    course = make_course(
        [make_item("Bài mở đầu"), item], title="Kỹ năng số cho người dân", slug="ky-nang"
    )
    # As the page's privacy dialog does: no save of the course follows.
    restriction = PageViewRestriction.objects.create(page=item, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Tổ công nghệ số thôn 2"))
    return course, item


@pytest.fixture
def editor(client, make_user):
    sync_roles()
    client.force_login(make_user(Role.EDITOR, audience=""))
    return client


def test_opening_a_restricted_item_names_the_course_it_keeps_learners_from_completing(
    editor, closed_course
):
    _course, item = closed_course
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))
    assert response.status_code == 200
    shown = _messages(response)
    assert COURSE_WARNING in shown and "Tổ công nghệ số thôn 2" in shown


def test_unpublishing_a_required_item_warns_about_its_course(
    client, make_user, make_course, make_item
):
    item = make_item("Bài sắp gỡ")
    make_course([item], title="Khóa học một bước", slug="mot-buoc")
    sync_roles()
    client.force_login(make_user(Role.REVIEWER, audience=""))  # reviewers publish and unpublish
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[item.pk]), follow=True)
    assert response.status_code == 200
    item.refresh_from_db()
    assert not item.live
    shown = _messages(response)
    assert "Khóa học “Khóa học một bước”: Bước 1 “Bài sắp gỡ”" in shown
    assert "chưa được xuất bản" in shown


def test_the_dashboard_lists_published_courses_some_learners_cannot_complete(
    editor, closed_course, make_course, make_item
):
    make_course([make_item("Bài mở cho mọi người")], title="Khóa học mở", slug="mo")
    make_course(
        [QuizFactory(title="Kiểm tra đã gỡ", is_published=False)],
        title="Khóa học có bài kiểm tra gỡ",
        slug="kiem-tra-go",
    )
    body = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "Khóa học một số học viên không thể hoàn thành" in body
    assert "Kỹ năng số cho người dân" in body and "Hướng dẫn của tổ" in body
    assert "Khóa học có bài kiểm tra gỡ" in body and "Kiểm tra đã gỡ" in body
    assert "Khóa học mở" not in body


def test_a_reviewer_opening_the_course_is_told_once(editor, closed_course):
    course, _item = closed_course
    response = editor.get(reverse("wagtailsnippets_courses_course:edit", args=[course.pk]))
    assert response.status_code == 200
    shown = _messages(response)
    assert shown.count("Bước 2 “Hướng dẫn của tổ”") == 1


def test_the_dashboard_panel_is_not_shown_to_staff_without_course_rights(
    client, make_user, closed_course
):
    sync_roles()
    moderator = make_user(Role.EDITOR, audience="")
    moderator.groups.clear()
    moderator.user_permissions.clear()
    from django.contrib.auth.models import Permission

    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Kỹ năng số cho người dân" not in body
