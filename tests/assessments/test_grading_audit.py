"""Issue 11 §2 ("grades changed"): a teacher grading an essay answer through the
grading page leaves one audit event naming the grader, the attempt and the score
before and after; a regrade records the previous grade; a refused grade records
nothing."""

import pytest
from django.urls import reverse

from assessments.actions import save_answer, start_or_resume_attempt, submit_attempt
from assessments.models import Attempt
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

VERB = "assessments.answer_graded"


@pytest.fixture
def essay_slot(quiz, learner, instructor):
    quiz.created_by = instructor
    quiz.save()
    attempt = start_or_resume_attempt(quiz, learner)
    save_answer(learner, attempt.pk, 8, "Tôi sẽ không chia sẻ mật khẩu.")
    submit_attempt(attempt)
    return attempt.slots.get(position=8)


def grade(client, slot, percent, comment=""):
    return client.post(
        reverse("assessments:grade", args=[slot.pk]), {"percent": percent, "comment": comment}
    )


def test_grading_an_essay_records_who_what_and_the_score_before_and_after(
    client, instructor, learner, essay_slot
):
    before = Attempt.objects.get(pk=essay_slot.attempt_id)
    client.force_login(instructor)
    assert grade(client, essay_slot, "100", "Tốt").status_code == 302

    after = Attempt.objects.get(pk=essay_slot.attempt_id)
    [event] = AuditEvent.objects.filter(verb=VERB)
    assert event.actor == instructor
    assert event.actor_label == instructor.get_username()
    assert (event.target_type, event.target_id) == ("assessments.attempt", str(after.pk))
    assert event.unit_id == learner.home_unit_id
    assert event.extra["learner"] == learner.pk
    assert event.extra["question_position"] == 8
    assert event.extra["before"] == {
        "grade": None,
        "points": before.points,
        "percent": before.percent,
        "passed": before.passed,
    }
    assert event.extra["after"] == {
        "grade": 1.0,
        "points": after.points,
        "percent": after.percent,
        "passed": after.passed,
    }
    assert after.points == before.points + 1


def test_a_regrade_records_the_previous_grade(client, instructor, essay_slot):
    client.force_login(instructor)
    grade(client, essay_slot, "100")
    grade(client, essay_slot, "25")
    latest = AuditEvent.objects.filter(verb=VERB).order_by("-id").first()
    assert AuditEvent.objects.filter(verb=VERB).count() == 2
    assert latest.extra["before"]["grade"] == 1.0
    assert latest.extra["after"]["grade"] == 0.25


def test_a_refused_grade_records_nothing(client, instructor, essay_slot):
    client.force_login(instructor)
    assert grade(client, essay_slot, "150").status_code == 400
    assert not AuditEvent.objects.filter(verb=VERB).exists()
    assert not AuditEvent.objects.filter(target_type="assessments.attempt").exists()


def test_the_trail_names_the_action_in_vietnamese():
    from django.utils import translation

    from lms.audit.verbs import verb_label

    with translation.override("vi"):
        assert verb_label(VERB) == "Chấm điểm câu trả lời"
