"""Each phone's own part of the state: its score, rank and answer, projected
by ``visibility`` so that nothing in it depends on an answer whose question is
not revealed yet.

``personal_states`` builds every participant's part at once (three queries
whatever the number of phones): the reveal and the end carry each phone's
result in the fan-out itself, so no phone queries anything when they arrive.
``personal_state`` builds one (a phone connecting, syncing or polling)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Any

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from . import livecache, visibility
from .models import LiveAnswer, LiveSession, Mode, Participant, Status
from .state import phone_question, phone_response


def _fact(answer: LiveAnswer) -> visibility.AnswerFact:
    return visibility.AnswerFact(
        position=answer.question.position,
        fraction=answer.fraction,
        points=answer.points,
        streak_points=answer.streak_points,
    )


def _answers(session: LiveSession, **filters) -> dict[int, list[LiveAnswer]]:
    """Stored answers per participant in question order, their questions
    taken from the session's cached list (no join)."""
    by_id = {q.pk: q for q in livecache.questions_of(session)}
    found: dict[int, list[LiveAnswer]] = defaultdict(list)
    for answer in LiveAnswer.objects.filter(session=session, **filters):
        answer.question = by_id[answer.question_id]
        found[answer.participant_id].append(answer)
    for answers in found.values():
        answers.sort(key=lambda a: a.question.position)
    return found


def _revealed(session: LiveSession, total: int) -> int | None:
    return visibility.revealed_count(session.mode, session.status, session.current_index, total)


def _standing(participant: Participant, answers, revealed) -> visibility.Standing | None:
    stored = visibility.Standing(participant.score, participant.correct_count, participant.streak)
    return visibility.project(stored, [_fact(a) for a in answers], revealed)


def _me(participant, session, answers, standing, place, revealed, total) -> dict:
    me: dict[str, Any] = {
        "id": participant.pk,
        "name": participant.display_name,
        "rejoin_code": participant.rejoin_code,
        "extra_seconds": participant.extra_seconds,
        "removed": participant.removed,
        "claimed": participant.user_id is not None,
        **visibility.standing_view(standing, place),
        "answer": None,
        "question": None,
    }

    def view(answer: LiveAnswer) -> dict:
        response = phone_response(session, participant.pk, answer.question, answer.response)
        return visibility.answer_view(_fact(answer), response, revealed)

    if session.mode == Mode.INSTRUCTOR:
        if session.current_index >= 0 and session.status in (Status.QUESTION, Status.REVEAL):
            current = [a for a in answers if a.question.position == session.current_index]
            me["answer"] = view(current[0]) if current else None
    else:
        position = participant.answer_count
        me["position"] = position
        me["done"] = position >= total
        me["answer"] = view(answers[-1]) if answers else None
        if session.status == Status.RUNNING and position < total:
            current = livecache.question_at(session, position)
            me["question"] = phone_question(session, participant.pk, current, total)
    return me


def shown_rank(session: LiveSession, score: int, revealed: int) -> int:
    """``visibility.rank`` among the session's participants as phones see
    them: while a question is open, everyone's points for it are taken off."""
    people = Participant.objects.filter(session=session, removed=False)
    if session.status == Status.QUESTION:
        hidden = Q(answers__question__position__gte=revealed)
        people = people.annotate(
            hidden=Coalesce(
                Sum(F("answers__points") + F("answers__streak_points"), filter=hidden), 0
            )
        ).annotate(shown=F("score") - F("hidden"))
        return people.filter(shown__gt=score).count() + 1
    return people.filter(score__gt=score).count() + 1


def personal_state(participant: Participant, session: LiveSession) -> dict:
    """One phone's own part of the state."""
    total = len(livecache.questions_of(session))
    revealed = _revealed(session, total)
    answers = _answers(session, participant=participant).get(participant.pk, [])
    standing = _standing(participant, answers, revealed)
    place = shown_rank(session, standing.score, revealed) if standing else None
    return _me(participant, session, answers, standing, place, revealed, total)


def personal_states(session: LiveSession) -> dict[int, dict]:
    """Every active participant's own part, by participant id, computed in
    bulk: ranks come from the projected scores of everyone, in memory."""
    total = len(livecache.questions_of(session))
    revealed = _revealed(session, total)
    people = list(Participant.objects.filter(session=session, removed=False))
    answers = _answers(session, participant__removed=False)
    standings = {p.pk: _standing(p, answers.get(p.pk, []), revealed) for p in people}
    scores = sorted(s.score for s in standings.values() if s is not None)

    def place(standing) -> int | None:
        if standing is None:
            return None
        return 1 + len(scores) - bisect.bisect_right(scores, standing.score)

    return {
        p.pk: _me(
            p,
            session,
            answers.get(p.pk, []),
            standings[p.pk],
            place(standings[p.pk]),
            revealed,
            total,
        )
        for p in people
    }
