"""The duplicate-answer race with concurrent connections (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from assessments.live import actions
from assessments.live.models import LiveAnswer, Participant

from .conftest import right_answer, wrong_answer

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent writers: SQLite serialises every write, so there is no race "
        "to test (CI runs this on PostgreSQL via DATABASE_URL)",
    ),
]

THREADS = 12


def run_together(targets):
    barrier = threading.Barrier(len(targets))
    results, errors = [], []

    def worker(target):
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, errors


def test_double_taps_store_one_answer_and_score_once(session, instructor):
    ann = actions.do_join(session, name="An")
    actions.do_join(session, name="Bảo")
    actions.do_advance(session, instructor)
    responses = [
        right_answer(session, 0) if i % 2 else wrong_answer(session, 0) for i in range(THREADS)
    ]
    results, errors = run_together(
        [lambda r=r: actions.do_answer(Participant.objects.get(pk=ann.pk), 0, r) for r in responses]
    )
    assert not errors
    assert sum(result.created for result in results) == 1
    assert len({result.answer.pk for result in results}) == 1
    assert len({repr(result.answer.response) for result in results}) == 1
    assert LiveAnswer.objects.filter(participant=ann).count() == 1
    ann.refresh_from_db()
    stored = LiveAnswer.objects.get(participant=ann)
    assert ann.score == stored.points + stored.streak_points and ann.answer_count == 1


def test_many_participants_answer_at_once(session, instructor):
    people = [actions.do_join(session, name=f"Người {i}") for i in range(THREADS)]
    actions.do_advance(session, instructor)
    answer = right_answer(session, 0)
    results, errors = run_together(
        [lambda p=p: actions.do_answer(p, 0, answer) for p in people]
        + [lambda p=p: actions.do_answer(p, 0, answer) for p in people[:4]]
    )
    assert not errors
    assert LiveAnswer.objects.count() == THREADS
    assert sum(result.created for result in results) == THREADS
