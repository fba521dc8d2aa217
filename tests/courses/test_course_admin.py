"""Editors build a course in the Wagtail admin (Vietnamese labels) and submit it
to the same "Biên tập → Duyệt" workflow as library pages; a reviewer approves,
the course goes live and the publication is audited."""

import pytest
from django.urls import reverse

from courses.models import Course
from lms.accounts.roles import Role, sync_roles
from lms.audit.models import AuditEvent


def course_form(page, **overrides):
    data = {
        "title": "Khóa học do biên tập viên tạo",
        "slug": "",
        "summary": "Học từng bước.",
        "audiences": ["resident"],
        "sequential": "on",
        "certificate_framework": "",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "1",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-module_title": "Bắt đầu",
        "steps-0-page": str(page.pk),
        "steps-0-quiz": "",
        "steps-0-required": "on",
        "steps-0-ORDER": "1",
        "steps-0-id": "",
        "steps-0-DELETE": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_editor_submits_a_course_and_a_reviewer_approves_it(
    client, make_user, make_item, course_index
):
    from cms.demo.courses import ensure_course_moderation

    sync_roles()
    ensure_course_moderation(course_index)
    editor, reviewer = make_user(Role.EDITOR, audience=""), make_user(Role.REVIEWER, audience="")
    guide = make_item("Hướng dẫn cho khóa học")

    client.force_login(editor)
    add_url = reverse("wagtailsnippets_courses_course:add")
    form = client.get(add_url)
    assert form.status_code == 200
    body = form.content.decode()
    assert "Các bước mở lần lượt" in body and "Bắt đầu học phần" in body

    response = client.post(add_url, {**course_form(guide), "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    course = Course.objects.get()
    assert course.slug == "khoa-hoc-do-bien-tap-vien-tao"
    assert not course.live and course.workflow_in_progress
    assert not editor.has_perm("courses.publish_course")

    task_state = course.current_workflow_task_state
    assert reviewer.has_perm("courses.publish_course")
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    course.refresh_from_db()
    assert course.live and course.steps.get().page_id == guide.pk
    published = AuditEvent.objects.get(verb="courses.published", target_id=str(course.pk))
    assert published.actor == reviewer


@pytest.mark.django_db
def test_a_step_must_be_a_library_item_or_a_quiz(client, make_user, make_item, course_index):
    sync_roles()
    client.force_login(make_user(Role.EDITOR, audience=""))
    guide = make_item("Hướng dẫn")
    add_url = reverse("wagtailsnippets_courses_course:add")
    neither = client.post(add_url, course_form(guide, **{"steps-0-page": ""}))
    assert neither.status_code == 200
    assert "Chọn một học liệu hoặc một bài kiểm tra" in neither.content.decode()
    not_an_item = client.post(add_url, course_form(course_index))
    assert not_an_item.status_code == 200
    assert not Course.objects.exists()


@pytest.mark.django_db
def test_do_publish_course_needs_the_publish_permission(make_user, make_course, make_item):
    from courses.publishing import do_publish_course
    from lms.errors import PermissionDenied

    sync_roles()
    course = make_course([make_item("Hướng dẫn")], page=False)
    course.live = False
    course.save()
    with pytest.raises(PermissionDenied):
        do_publish_course(make_user(Role.EDITOR, audience=""), course)
    course.refresh_from_db()
    assert not course.live
    reviewer = make_user(Role.REVIEWER, audience="")
    assert do_publish_course(reviewer, course).live
    assert AuditEvent.objects.get(verb="courses.published").actor == reviewer
