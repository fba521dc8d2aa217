"""A learner's way through a course with the Django test client: enrol with one
tap, finish steps with the plain form (no JavaScript) and with the script's
JSON posts, get stopped by a locked step, finish the course; plus the bad
inputs that must change nothing."""

import pytest
from django.urls import reverse

from courses.models import CourseCompletion, Enrolment, StepProgress
from lms.audit.models import AuditEvent


def step_url(course, step):
    return reverse("courses:step", args=[course.slug, step.pk])


def progress_url(course, step):
    return reverse("courses:progress", args=[course.slug, step.pk])


JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.django_db
def test_learner_enrols_follows_locked_steps_and_finishes(
    signed_in, learner, make_course, three_items
):
    course = make_course(three_items, sequential=True, modules={0: "Bắt đầu", 2: "Luyện tập"})
    guide, video, lesson = course.steps.order_by("sort_order")
    client = signed_in(learner)

    page = client.get(course.course_page.url)
    assert page.status_code == 200
    assert "Ghi danh vào khóa học" in page.content.decode()
    assert "Bắt đầu" in page.content.decode() and "Luyện tập" in page.content.decode()

    # One tap: enrolled and sent to the first step.
    response = client.post(reverse("courses:enrol", args=[course.slug]))
    assert response.status_code == 302 and response.url == step_url(course, guide)
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    assert AuditEvent.objects.filter(verb="courses.enrolled", actor=learner).count() == 1

    # The second step is locked: a page that says what to do first, nothing recorded.
    locked = client.get(step_url(course, video))
    body = locked.content.decode()
    assert locked.status_code == 200
    assert "Hãy làm bước 1 trước" in body and guide.page.title in body
    blocked = client.post(progress_url(course, video), {"event": "confirm"})
    assert blocked.status_code == 409
    assert not StepProgress.objects.filter(user=learner, step=video).exists()

    # The guide's page, inside the course: bar, content, and the plain "done" form.
    shown = client.get(step_url(course, guide))
    body = shown.content.decode()
    assert shown.status_code == 200
    assert "Bước 1 / 3" in body and "Tôi đã học xong" in body and "Mở ứng dụng." in body

    # Without JavaScript: the form post marks it done and goes on to the next step.
    done = client.post(progress_url(course, guide), {"event": "confirm"})
    assert done.status_code == 302 and done.url == step_url(course, video)

    # With the script: the video reports 50 % (not yet), then 85 % (done).
    half = client.post(progress_url(course, video), {"event": "video", "value": "50"}, **JSON)
    assert half.json() == {"done": False}
    most = client.post(progress_url(course, video), {"event": "video", "value": "85"}, **JSON)
    assert most.json() == {"done": True}

    # The lesson: done when each check question is answered (its own form posts).
    lesson_page = lesson.page.specific
    checks = lesson_page.check_question_ids()
    assert len(checks) == 2
    answers = {"true_false": "true", "single_choice": "1"}  # a wrong answer counts as answered
    for block in lesson_page.body:
        if block.id in checks:
            answer = {"question": block.id, "answer": answers[block.block_type]}
            answered = client.post(step_url(course, lesson), answer)
            assert answered.status_code == 200
    assert "Bạn đã học xong bước này." in answered.content.decode()
    assert StepProgress.objects.get(user=learner, step=lesson).done_at is not None

    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1
    assert (
        AuditEvent.objects.filter(verb="courses.completed", target_id=str(course.pk)).count() == 1
    )
    outline = client.get(course.course_page.url).content.decode()
    assert "Bạn đã hoàn thành khóa học này." in outline


@pytest.mark.django_db
def test_progress_is_resumable_on_another_device(
    client, signed_in, learner, make_course, three_items
):
    from django.test import Client

    course = make_course(three_items)
    first_step = course.steps.order_by("sort_order").first()
    phone = signed_in(learner)
    phone.post(reverse("courses:enrol", args=[course.slug]))
    phone.post(progress_url(course, first_step), {"event": "end"}, **JSON)

    laptop = Client()
    laptop.force_login(learner)
    me = laptop.get(reverse("accounts:dashboard")).content.decode()
    assert course.title in me and "33% đã xong" in me and "Làm tiếp" in me
    home = laptop.get("/").content.decode()
    assert "Bước tiếp theo của bạn" in home and three_items[1].title in home


