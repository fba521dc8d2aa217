"""Races that only a real database with concurrent connections shows (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from assessments.actions import save_answer, start_or_resume_attempt, submit_attempt
from assessments.actions.errors import AttemptClosed
from assessments.models import Attempt

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent writers: SQLite serialises every write, so there is no race "
        "to test (CI runs this on PostgreSQL via DATABASE_URL)",
    ),
]

THREADS = 8


def run_together(target, count=THREADS):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, errors


def test_double_submit_scores_exactly_once(learner, quiz):
    attempt = start_or_resume_attempt(quiz, learner)
    results, errors = run_together(lambda: submit_attempt(attempt))
    assert not errors
    assert sum(result.submitted_now for result in results) == 1
    assert len({result.attempt.graded_at for result in results}) == 1


def test_concurrent_starts_make_one_attempt(learner, quiz):
    results, errors = run_together(lambda: start_or_resume_attempt(quiz, learner).pk)
    assert not errors
    assert len(set(results)) == 1
    assert Attempt.objects.filter(user=learner, quiz=quiz).count() == 1


def test_answers_racing_a_submit_are_either_scored_or_refused(learner, quiz):
    attempt = start_or_resume_attempt(quiz, learner)
    turns = iter(range(THREADS))
    lock = threading.Lock()

    def answer_or_submit():
        with lock:
            turn = next(turns)
        if turn == 0:
            return ("submit", submit_attempt(attempt).submitted_now)
        try:
            save_answer(learner, attempt.pk, 6, "cong dich vu cong bi mat")
            return ("saved", True)
        except AttemptClosed:
            return ("refused", True)

    outcomes, errors = run_together(answer_or_submit)
    assert not errors
    attempt.refresh_from_db()
    slot = attempt.slots.get(position=6)
    saved = any(kind == "saved" for kind, _ in outcomes)
    # an answer that was accepted is part of the score; a refused one changed nothing
    if saved:
        assert slot.response is not None and slot.fraction == 1.0
    else:
        assert slot.response is None
