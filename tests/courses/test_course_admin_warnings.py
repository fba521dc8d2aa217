"""An editor who saves a course (or its public page) in the Wagtail admin is
told, in Vietnamese and naming the step, when a required step's library item
is one some learners cannot open: not published yet, reserved for a group, or
behind a password. Saving is not refused (a course may be for that group, and
an item may be published after the course); a login restriction is not
mentioned, since every enrolled learner is signed in."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from lms.accounts.roles import Role, sync_roles

# The admin's edit screens show each object's usage count.
pytestmark = [pytest.mark.django_db, pytest.mark.reference_index]


def steps_form(course_fields, pages_and_required):
    data = {
        "title": "Khóa học có bước riêng",
        "slug": "",
        "summary": "Học từng bước.",
        "audiences": ["resident"],
        "certificate_framework": "",
        "steps-TOTAL_FORMS": str(len(pages_and_required)),
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "1",
        "steps-MAX_NUM_FORMS": "1000",
        **course_fields,
    }
    for index, (page, required) in enumerate(pages_and_required):
        data.update(
            {
                f"steps-{index}-module_title": "",
                f"steps-{index}-page": str(page.pk),
                f"steps-{index}-quiz": "",
                f"steps-{index}-ORDER": str(index + 1),
                f"steps-{index}-id": "",
                f"steps-{index}-DELETE": "",
            }
        )
        if required:
            data[f"steps-{index}-required"] = "on"
    return data


def _restrict(item, kind, **extra):
    restriction = PageViewRestriction.objects.create(page=item, restriction_type=kind, **extra)
    if kind == "groups":
        restriction.groups.add(Group.objects.get_or_create(name="Tổ công nghệ số thôn 1")[0])
    return restriction


@pytest.fixture
def items(make_item):
    public = make_item("Bài công khai")
    group_only = make_item("Bài của tổ")
    _restrict(group_only, "groups")
    draft = make_item("Bài còn nháp", publish=False)
    optional_group = make_item("Bài tùy chọn của tổ")
    _restrict(optional_group, "groups")
    signed_in = make_item("Bài cần đăng nhập")
    _restrict(signed_in, "login")
    with_password = make_item("Bài có mật khẩu")
    _restrict(with_password, "password", password="mat-khau")
    return public, group_only, draft, optional_group, signed_in, with_password


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_saving_a_course_warns_about_each_required_step_learners_may_not_open(
    client, make_user, items, course_index
):
    from courses.models import Course

    sync_roles()
    public, group_only, draft, optional_group, signed_in, with_password = items
    client.force_login(make_user(Role.EDITOR, audience=""))
    response = client.post(
        reverse("wagtailsnippets_courses_course:add"),
        steps_form(
            {},
            [
                (public, True),
                (group_only, True),
                (draft, True),
                (optional_group, False),
                (signed_in, True),
                (with_password, True),
            ],
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert Course.objects.count() == 1  # saved: a warning, not a refusal
    shown = _messages(response)
    assert "Bước 2 “Bài của tổ”" in shown and "Tổ công nghệ số thôn 1" in shown
    assert "Bước 3 “Bài còn nháp”" in shown and "chưa được xuất bản" in shown
    assert "Bước 6 “Bài có mật khẩu”" in shown and "mật khẩu" in shown
    assert "Bài công khai" not in shown
    assert "Bài tùy chọn của tổ" not in shown  # optional: nobody is held back
    assert "Bài cần đăng nhập" not in shown  # every learner is signed in


def test_a_course_with_only_open_steps_saves_without_a_warning(
    client, make_user, items, course_index
):
    sync_roles()
    client.force_login(make_user(Role.EDITOR, audience=""))
    response = client.post(
        reverse("wagtailsnippets_courses_course:add"),
        steps_form({}, [(items[0], True), (items[3], False)]),
        follow=True,
    )
    assert response.status_code == 200
    assert "bắt buộc" not in _messages(response)


def test_editing_the_course_page_warns_about_its_courses_restricted_required_steps(
    client, make_user, items, make_course, course_index
):
    from cms.demo.courses import ensure_course_moderation

    sync_roles()
    ensure_course_moderation(course_index)
    public, group_only, *_rest = items
    course = make_course([public, group_only], slug="co-trang")
    page = course.course_page
    client.force_login(make_user(Role.EDITOR, audience=""))
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "title": page.title,
            "slug": page.slug,
            "course": str(course.pk),
            "image": "",
            "intro": '{"blocks": [], "entityMap": {}}',
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
        follow=True,
    )
    assert response.status_code == 200
    shown = _messages(response)
    assert "Bước 2 “Bài của tổ”" in shown and "Tổ công nghệ số thôn 1" in shown, shown
