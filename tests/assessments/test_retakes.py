"""Retake policy: after the quiz's number of failed attempts in a row, the
learner waits (default 24 h after the second failure); the start action (HTML
and API) refuses until then and says when, in Vietnam's local time."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from assessments.actions import start_or_resume_attempt, submit_attempt
from assessments.models import Attempt
from assessments.retakes import AttemptOutcome, retake_available_at

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = timedelta(hours=24)
START = datetime(2026, 1, 1, tzinfo=UTC)


def fail(when):
    return AttemptOutcome(submitted_at=when, passed=False)


def test_waiting_starts_at_the_second_failure():
    assert retake_available_at([fail(START)], wait=DAY, after_failures=2) is None
    two = [fail(START), fail(START + timedelta(hours=1))]
    assert retake_available_at(two, wait=DAY, after_failures=2) == START + timedelta(hours=25)
    passed = [*two, AttemptOutcome(START + timedelta(hours=30), True)]
    assert retake_available_at(passed, wait=DAY, after_failures=2) is None
    assert retake_available_at(two, wait=timedelta(0), after_failures=2) is None


outcomes = st.lists(
    st.tuples(st.integers(min_value=1, max_value=10**6), st.sampled_from([True, False, None])),
    max_size=12,
).map(
    lambda steps: [
        AttemptOutcome(START + timedelta(seconds=sum(s for s, _p in steps[: i + 1])), passed)
        for i, (_s, passed) in enumerate(steps)
    ]
)


@given(outcomes, st.integers(min_value=0, max_value=72), st.integers(min_value=1, max_value=5))
def test_retake_rule_properties(history, hours, after):
    wait = timedelta(hours=hours)
    available = retake_available_at(history, wait=wait, after_failures=after)
    graded = [o for o in history if o.passed is not None]
    run = 0
    for outcome in graded:
        run = 0 if outcome.passed else run + 1
    if hours == 0 or run < after:
        assert available is None
    else:
        # Exactly the wait after the latest failure, never earlier.
        assert available == graded[-1].submitted_at + wait
    # One more failure never lets the learner in sooner.
    later = START + timedelta(days=400)
    more = retake_available_at([*history, fail(later)], wait=wait, after_failures=after)
    if hours and available is not None:
        assert more is not None and more >= available


@pytest.fixture
def two_failures(quiz, learner):
    """Two submitted, failed attempts (nothing answered), the second an hour ago."""
    from django.utils import timezone

    now = timezone.now()
    for hours_ago in (3, 1):
        when = now - timedelta(hours=hours_ago)
        attempt = start_or_resume_attempt(quiz, learner, now=when)
        submit_attempt(attempt, now=when + timedelta(minutes=5))
    last = Attempt.objects.filter(user=learner).order_by("-number").first()
    assert last.passed is False
    return last.submitted_at + DAY


def local_label(moment):
    return moment.astimezone(VIETNAM).strftime("%H:%M ngày %d/%m/%Y")


@pytest.mark.django_db
def test_start_page_refuses_and_says_when(client, quiz, learner, two_failures):
    client.force_login(learner)
    response = client.post(reverse("assessments:start", args=[quiz.slug]), follow=True)
    body = response.content.decode()
    assert local_label(two_failures) in body
    assert "Bạn có thể làm lại" in body
    assert Attempt.objects.filter(user=learner).count() == 2
    # The quiz page itself says it before the learner presses Start.
    page = client.get(reverse("assessments:quiz", args=[quiz.slug])).content.decode()
    assert local_label(two_failures) in page


@pytest.mark.django_db
def test_api_start_refuses_until_the_wait_is_over(quiz, learner, two_failures):
    api = APIClient()
    api.force_authenticate(learner)
    response = api.post(f"/api/v1/quizzes/{quiz.slug}/start/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "retake_wait"
    assert datetime.fromisoformat(body["params"]["available_at"]) == two_failures
    assert local_label(two_failures) in body["detail"]
    # Once the wait is over (the failures moved back in time), starting works.
    Attempt.objects.filter(user=learner).update(
        submitted_at=two_failures - DAY - timedelta(hours=24)
    )
    assert api.post(f"/api/v1/quizzes/{quiz.slug}/start/").status_code == 201


@pytest.mark.django_db
def test_a_quiz_without_waiting_time(quiz, learner, two_failures):
    quiz.retake_wait_hours = 0
    quiz.save()
    api = APIClient()
    api.force_authenticate(learner)
    assert api.post(f"/api/v1/quizzes/{quiz.slug}/start/").status_code == 201
