"""Issue 14: the exam moment's payloads are built as plain dicts
(assessments/api/payloads.py); they must say byte for byte what the documented
serializers say, for every question type, open and submitted, timed or not."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from assessments.actions import start_or_resume_attempt, submit_attempt
from assessments.api.payloads import attempt_data, attempt_result_data, open_question_data
from assessments.api.serializers import (
    AttemptResultSerializer,
    AttemptSerializer,
    OpenQuestionSerializer,
)
from assessments.models import Attempt
from assessments.presentation import open_question

pytestmark = pytest.mark.django_db


def _json(data) -> bytes:
    return JSONRenderer().render(data)


def _same(fast, documented):
    assert _json(fast) == _json(documented)


@pytest.mark.parametrize("time_limit", [None, 20])
def test_attempt_and_question_payloads_match_their_serializers(
    bank, make_quiz, learner, time_limit
):
    quiz = make_quiz(bank, time_limit_minutes=time_limit, closes_at=None)
    attempt = start_or_resume_attempt(quiz, learner)
    _same(attempt_data(attempt), AttemptSerializer(attempt).data)
    slots = list(attempt.slots.select_related("question_version").order_by("position"))
    assert len(slots) == len(bank)
    for slot in slots:
        question = open_question(slot, total=len(slots))
        _same(open_question_data(question), OpenQuestionSerializer(question).data)
    # A saved answer travels too (as JSON, whatever its type).
    first = slots[0]
    first.response = ["x", "y"]
    question = open_question(first, total=len(slots))
    _same(open_question_data(question), OpenQuestionSerializer(question).data)

    submit_attempt(attempt, now=timezone.now() + timedelta(minutes=1))
    submitted = Attempt.objects.select_related("quiz").get(pk=attempt.pk)
    _same(attempt_result_data(submitted), AttemptResultSerializer(submitted).data)
    _same(attempt_data(submitted), AttemptSerializer(submitted).data)


def test_an_ungraded_attempt_has_null_figures_in_both(quiz, learner):
    attempt = start_or_resume_attempt(quiz, learner)
    assert attempt.points is None
    _same(attempt_result_data(attempt), AttemptResultSerializer(attempt).data)
