"""A quiz step is judged like a library step: a quiz taken off (unpublished)
or one the learner's audience cannot take (another audience's, not open for
practice) shows as a closed step with its reason, not a title and a "take the
quiz" button that leads to "not found". Continue and next pass over it, and a
required one keeps the course incomplete with the learner told why. Editors
are warned when they save a course with such a required quiz step."""

import pytest
from django.urls import reverse

from lms.accounts.roles import Role, sync_roles
from tests.courses.test_course_admin_warnings import _messages, steps_form
from tests.factories import QuizFactory

# The admin's edit screens show each object's usage count.
pytestmark = [pytest.mark.django_db, pytest.mark.reference_index]

TAKEN_OFF = "Bước này tạm thời chưa mở"
OTHER_AUDIENCE = "Bài kiểm tra của bước này dành cho đối tượng khác"
STUCK = "Bạn chưa thể hoàn thành khóa học này"


def _enrol(client, user, course):
    client.force_login(user)
    client.post(reverse("courses:enrol", args=[course.slug]))
    return list(course.steps.order_by("sort_order"))


def _step_url(course, step):
    return reverse("courses:step", args=[course.slug, step.pk])


def test_an_unpublished_quiz_step_is_closed_with_its_reason_and_skipped(
    client, make_user, make_course, make_item
):
    quiz = QuizFactory(title="Kiểm tra đang sửa", is_published=False)
    course = make_course([quiz, make_item("Bài tiếp theo")], slug="kiem-tra-dong")
    steps = _enrol(client, make_user(), course)

    page = client.get(course.course_page.url).content.decode()
    assert "Kiểm tra đang sửa" not in page
    assert TAKEN_OFF in page
    assert f'class="button" href="{_step_url(course, steps[1])}"' in page  # continue skips it
    assert STUCK in page and "bước 1" in page

    step_page = client.get(_step_url(course, steps[0])).content.decode()
    assert TAKEN_OFF in step_page
    assert reverse("assessments:quiz", args=[quiz.slug]) not in step_page
    assert "Kiểm tra đang sửa" not in step_page


def test_another_audiences_quiz_is_closed_unless_open_for_practice(
    client, make_user, make_course, make_item
):
    closed = QuizFactory(title="Kiểm tra cho học sinh", audience="student")
    practice = QuizFactory(title="Kiểm tra luyện tập", audience="student", open_for_practice=True)
    course = make_course([make_item("Bài đầu"), closed, practice], slug="doi-tuong-khac")
    steps = _enrol(client, make_user(audience="resident"), course)

    page = client.get(course.course_page.url).content.decode()
    assert "Kiểm tra cho học sinh" not in page and OTHER_AUDIENCE in page
    assert "Kiểm tra luyện tập" in page and _step_url(course, steps[2]) in page

    student = make_user(audience="student", username="hocsinh")
    _enrol(client, student, course)
    assert "Kiểm tra cho học sinh" in client.get(course.course_page.url).content.decode()


def test_saving_a_course_warns_about_a_required_quiz_step_learners_cannot_take(
    client, make_user, make_item, course_index
):
    from courses.models import Course

    sync_roles()
    draft = QuizFactory(title="Kiểm tra còn nháp", is_published=False)
    student_only = QuizFactory(title="Kiểm tra của học sinh", audience="student")
    fine = QuizFactory(title="Kiểm tra của người dân")
    client.force_login(make_user(Role.EDITOR, audience=""))
    data = steps_form({}, [(make_item("Bài mở đầu"), True)] * 4)
    for index, quiz in enumerate([draft, student_only, fine], start=1):
        data[f"steps-{index}-page"] = ""
        data[f"steps-{index}-quiz"] = str(quiz.pk)
    response = client.post(reverse("wagtailsnippets_courses_course:add"), data, follow=True)
    assert response.status_code == 200
    assert Course.objects.count() == 1
    shown = _messages(response)
    assert "Bước 2 “Kiểm tra còn nháp”" in shown and "chưa được xuất bản" in shown
    assert "Bước 3 “Kiểm tra của học sinh”" in shown and "Học sinh" in shown
    assert "Kiểm tra của người dân" not in shown
    assert "Bài mở đầu" not in shown
