"""A learner who passed a quiz (or finished a library item in another course)
before enrolling gets the credit on enrolment, whoever enrols them: themselves
with one tap, an instructor or a manager in bulk, or a class that follows the
course. Completion, and the certificate a required course held back, follow."""

import pytest
from django.urls import reverse

from assessments.certificates.models import Certificate
from courses.models import CourseCompletion, StepProgress
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from tests.certificates.conftest import (  # noqa: F401
    _private_dirs,
    completion_quiz,
    issuer,
    learner,
    resident_areas,
    take_quiz,
)

pytestmark = pytest.mark.django_db


def enrol(client, course):
    return client.post(reverse("courses:enrol", args=[course.slug]))


def done_steps(user, course):
    return set(
        StepProgress.objects.filter(
            user=user, step__course=course, done_at__isnull=False
        ).values_list("step_id", flat=True)
    )


def test_a_quiz_passed_before_enrolling_counts_and_issues_the_held_certificate(
    client,
    learner,  # noqa: F811
    completion_quiz,  # noqa: F811
    take_quiz,  # noqa: F811
    issuer,  # noqa: F811
    make_course,
    django_capture_on_commit_callbacks,
):
    course = make_course(
        [completion_quiz], sequential=True, certificate_framework=completion_quiz.framework
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert take_quiz(learner, completion_quiz).passed
    assert not Certificate.objects.filter(user=learner).exists()  # held by the course

    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = enrol(client, course)
    assert response.status_code == 302
    (step,) = course.steps.all()
    assert done_steps(learner, course) == {step.pk}
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
    assert Certificate.objects.filter(user=learner, audience="resident").count() == 1
    credited = AuditEvent.objects.get(verb="courses.steps_credited")
    assert credited.extra["steps"] == {str(learner.pk): [step.pk]}
    page = client.get(course.course_page.url).content.decode()
    assert "100" in page


def test_a_failed_attempt_gives_no_credit(
    client,
    learner,  # noqa: F811
    completion_quiz,  # noqa: F811
    take_quiz,  # noqa: F811
    make_course,
    resident_areas,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    course = make_course([completion_quiz])
    with django_capture_on_commit_callbacks(execute=True):
        assert not take_quiz(
            learner, completion_quiz, wrong_areas={a.code for a in resident_areas}
        ).passed
    client.force_login(learner)
    enrol(client, course)
    assert done_steps(learner, course) == set()
    assert not AuditEvent.objects.filter(verb="courses.steps_credited").exists()


def test_bulk_enrolment_credits_each_learner_its_own_passes(
    client,
    make_user,
    unit_tree,
    learner,  # noqa: F811
    completion_quiz,  # noqa: F811
    take_quiz,  # noqa: F811
    make_course,
    make_item,
    django_capture_on_commit_callbacks,
):
    other = make_user(Role.LEARNER, username="0912345678", home_unit=unit_tree["village"])
    course = make_course([make_item("Hướng dẫn"), completion_quiz])
    _guide_step, quiz_step = course.steps.order_by("sort_order")
    with django_capture_on_commit_callbacks(execute=True):
        take_quiz(learner, completion_quiz)
    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])
    client.force_login(manager)
    response = client.post(
        reverse("courses:enrol_learners", args=[course.slug]),
        {"identifiers": f"{learner.username}\n{other.username}"},
    )
    assert response.status_code == 302
    assert done_steps(learner, course) == {quiz_step.pk}
    assert done_steps(other, course) == set()
    assert not CourseCompletion.objects.exists()  # the guide is still to read


def test_a_library_item_finished_in_another_course_counts(
    client,
    learner,  # noqa: F811
    make_course,
    make_item,
):
    guide, video = make_item("Hướng dẫn VNeID"), make_item("Video", kind="video")
    first = make_course([guide], slug="mot")
    second = make_course([guide, video], slug="hai")
    client.force_login(learner)
    enrol(client, first)
    (step,) = first.steps.all()
    client.post(reverse("courses:progress", args=[first.slug, step.pk]), {"event": "end"})
    assert CourseCompletion.objects.filter(course=first).exists()

    enrol(client, second)
    guide_step, _video_step = second.steps.order_by("sort_order")
    assert done_steps(learner, second) == {guide_step.pk}
    assert not CourseCompletion.objects.filter(course=second).exists()


def test_a_class_following_the_course_credits_its_roster(
    learner,  # noqa: F811
    completion_quiz,  # noqa: F811
    take_quiz,  # noqa: F811
    issuer,  # noqa: F811
    make_course,
    make_user,
    unit_tree,
    django_capture_on_commit_callbacks,
):
    from courses.classes.actions import do_create_class
    from courses.classes.course_link import do_set_class_course

    course = make_course([completion_quiz])
    with django_capture_on_commit_callbacks(execute=True):
        take_quiz(learner, completion_quiz)
    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])
    klass = do_create_class(
        actor=manager,
        unit=unit_tree["hoan_kiem"],
        name="Lớp thử",
        place_kind="cultural_house",
        place_name="Nhà văn hóa",
        instructors=[],
    )
    klass.members.create(learner=learner)
    do_set_class_course(actor=manager, community_class=klass, course=course)
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
