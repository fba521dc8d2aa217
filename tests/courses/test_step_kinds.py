"""Every one of the five library item types can be a course step (issue 12 §1,
§3), served inside the course with its bar and the plain "done" form, and is
done the way its type says: reached the end (guide, infographic, document),
watched to 80 % (video), or confirmed. Through the HTTP client, the last step
done by a form post issues the certificate a course rule was holding back."""

import pytest
from django.urls import reverse

from assessments.certificates.models import Certificate
from courses.models import CourseCompletion, StepProgress
from lms.audit.models import AuditEvent
from tests.certificates.conftest import (  # noqa: F401
    _private_dirs,
    completion_quiz,
    issuer,
    resident_areas,
    take_quiz,
)

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _enrolled_step(client, user, course):
    client.force_login(user)
    client.post(reverse("courses:enrol", args=[course.slug]))
    step = course.steps.get()
    return (
        step,
        reverse("courses:step", args=[course.slug, step.pk]),
        reverse("courses:progress", args=[course.slug, step.pk]),
    )


def _done(user, step):
    return StepProgress.objects.filter(user=user, step=step, done_at__isnull=False).exists()


@pytest.mark.parametrize("kind", ["guide", "infographic", "document"])
def test_a_reading_step_of_each_type_is_done_at_its_end(
    client, make_user, make_course, make_item, kind
):
    item = make_item(f"Học liệu loại {kind}", kind=kind)
    course = make_course([item], slug=f"loai-{kind}")
    learner = make_user()
    step, url, progress = _enrolled_step(client, learner, course)

    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert item.title in body and "Bước 1 / 1" in body and "Tôi đã học xong" in body
    assert progress in body  # the form posts here, no script needed
    assert not _done(learner, step)

    assert client.post(progress, {"event": "end"}, **JSON).json() == {"done": True}
    assert _done(learner, step)
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
    assert AuditEvent.objects.filter(
        verb="courses.step_done", actor=learner, target_id=str(step.pk)
    ).exists()


def test_a_video_step_needs_eighty_percent_or_the_learners_word(
    client, make_user, make_course, make_item
):
    course = make_course([make_item("Video an toàn", kind="video")], slug="loai-video")
    learner = make_user()
    step, url, progress = _enrolled_step(client, learner, course)
    assert "Tôi đã xem xong" in client.get(url).content.decode()

    assert client.post(progress, {"event": "end"}, **JSON).json() == {"done": False}
    assert client.post(progress, {"event": "video", "value": "79"}, **JSON).json() == {
        "done": False
    }
    assert not _done(learner, step)
    assert client.post(progress, {"event": "video", "value": "80"}, **JSON).json() == {"done": True}
    assert _done(learner, step)

    other = make_user()
    step, _url, progress = _enrolled_step(client, other, course)
    response = client.post(progress, {"event": "confirm"})  # the plain form, no script
    assert response.status_code == 302 and _done(other, step)


def test_a_lesson_step_shows_its_checks_and_can_be_confirmed(
    client, make_user, make_course, make_item
):
    item = make_item("Bài học tương tác", kind="lesson")
    course = make_course([item], slug="loai-bai-hoc")
    learner = make_user()
    step, url, progress = _enrolled_step(client, learner, course)
    body = client.get(url).content.decode()
    assert "Ai được biết mật khẩu của bạn?" in body and "Tôi đã học xong" in body
    # Reaching the end of the page does not answer its checks.
    assert client.post(progress, {"event": "end"}, **JSON).json() == {"done": False}
    assert not _done(learner, step)
    assert client.post(progress, {"event": "confirm"}, **JSON).json() == {"done": True}
    assert _done(learner, step)


def test_the_last_step_posted_without_javascript_issues_the_held_certificate(
    client,
    make_user,
    unit_tree,
    completion_quiz,  # noqa: F811
    take_quiz,  # noqa: F811
    issuer,  # noqa: F811
    make_course,
    make_item,
    django_capture_on_commit_callbacks,
):
    learner = make_user(home_unit=unit_tree["village"])
    course = make_course(
        [make_item("Hướng dẫn trước khi nhận chứng nhận")],
        slug="giu-chung-nhan",
        certificate_framework=completion_quiz.framework,
    )
    step, _url, progress = _enrolled_step(client, learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        take_quiz(learner, completion_quiz)
    assert not Certificate.objects.filter(user=learner).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(progress, {"event": "confirm"})
    assert response.status_code == 302 and response.url == course.course_page.url
    assert _done(learner, step)
    assert Certificate.objects.filter(user=learner, audience="resident").count() == 1
    outline = client.get(course.course_page.url).content.decode()
    assert "Bạn đã hoàn thành khóa học này." in outline