@pytest.mark.django_db
def test_a_step_of_a_course_one_is_not_enrolled_in_changes_nothing(
    signed_in, learner, make_course, three_items
):
    course = make_course(three_items)
    step = course.steps.first()
    client = signed_in(learner)
    page = client.get(step_url(course, step))
    assert page.status_code == 200
    assert "Bạn chưa ghi danh khóa học này" in page.content.decode()
    posted = client.post(progress_url(course, step), {"event": "confirm"})
    assert posted.status_code == 403
    assert "Bạn chưa ghi danh khóa học này" in posted.content.decode()
    as_json = client.post(progress_url(course, step), {"event": "confirm"}, **JSON)
    assert as_json.status_code == 403 and "ghi danh" in as_json.json()["error"]
    assert not StepProgress.objects.exists() and not Enrolment.objects.exists()


@pytest.mark.django_db
def test_bad_progress_reports_change_nothing(signed_in, learner, make_course, three_items):
    course = make_course(three_items)
    video = course.steps.order_by("sort_order")[1]
    client = signed_in(learner)
    client.post(reverse("courses:enrol", args=[course.slug]))
    for data in ({"event": "hack"}, {"event": "video", "value": "nhiều"}):
        response = client.post(progress_url(course, video), data, **JSON)
        assert response.status_code == 400
    assert not StepProgress.objects.filter(done_at__isnull=False).exists()
    assert client.get(reverse("courses:step", args=[course.slug, 999999])).status_code == 404


@pytest.mark.django_db
def test_signed_out_visitor_is_asked_to_sign_in(client, make_course, three_items):
    course = make_course(three_items)
    response = client.get(step_url(course, course.steps.first()))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "Đăng nhập để ghi danh" in client.get(course.course_page.url).content.decode()


@pytest.mark.django_db
def test_a_passed_quiz_completes_the_quiz_step(
    signed_in, learner, make_course, make_item, framework, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from assessments.models import Attempt, Quiz
    from assessments.signals import announce_attempt_graded

    quiz = Quiz.objects.create(
        title="Kiểm tra cuối khóa",
        slug="kiem-tra-cuoi",
        audience="resident",
        framework=framework,
        is_published=True,
    )
    course = make_course([make_item("Hướng dẫn"), quiz], sequential=True)
    guide, quiz_step = course.steps.order_by("sort_order")
    client = signed_in(learner)
    client.post(reverse("courses:enrol", args=[course.slug]))
    client.post(progress_url(course, guide), {"event": "confirm"})
    shown = client.get(step_url(course, quiz_step)).content.decode()
    assert "Làm bài kiểm tra" in shown and reverse("assessments:quiz", args=[quiz.slug]) in shown
    # Pressing "done" on a quiz step is refused: only a pass counts.
    assert client.post(progress_url(course, quiz_step), {"event": "confirm"}).status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        attempt = Attempt.objects.create(
            quiz=quiz,
            user=learner,
            number=1,
            state="submitted",
            started_at=timezone.now(),
            submitted_at=timezone.now(),
            passed=True,
            percent=90,
        )
        announce_attempt_graded(attempt)  # what grading the attempt announces
    assert StepProgress.objects.get(user=learner, step=quiz_step).done_at is not None
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()


@pytest.mark.django_db
def test_optional_steps_do_not_block_completion(signed_in, learner, make_course, three_items):
    course = make_course(three_items, sequential=True, optional={1})
    guide, _video, lesson = course.steps.order_by("sort_order")
    client = signed_in(learner)
    client.post(reverse("courses:enrol", args=[course.slug]))
    client.post(progress_url(course, guide), {"event": "confirm"})
    assert client.get(step_url(course, lesson)).status_code == 200
    client.post(progress_url(course, lesson), {"event": "confirm"})
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
