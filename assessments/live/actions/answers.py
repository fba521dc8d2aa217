"""Recording an answer: the hot path of a live session (hundreds of phones
within a few seconds), so it reads one row, writes in one statement inside
one short transaction (``rows``: SQL written once) and counts with the shared
cache (``livecache``).

- an answer is in the database before anyone is told it was recorded, and the
  UniqueConstraint (session, participant, question) makes it insert-or-ignore:
  a second copy returns the stored answer unchanged;
- time is the server's (``timezone.now()``), never the phone's;
- the channel layer is told after the commit, and only to fan out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.responses import ResponseError, clean_response
from assessments.scoring import grade_response

from .. import errors, events, livecache, phone_options, rows
from ..models import LiveAnswer, LiveQuestion, LiveSession, Mode, Participant, Status
from ..phone_options import PhoneAnswerError
from ..scoring import base_points, is_correct, next_streak, streak_points
from ..state import phone_order
from .transitions import close_question, grace


@dataclass
class AnswerResult:
    answer: LiveAnswer
    created: bool
    # A new answer: the question the screens count it under (None: the whole
    # learner-paced session) and the stored answers counted there now.
    counted: tuple[int | None, int] | None = None


def _stored(participant: Participant, question: LiveQuestion) -> LiveAnswer | None:
    stored = LiveAnswer.objects.filter(participant_id=participant.pk, question=question).first()
    if stored is not None:
        stored.question, stored.session = question, participant.session
    return stored


def check_answer_allowed(
    participant: Participant, session: LiveSession, position: int, now
) -> tuple[LiveQuestion, int]:
    """The question at ``position`` and the milliseconds since it opened, if
    the session takes this participant's answer to it now; else the error."""
    if participant.removed:
        raise errors.NotParticipant()
    question = livecache.question_at(session, position)
    if question is None:
        raise errors.WrongQuestion()
    extra = timedelta(seconds=participant.extra_seconds)
    if session.status == Status.ENDED:
        raise errors.SessionEnded()
    if session.mode == Mode.INSTRUCTOR:
        if session.status != Status.QUESTION:
            raise errors.NotAccepting()
        if position != session.current_index:
            raise errors.WrongQuestion()
        if now > session.question_deadline + extra + grace():
            raise errors.TimeUp()
        return question, int((now - session.question_started_at).total_seconds() * 1000)
    if session.status != Status.RUNNING:
        raise errors.NotAccepting()
    if now > session.deadline + extra + grace():
        raise errors.TimeUp()
    if position != participant.answer_count:
        raise errors.WrongQuestion()
    return question, 0


def check_response(session, participant, question, response, *, from_phone: bool):
    spec = question.question_version.question_spec
    try:
        if from_phone:
            ids, order = phone_order(session, participant.pk, question)
            response = phone_options.from_phone(spec.qtype, ids, order, response)
        cleaned = clean_response(spec, question.option_order, response)
    except (ResponseError, PhoneAnswerError, TypeError):
        raise errors.BadAnswer() from None
    if cleaned is None:
        raise errors.BadAnswer(_("Choose an answer first."))
    return cleaned


def do_answer_with_token(
    session_id: int, token: str | None, position: object, response: object, *, announce=True
) -> AnswerResult:
    """A phone's answer, as the WebSocket and the HTTP fallback receive it.
    ``announce=False``: the caller sends the screens the count (``counted``)
    itself, coalesced (the WebSocket consumer, see ``countrelay``)."""
    participant = rows.participant_by_token(session_id, token) if token else None
    if participant is None:
        raise errors.NotParticipant()
    return _record(participant, position, response, from_phone=True, announce=announce)


def do_answer(
    participant: Participant, position: object, response: object, *, from_phone: bool = False
) -> AnswerResult:
    """Record ``participant``'s answer to the question at ``position``.

    ``from_phone``: the response names places on the phone's screen, not
    option ids (see ``phone_options``); it is mapped back here.

    Insert-or-ignore: a retry, double tap or resend after a reconnect returns
    the answer already stored (``created=False``) and changes nothing."""
    fresh = Participant.objects.select_related("session").filter(pk=participant.pk).first()
    if fresh is None:
        raise errors.NotParticipant()
    return _record(fresh, position, response, from_phone=from_phone)


