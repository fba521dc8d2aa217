"""A course marked required for the certificate holds the certificate back until
the learner completes it; completing it then issues the certificate. The rule is
registered from courses; assessments never names courses."""

import pytest

from assessments.certificates.models import Certificate
from assessments.certificates.rules import registered_rules
from courses.enrolment import do_enrol
from courses.tracking import do_record_progress
from tests.certificates.conftest import (  # noqa: F401
    _private_dirs,
    completion_quiz,
    issuer,
    learner,
    resident_areas,
    take_quiz,
)

pytestmark = pytest.mark.django_db


def test_the_course_rule_is_registered_from_courses():
    assert "course_completed" in [rule.name for rule in registered_rules()]


def test_a_required_course_holds_the_certificate_until_completed(
    learner,  # noqa: F811
    completion_quiz,  # noqa: F811
    take_quiz,  # noqa: F811
    issuer,  # noqa: F811
    make_course,
    make_item,
    django_capture_on_commit_callbacks,
):
    guide = make_item("Hướng dẫn bảo vệ tài khoản", kind="guide")
    course = make_course([guide], certificate_framework=completion_quiz.framework)
    do_enrol(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        take_quiz(learner, completion_quiz)
    assert not Certificate.objects.filter(user=learner).exists()

    step = course.steps.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert do_record_progress(learner, course, step.pk, "confirm")
    assert Certificate.objects.filter(user=learner, audience="resident").count() == 1
