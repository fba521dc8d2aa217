"""The learner's path through a quiz, driven through the test client."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.actions import attempts as attempt_actions
from assessments.actions import (
    save_answer,
    start_or_resume_attempt,
    submit_attempt,
    submit_expired_attempts,
)
from assessments.actions.errors import AttemptClosed, InvalidAnswer, SlotNotInAttempt
from assessments.models import Attempt, AttemptSlot
from assessments.option_tokens import slot_codec
from assessments.scoring import correct_response

from .conftest import SECRET_FEEDBACK, SECRET_GENERAL, SECRET_SHORT

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def start(client, quiz):
    response = client.post(reverse("assessments:start", args=[quiz.slug]))
    assert response.status_code == 302, response.content
    return response


def form_for_key(slot):
    """Form data answering a slot with its key (choice and item ids become the
    slot's opaque tokens, as the page shows them)."""
    spec = slot.question_version.question_spec
    key = correct_response(spec)
    token = slot_codec(slot).token
    if spec.qtype == "single":
        return {"answer": token(key)}
    if spec.qtype in ("truefalse", "shortanswer", "essay"):
        return {"answer": key or "Bài luận của tôi"}
    if spec.qtype == "numerical":
        return {"answer": f"{key:g}"}
    if spec.qtype == "multiple":
        return {"answer": [token(choice) for choice in sorted(key)]}
    if spec.qtype == "ordering":
        return {f"position-{token(item)}": str(index + 1) for index, item in enumerate(key)}
    if spec.qtype == "matching":
        return {f"match-{left}": str(slot.option_order.index(right)) for left, right in key.items()}
    return {}


def test_full_flow_all_right(client_for, learner, quiz):
    client = client_for(learner)
    response = start(client, quiz)
    attempt = Attempt.objects.get(user=learner)
    assert response["Location"] == reverse("assessments:question", args=[attempt.pk, 1])
    slots = list(attempt.slots.select_related("question_version").order_by("position"))
    assert len(slots) == 8
    for slot in slots:
        url = reverse("assessments:question", args=[attempt.pk, slot.position])
        page = client.get(url)
        assert page.status_code == 200
        assert f"{slot.position}/8" in page.content.decode()
        response = client.post(url, {**form_for_key(slot), "go": "next"})
        assert response.status_code == 302
    finish = client.get(reverse("assessments:finish", args=[attempt.pk]))
    assert finish.status_code == 200
    response = client.post(reverse("assessments:finish", args=[attempt.pk]))
    assert response["Location"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == "submitted"
    # 7 auto-graded questions right; the essay waits for a teacher
    assert attempt.points == 7
    assert attempt.max_points == 8
    assert attempt.needs_grading is True
    assert attempt.passed is None
    result = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert 'class="result-score"' in result
    assert "ND.5" in result and "ND.4" in result  # the competency profile, one bar per area


def test_answers_are_saved_as_given_and_idempotent(client_for, learner, quiz):
    client = client_for(learner)
    start(client, quiz)
    attempt = Attempt.objects.get(user=learner)
    slot = attempt.slots.get(position=1)
    url = reverse("assessments:question", args=[attempt.pk, 1])
    data = form_for_key(slot)
    client.post(url, {**data, "go": "1"})
    first = AttemptSlot.objects.get(pk=slot.pk)
    client.post(url, {**data, "go": "1"})
    again = AttemptSlot.objects.get(pk=slot.pk)
    assert first.response == again.response == correct_response(slot.question_version.question_spec)
    assert first.answered_at == again.answered_at  # unchanged answer: nothing rewritten


def test_autosave_returns_json(client_for, learner, quiz):
    client = client_for(learner)
    start(client, quiz)
    attempt = Attempt.objects.get(user=learner)
    slot = attempt.slots.get(position=6)  # short answer
    response = client.post(
        reverse("assessments:question", args=[attempt.pk, 6]),
        {"answer": "cong dich vu cong"},
        HTTP_X_AUTOSAVE="1",
    )
    assert response.json() == {"saved": True, "position": 6}
    assert AttemptSlot.objects.get(pk=slot.pk).response == "cong dich vu cong"


def test_resume_returns_the_same_attempt(client_for, learner, quiz):
    client = client_for(learner)
    start(client, quiz)
    start(client, quiz)
    assert Attempt.objects.filter(user=learner).count() == 1


def test_concurrent_start_returns_the_existing_attempt(learner, quiz, monkeypatch):
    """The partial unique index catches a second start that missed the first."""
    first = start_or_resume_attempt(quiz, learner)
    real = attempt_actions.learner_history
    calls = {"n": 0}

    def miss_once(quiz_, user):
        calls["n"] += 1
        return [] if calls["n"] == 1 else real(quiz_, user)

    monkeypatch.setattr(attempt_actions, "learner_history", miss_once)
    second = start_or_resume_attempt(quiz, learner)
    assert calls["n"] == 1  # the second start missed the first and hit the index
    assert second.pk == first.pk
    assert Attempt.objects.filter(user=learner).count() == 1


# Feedback, accepted answers, the numerical key and grading words.
NO_LEAK = [
    SECRET_FEEDBACK,
    SECRET_GENERAL,
    SECRET_SHORT,
    "fraction",
    'value="115"',
    "selected>Định danh",
]


def test_open_attempt_pages_reveal_nothing(client_for, learner, quiz):
    client = client_for(learner)
    start(client, quiz)
    attempt = Attempt.objects.get(user=learner)
    pages = [
        client.get(
            reverse("assessments:question", args=[attempt.pk, slot.position])
        ).content.decode()
        for slot in attempt.slots.order_by("position")
    ]
    pages.append(client.get(reverse("assessments:finish", args=[attempt.pk])).content.decode())
    for html in pages:
        for secret in NO_LEAK:
            assert secret not in html
    # the ordering question is never shown in its right order
    ordering = next(s for s in attempt.slots.all() if s.question_version.qtype == "ordering")
    key = list(correct_response(ordering.question_version.question_spec))
    html = pages[ordering.position - 1]
    shown = re.findall(r'name="position-([0-9a-f]+)"', html)
    assert len(shown) == len(key) and not set(shown) & set(key)
    # the result page of an open attempt sends the learner back to the questions
    response = client.get(reverse("assessments:result", args=[attempt.pk]))
    assert response.status_code == 302


def test_someone_elses_attempt_is_404(client_for, learner, make_user, quiz):
    attempt = start_or_resume_attempt(quiz, learner)
    other = client_for(make_user())
    for name, args in [
        ("question", [attempt.pk, 1]),
        ("finish", [attempt.pk]),
        ("result", [attempt.pk]),
    ]:
        assert other.get(reverse(f"assessments:{name}", args=args)).status_code == 404
    response = other.post(reverse("assessments:question", args=[attempt.pk, 1]), {"answer": "x"})
    assert response.status_code == 404
    assert not AttemptSlot.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_bad_answers_change_nothing(learner, quiz):
    attempt = start_or_resume_attempt(quiz, learner)
    with pytest.raises(SlotNotInAttempt):
        save_answer(learner, attempt.pk, 99, "x")
    with pytest.raises(InvalidAnswer):
        save_answer(learner, attempt.pk, 1, "not-a-choice-id")
    submit_attempt(attempt)
    with pytest.raises(AttemptClosed):
        save_answer(learner, attempt.pk, 6, "x")
    assert not AttemptSlot.objects.filter(attempt=attempt, response__isnull=False).exists()


def test_answer_after_submit_redirects_to_result(client_for, learner, quiz):
    client = client_for(learner)
    start(client, quiz)
    attempt = Attempt.objects.get(user=learner)
    client.post(reverse("assessments:finish", args=[attempt.pk]))
    url = reverse("assessments:question", args=[attempt.pk, 6])
    response = client.post(url, {"answer": "x"})
    assert response["Location"] == reverse("assessments:result", args=[attempt.pk])
    response = client.post(url, {"answer": "x"}, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 409
    assert AttemptSlot.objects.get(attempt=attempt, position=6).response is None


def test_double_submit_scores_once(learner, quiz):
    attempt = start_or_resume_attempt(quiz, learner)
    first = submit_attempt(attempt)
    graded_at = first.attempt.graded_at
    second = submit_attempt(attempt)
    assert first.submitted_now and not second.submitted_now
    assert Attempt.objects.get(pk=attempt.pk).graded_at == graded_at


def test_time_limit_submits_on_next_request(client_for, learner, bank, make_quiz):
    quiz = make_quiz(bank, time_limit_minutes=10, grace_seconds=30)
    client = client_for(learner)
    start(client, quiz)
    attempt = Attempt.objects.get(user=learner)
    assert attempt.deadline is not None
    page = client.get(reverse("assessments:question", args=[attempt.pk, 1])).content.decode()
    assert 'aria-live="polite"' in page and "data-seconds-left" in page
    # inside the grace period answers are still accepted
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=10))
    slot = attempt.slots.get(position=6)
    client.post(reverse("assessments:question", args=[attempt.pk, 6]), {"answer": "abc"})
    assert AttemptSlot.objects.get(pk=slot.pk).response == "abc"
    # past the grace period the next request submits it
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    response = client.post(
        reverse("assessments:question", args=[attempt.pk, 6]), {"answer": "late"}
    )
    assert response["Location"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.submitted_by_timer
    assert AttemptSlot.objects.get(pk=slot.pk).response == "abc"


def test_submit_expired_attempts_task_action(learner, bank, make_quiz):
    quiz = make_quiz(bank, time_limit_minutes=1, grace_seconds=0)
    attempt = start_or_resume_attempt(quiz, learner)
    assert submit_expired_attempts() == 0
    later = timezone.now() + timedelta(minutes=2)
    assert submit_expired_attempts(now=later) == 1
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.percent == 0


def test_submit_expired_attempts_celery_task(learner, bank, make_quiz):
    from assessments.tasks import submit_expired_attempts as task

    quiz = make_quiz(bank, time_limit_minutes=1, grace_seconds=0)
    attempt = start_or_resume_attempt(quiz, learner)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    assert task.apply().get() == 1


def test_attempt_limit(learner, bank, make_quiz):
    from assessments.actions.errors import NoAttemptsLeft

    quiz = make_quiz(bank, max_attempts=1)
    submit_attempt(start_or_resume_attempt(quiz, learner))
    with pytest.raises(NoAttemptsLeft):
        start_or_resume_attempt(quiz, learner)


def test_quiz_list_shows_own_audience_only(client_for, learner, bank, make_quiz):
    mine = make_quiz(bank, title="Cho người dân")
    other = make_quiz(bank, title="Cho học sinh", audience="student")
    html = client_for(learner).get(reverse("assessments:quiz_list")).content.decode()
    assert mine.title in html and other.title not in html


def test_review_options_limit_the_result_page(client_for, learner, bank, make_quiz):
    quiz = make_quiz(bank, review_after_submit=["score"], shuffle_questions=False)
    client = client_for(learner)
    start(client, quiz)
    attempt = Attempt.objects.get(user=learner)
    client.post(reverse("assessments:finish", args=[attempt.pk]))
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert SECRET_FEEDBACK not in html and SECRET_GENERAL not in html
    quiz.review_after_submit = [
        "score",
        "feedback",
        "general_feedback",
        "right_answer",
        "responses",
    ]
    quiz.save()
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert SECRET_GENERAL in html and SECRET_SHORT in html


def test_learn_next_hook(client_for, learner, quiz, settings):
    settings.ASSESSMENTS_RECOMMENDER = "tests.assessments.test_attempt_flow.fake_recommender"
    client = client_for(learner)
    start(client, quiz)
    attempt = Attempt.objects.get(user=learner)
    client.post(reverse("assessments:finish", args=[attempt.pk]))
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "/thu-vien/nd-5-2/" in html


def fake_recommender(codes, audience="", limit=5):
    return [(f"Bài học {code}", f"/thu-vien/{code.lower().replace('.', '-')}/") for code in codes]