def _record(
    participant: Participant, position, response, *, from_phone: bool, announce: bool = True
) -> AnswerResult:
    now = timezone.now()
    if isinstance(position, bool) or not isinstance(position, int):
        raise errors.BadRequest()
    session = participant.session  # read with the participant, in this request
    try:
        question, elapsed_ms = check_answer_allowed(participant, session, position, now)
        cleaned = check_response(session, participant, question, response, from_phone=from_phone)
    except errors.LiveError:
        # A resend of an answer already stored (after time-up, a reconnect, a
        # double tap) gets that answer back, not an error.
        question = livecache.question_at(session, position)
        stored = _stored(participant, question) if question is not None else None
        if stored is not None:
            return AnswerResult(stored, False)
        raise
    spec = question.question_version.question_spec
    fraction = grade_response(spec, cleaned) or 0.0
    limit_ms = (session.seconds_per_question + participant.extra_seconds) * 1000
    points = base_points(fraction, elapsed_ms, limit_ms, speed=session.speed_bonus)
    streak = next_streak(participant.streak, fraction)
    bonus = streak_points(streak, enabled=session.streak_bonus) if streak else 0
    answer = LiveAnswer(
        session=session,
        participant=participant,
        question=question,
        response=cleaned,
        fraction=fraction,
        points=points,
        streak_points=bonus,
        elapsed_ms=max(0, elapsed_ms),
        answered_at=now,
    )
    values = {name: getattr(answer, name) for name in rows.ANSWER_COLUMNS}
    score = {
        "points": points + bonus,
        "streak": streak,
        "correct": 1 if is_correct(fraction) else 0,
        "participant": participant.pk,
        # No row lock: the unique constraint stops a twin, and the score
        # changes only if the row is still as read with the session (no
        # answer stored since, no streak broken by a reveal meanwhile).
        "expected_streak": participant.streak,
        "expected_count": participant.answer_count,
    }
    with transaction.atomic():
        answer.pk, scored = rows.write_answer(values, score)
        if answer.pk is not None and not scored:
            _rescore(answer, participant, session, fraction)
    if answer.pk is None:  # already stored (double tap, or a concurrent twin)
        stored = _stored(participant, question)
        if stored is None:  # pragma: no cover - the twin's row is committed
            raise errors.LiveError(code="server_error", status=500)
        return AnswerResult(stored, False)
    answer._state.adding, answer._state.db = False, DEFAULT_DB_ALIAS
    return AnswerResult(answer, True, _after_answer(session, position, announce=announce))


def _add_score(participant, points, bonus, streak, fraction, *, expected: bool) -> bool:
    """Add one answer's points to the participant's row; with ``expected``,
    only if its streak and answer count are still those read (one UPDATE)."""
    people = Participant.objects.filter(pk=participant.pk)
    if expected:
        people = people.filter(streak=participant.streak, answer_count=participant.answer_count)
    return bool(
        people.update(
            score=F("score") + points + bonus,
            streak=streak,
            correct_count=F("correct_count") + (1 if is_correct(fraction) else 0),
            answer_count=F("answer_count") + 1,
        )
    )


def _rescore(answer: LiveAnswer, participant: Participant, session: LiveSession, fraction):
    """The rare path: the row changed since it was read. Lock it, recompute
    the streak bonus from what is stored, and fix the new answer to match."""
    streak_now = (
        Participant.objects.select_for_update()
        .values_list("streak", flat=True)
        .get(pk=participant.pk)
    )
    streak = next_streak(streak_now, fraction)
    bonus = streak_points(streak, enabled=session.streak_bonus) if streak else 0
    if bonus != answer.streak_points:
        answer.streak_points = bonus
        LiveAnswer.objects.filter(pk=answer.pk).update(streak_points=bonus)
    _add_score(participant, answer.points, bonus, streak, fraction, expected=False)


def count_shown(count: int, expected: int) -> bool:
    """Whether the screens hear of this count: every answer in a small class,
    every ``expected / LIVE_COUNT_UPDATES``-th in a hall (a thousand answers in
    a few seconds would otherwise be a thousand messages to each screen), and
    always the last one expected. The reveal carries the exact count."""
    step = max(1, expected // max(1, settings.LIVE_COUNT_UPDATES))
    return count % step == 0 or count >= expected


def _after_answer(session: LiveSession, position: int, *, announce: bool) -> tuple:
    """Count the answer (and with ``announce`` tell the screens); close the
    question once everyone answered (the cached head count only decides
    whether an exact check is worth it). Returns (slot, count) as counted."""
    if session.mode != Mode.INSTRUCTOR:  # screens show the session's total
        count, active = livecache.count_answer_and_active(session, None)
        if announce and count_shown(count, active * len(livecache.questions_of(session))):
            events.answer_counted(session, None, count)
        return None, count
    count, active = livecache.count_answer_and_active(session, position)
    if announce and count_shown(count, active):
        events.answer_counted(session, position, count)
    if count < active:
        return position, count
    exact = LiveAnswer.objects.filter(session=session, question__position=position).count()
    if exact >= Participant.objects.filter(session=session, removed=False).count():
        close_question(session, expected_index=position)
    return position, count
