"""Closing times: an attempt's cut-off is the earlier of its time limit (plus
grace) and the quiz's closing time; nothing is accepted after it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.actions import save_answer, start_or_resume_attempt, submit_expired_attempts
from assessments.actions.errors import AttemptClosed
from assessments.models import Attempt, AttemptSlot
from assessments.scoring.deadlines import attempt_cutoff, is_past, timer_end

from .test_attempt_flow import form_for_key

# --- the pure rule -------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
maybe_moments = st.none() | moments
graces = st.integers(min_value=0, max_value=3600)


@settings(deadline=None)
@given(limit_end=maybe_moments, closes_at=maybe_moments, grace=graces)
def test_cutoff_is_the_earlier_of_time_limit_and_close(limit_end, closes_at, grace):
    cutoff = attempt_cutoff(time_limit_end=limit_end, grace_seconds=grace, closes_at=closes_at)
    candidates = [c for c in (closes_at,) if c is not None]
    if limit_end is not None:
        candidates.append(limit_end + timedelta(seconds=grace))
    assert cutoff == (min(candidates) if candidates else None)
    # never later than the close: no answer is accepted once review after close may show keys
    if closes_at is not None:
        assert cutoff <= closes_at


@settings(deadline=None)
@given(limit_end=maybe_moments, closes_at=maybe_moments, grace=graces, now=moments)
def test_past_cutoff_means_past_one_of_the_limits(limit_end, closes_at, grace, now):
    cutoff = attempt_cutoff(time_limit_end=limit_end, grace_seconds=grace, closes_at=closes_at)
    past_close = closes_at is not None and now >= closes_at
    past_limit = limit_end is not None and now >= limit_end + timedelta(seconds=grace)
    assert is_past(cutoff, now) == (past_close or past_limit)


@settings(deadline=None)
@given(limit_end=maybe_moments, closes_at=maybe_moments, grace=graces)
def test_timer_shows_the_effective_end_before_the_cutoff(limit_end, closes_at, grace):
    shown = timer_end(time_limit_end=limit_end, closes_at=closes_at)
    cutoff = attempt_cutoff(time_limit_end=limit_end, grace_seconds=grace, closes_at=closes_at)
    assert (shown is None) == (cutoff is None)
    if shown is not None:
        assert shown <= cutoff
        assert shown == min(c for c in (limit_end, closes_at) if c is not None)


@settings(deadline=None)
@given(limit_end=moments, grace=graces)
def test_cutoff_is_monotonic_in_the_close(limit_end, grace):
    early = limit_end - timedelta(minutes=5)
    late = limit_end + timedelta(minutes=5)
    first = attempt_cutoff(time_limit_end=limit_end, grace_seconds=grace, closes_at=early)
    second = attempt_cutoff(time_limit_end=limit_end, grace_seconds=grace, closes_at=late)
    assert first <= second


# --- the scenario of the issue ---------------------------------------------------

pytestmark_db = pytest.mark.django_db


def _answer_right(learner, attempt, position, now=None):
    slot = attempt.slots.get(position=position)
    form = form_for_key(slot)

    def get(name, default=None):
        value = form.get(name, default)
        return value[0] if isinstance(value, list) else value

    def getlist(name):
        value = form.get(name, [])
        return value if isinstance(value, list) else [value]

    return save_answer(learner, attempt.pk, position, None, from_form=(get, getlist), now=now)


@pytest.fixture
def closing_quiz(bank, make_quiz):
    """A quiz without a time limit that closes in ten minutes, review after close
    showing everything (the default)."""
    return make_quiz(bank[:3], closes_at=timezone.now() + timedelta(minutes=10), grace_seconds=60)


@pytest.mark.django_db
def test_answers_after_the_close_are_refused_and_submit_counts_earlier_ones(learner, closing_quiz):
    attempt = start_or_resume_attempt(closing_quiz, learner)
    _answer_right(learner, attempt, 1)
    after_close = closing_quiz.closes_at + timedelta(seconds=1)
    with pytest.raises(AttemptClosed):
        _answer_right(learner, attempt, 2, now=after_close)
    assert AttemptSlot.objects.get(attempt=attempt, position=2).response is None
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.submitted_by_timer
    # only the answer saved before the close counts
    assert attempt.points == pytest.approx(1.0)
    assert attempt.percent < 100


@pytest.mark.django_db
def test_beat_job_submits_attempts_past_the_close(learner, make_user, closing_quiz):
    attempt = start_or_resume_attempt(closing_quiz, learner)
    _answer_right(learner, attempt, 1)
    other = start_or_resume_attempt(closing_quiz, make_user())
    assert submit_expired_attempts(now=closing_quiz.closes_at - timedelta(seconds=1)) == 0
    assert submit_expired_attempts(now=closing_quiz.closes_at) == 2
    attempt.refresh_from_db()
    other.refresh_from_db()
    assert attempt.state == other.state == "submitted"
    assert attempt.submitted_by_timer and attempt.points == pytest.approx(1.0)


@pytest.mark.django_db
def test_beat_job_follows_a_close_moved_after_the_start(learner, bank, make_quiz):
    quiz = make_quiz(bank[:2], time_limit_minutes=60)
    attempt = start_or_resume_attempt(quiz, learner)
    quiz.closes_at = timezone.now() + timedelta(minutes=5)
    quiz.save()
    assert submit_expired_attempts(now=quiz.closes_at + timedelta(seconds=1)) == 1
    attempt.refresh_from_db()
    assert attempt.state == "submitted"


@pytest.mark.django_db
def test_html_and_autosave_refuse_after_the_close(client, learner, closing_quiz):
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[closing_quiz.slug]))
    attempt = Attempt.objects.get(user=learner)
    page = client.get(reverse("assessments:question", args=[attempt.pk, 1])).content.decode()
    assert "data-seconds-left" in page  # the timer shows the closing time
    type(closing_quiz).objects.filter(pk=closing_quiz.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    slot = attempt.slots.get(position=1)
    response = client.post(
        reverse("assessments:question", args=[attempt.pk, 1]),
        form_for_key(slot),
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 409 and response.json()["closed"] is True
    assert AttemptSlot.objects.get(pk=slot.pk).response is None
    attempt.refresh_from_db()
    assert attempt.state == "submitted"


@pytest.mark.django_db
def test_api_refuses_answers_after_the_close(client, learner, closing_quiz):
    client.force_login(learner)
    started = client.post(f"/api/v1/quizzes/{closing_quiz.slug}/start/")
    assert started.status_code == 201
    attempt_id = started.json()["id"]
    assert started.json()["deadline"] is not None  # the close is the client's deadline
    type(closing_quiz).objects.filter(pk=closing_quiz.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/",
        {"response": "1"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["code"] in ("attempt_expired", "attempt_closed")
    assert AttemptSlot.objects.get(attempt_id=attempt_id, position=1).response is None


@pytest.mark.django_db
def test_review_after_close_never_meets_an_attempt_that_still_takes_answers(
    client, learner, make_user, closing_quiz
):
    """The issue's leak: one learner's review after close showed the keys while
    another learner's attempt still accepted answers."""
    from assessments.views.learner import review_options

    late = make_user()
    late_attempt = start_or_resume_attempt(closing_quiz, late)
    early = start_or_resume_attempt(closing_quiz, learner)
    from assessments.actions import submit_attempt

    submit_attempt(early)
    type(closing_quiz).objects.filter(pk=closing_quiz.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    early.refresh_from_db()
    early.quiz.refresh_from_db()
    assert "right_answer" in review_options(early)  # the keys are shown after the close...
    with pytest.raises(AttemptClosed):  # ...and no attempt takes answers any more
        _answer_right(late, late_attempt, 1)


@given(counts=st.booleans(), untimed=st.booleans())
def test_only_practice_in_the_easy_mode_drops_the_time_limit(counts, untimed):
    from assessments.scoring.deadlines import time_limit_applies

    applies = time_limit_applies(counts_for_certificate=counts, untimed_practice=untimed)
    assert applies == (counts or not untimed)
    if counts:
        assert applies  # a certificate attempt is always timed


@pytest.mark.django_db
def test_a_learner_in_the_easy_mode_practises_without_a_timer(learner, bank, make_quiz):
    practice = make_quiz(bank[:2], time_limit_minutes=10)
    assert start_or_resume_attempt(practice, learner).deadline is not None
    Attempt.objects.all().delete()
    learner.easy_mode = True
    learner.save(update_fields=["easy_mode"])
    assert start_or_resume_attempt(practice, learner).deadline is None
