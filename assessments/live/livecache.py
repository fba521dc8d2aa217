"""Caches of the hot paths, each keyed so that it can never outlive its
session row: the key carries the session's id *and* its creation instant
(microseconds), so a recreated or restored database that reuses an id never
meets the old session's entries.

- the session's questions (with their versions): drawn at start and never
  changed afterwards, so each process keeps them in memory;
- answer counters per question: the shared cache's atomic ``incr``, set to 0
  when the question opens and bumped after each answer's commit, so the count
  screens show is the number of stored answers without a COUNT per answer;
- the number of active participants: decides when "everyone answered" is
  worth an exact check (a stale value only delays that check or repeats it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.core.cache import cache

from .models import LiveAnswer, LiveQuestion, LiveSession, Participant

QUESTIONS_KEPT = 256  # sessions whose questions one process keeps in memory
COUNTER_SECONDS = 6 * 3600
ACTIVE_SECONDS = 30  # a lazily counted value heals itself quickly

_questions: OrderedDict[str, list[LiveQuestion]] = OrderedDict()
_questions_lock = threading.Lock()


def session_stamp(session: LiveSession) -> str:
    return f"{session.pk}.{int(session.created_at.timestamp() * 1_000_000)}"


def key(session: LiveSession, *parts) -> str:
    return ":".join(["live", session_stamp(session), *(str(p) for p in parts)])


def questions_of(session: LiveSession) -> list[LiveQuestion]:
    """The session's questions in position order, with versions loaded."""
    stamp = session_stamp(session)
    with _questions_lock:
        found = _questions.get(stamp)
        if found is not None:
            _questions.move_to_end(stamp)
            return found
    loaded = list(
        LiveQuestion.objects.filter(session_id=session.pk)
        .select_related("question_version")
        .order_by("position")
    )
    with _questions_lock:
        _questions[stamp] = loaded
        while len(_questions) > QUESTIONS_KEPT:
            _questions.popitem(last=False)
    return loaded


def question_at(session: LiveSession, position: int) -> LiveQuestion | None:
    questions = questions_of(session)
    if 0 <= position < len(questions) and questions[position].position == position:
        return questions[position]
    return next((q for q in questions if q.position == position), None)


def start_answer_counters(session: LiveSession, positions) -> None:
    """Before any answer to these questions can be accepted: counters at 0
    (``add``: a second opener, losing the race, never zeroes a running count)."""
    for position in positions:
        cache.add(key(session, "answered", _slot(position)), 0, COUNTER_SECONDS)


def _stored_count(session: LiveSession, position: int | None) -> int:
    answers = LiveAnswer.objects.filter(session=session)
    if position is not None:
        answers = answers.filter(question__position=position)
    return answers.count()


def count_answer(session: LiveSession, position: int | None) -> int:
    """One more stored answer to the question at ``position`` (``None``: to
    any question, as learner-paced screens count); the new count. Without a
    counter (evicted, or a cache restart) the database counts."""
    try:
        return cache.incr(key(session, "answered", _slot(position)))
    except ValueError:
        return _stored_count(session, position)


def count_answer_and_active(session: LiveSession, position: int | None) -> tuple[int, int]:
    """``count_answer`` and ``active_participants`` together: one Redis round
    trip on the project's Redis cache (lms.core.scoped_cache), where an answer
    otherwise paid three."""
    if not hasattr(cache, "incr_existing_and_get"):
        return count_answer(session, position), active_participants(session)
    count, active = cache.incr_existing_and_get(
        key(session, "answered", _slot(position)), key(session, "active")
    )
    if count is None:
        count = _stored_count(session, position)
    if active is None:
        active = active_participants(session)
    return count, active


def answered(session: LiveSession, position: int | None) -> int:
    found = cache.get(key(session, "answered", _slot(position)))
    return _stored_count(session, position) if found is None else found


def _slot(position: int | None) -> str:
    return "all" if position is None else str(position)


def active_participants(session: LiveSession) -> int:
    found = cache.get(key(session, "active"))
    if found is None:
        found = Participant.objects.filter(session=session, removed=False).count()
        cache.set(key(session, "active"), found, ACTIVE_SECONDS)
    return found


def forget_active(session: LiveSession) -> None:
    cache.delete(key(session, "active"))
