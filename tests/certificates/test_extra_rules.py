"""Issue 11 §1: extra certificate rules are registered from outside the
assessments app (as courses will register "course completed"); eligibility
consults them and the pure rule sees only their answers."""

import pytest

from assessments.certificates import issuing
from assessments.certificates.criteria import IssuingCriteria
from assessments.certificates.models import Certificate
from assessments.certificates.progress import certificate_news
from assessments.certificates.rules import (
    register_eligibility_rule,
    registered_rules,
    unregister_eligibility_rule,
)
from assessments.scoring import Reason

pytestmark = pytest.mark.django_db

COMPLETED_COURSES: set[int] = set()  # stands in for the courses app's enrolment table


def class_attended(context):
    """What the courses app would register: a learner-level fact."""
    if context.user_id in COMPLETED_COURSES:
        return None
    return Reason("class_not_attended", {"course": "ky-nang-so-co-ban"})


@pytest.fixture
def course_rule():
    COMPLETED_COURSES.clear()
    register_eligibility_rule(
        "class_attended", class_attended, label="hoàn thành khóa học Kỹ năng số cơ bản"
    )
    yield COMPLETED_COURSES
    unregister_eligibility_rule("class_attended")
    COMPLETED_COURSES.clear()


def test_a_registered_rule_holds_the_certificate_back_until_it_is_met(
    learner, completion_quiz, take_quiz, issuer, course_rule
):
    attempt = take_quiz(learner, completion_quiz)
    assert attempt.passed

    held = issuing.do_issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert held.certificate is None
    assert not Certificate.objects.exists()
    [reason] = held.eligibility.reasons
    assert reason.code == "class_not_attended"
    assert reason.params["rule"] == "class_attended"
    news = certificate_news(attempt)
    assert any("hoàn thành khóa học Kỹ năng số cơ bản" in text for text in news.missing)

    course_rule.add(learner.pk)
    issued = issuing.do_issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert issued.created
    recorded = IssuingCriteria.from_json(issued.certificate.criteria)
    assert "class_attended" in recorded.extra_rules  # beside the apps' own rules


def test_a_rule_may_refuse_single_attempts(learner, completion_quiz, take_quiz, issuer):
    first = take_quiz(learner, completion_quiz)

    def not_the_first(context):
        return {first.pk: Reason("attempt_before_course_end")}

    register_eligibility_rule("after_course_end", not_the_first)
    try:
        assert (
            issuing.do_issue_if_eligible(learner, "resident", completion_quiz.framework).certificate
            is None
        )
        second = take_quiz(learner, completion_quiz)
        result = issuing.do_issue_if_eligible(learner, "resident", completion_quiz.framework)
        assert result.certificate.attempt_id == second.pk
    finally:
        unregister_eligibility_rule("after_course_end")


def test_a_failing_rule_issues_nothing(learner, completion_quiz, take_quiz, issuer):
    def broken(context):
        raise RuntimeError("the courses database is away")

    register_eligibility_rule("broken", broken)
    try:
        take_quiz(learner, completion_quiz)
        result = issuing.do_issue_if_eligible(learner, "resident", completion_quiz.framework)
        assert result.certificate is None
        assert [reason.code for reason in result.eligibility.reasons] == ["rule_failed"]
    finally:
        unregister_eligibility_rule("broken")


def test_a_name_is_registered_once():
    # The apps' own rules (courses registers "course_completed") stay as they are.
    before = registered_rules()
    register_eligibility_rule("class_attended", class_attended)
    try:
        register_eligibility_rule("class_attended", class_attended)  # again: harmless
        with pytest.raises(ValueError):
            register_eligibility_rule("class_attended", lambda context: None)
        added = [rule.name for rule in registered_rules() if rule not in before]
        assert added == ["class_attended"]
    finally:
        unregister_eligibility_rule("class_attended")
    assert registered_rules() == before
