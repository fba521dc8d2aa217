"""The attempt life cycle: start (or resume), answer, submit, time out.

Concurrency rules, enforced by the database:
- one open attempt per learner and quiz (a partial unique index); a second
  concurrent start hits it, and returns the attempt the first one created;
- answers lock the attempt row and require it to be open;
- submitting is ``UPDATE ... SET state='submitted' WHERE state='open'``: of two
  submissions exactly one changes a row, and only that one scores.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from assessments.models import Attempt, AttemptSlot, AttemptState, Quiz
from assessments.option_tokens import slot_codec
from assessments.responses import PLAIN, ResponseError, clean_response, order_from_material
from assessments.scoring.deadlines import attempt_cutoff, is_past, time_limit_applies, timer_end
from assessments.signals import announce_attempt_graded
from lms.core.compiled_query import CompiledQuery, in_key_range, placeholder_int

from .attempt_rows import close_if_open, insert_attempt_with_slots, write_answer
from .errors import (
    AttemptClosed,
    AttemptExpired,
    AttemptNotFound,
    InvalidAnswer,
    NoAttemptsLeft,
    QuizUnavailable,
    SlotNotInAttempt,
)
from .publishing import pool_multiple
from .retakes import check_retake_allowed
from .scoring import score_and_store
from .selection import draw_questions

# The queries every save and submit (and every start) run, compiled once per
# process (lms.core.compiled_query): compiling them cost more CPU than running them.
_OWN_ATTEMPT = CompiledQuery(
    lambda pk, user_id: Attempt.objects.select_related("quiz__framework").filter(
        pk=pk, user_id=user_id
    )[:1],
    placeholder_int(1),
    placeholder_int(2),
)
# A slot with its version, its attempt locked (FOR UPDATE OF the attempt only).
_OPEN_SLOT_LOCKED = CompiledQuery(
    lambda attempt_id, position: (
        AttemptSlot.objects.select_for_update(of=("attempt",))
        .select_related("question_version", "attempt")
        .filter(attempt_id=attempt_id, attempt__state=AttemptState.OPEN, position=position)
        .order_by("pk")[:1]
    ),
    placeholder_int(1),
    placeholder_int(2, small=True),
)
_HISTORY = CompiledQuery(
    lambda quiz_id, user_id: (
        Attempt.objects.filter(quiz_id=quiz_id, user_id=user_id)
        .order_by("number")
        .values_list("pk", "state", "submitted_at", "passed")
    ),
    placeholder_int(1),
    placeholder_int(2),
)


def access_attempt(user, attempt_id) -> Attempt:
    """The user's own attempt, or AttemptNotFound (also for anyone else's)."""
    try:
        pk = Attempt._meta.pk.to_python(attempt_id)
    except (ValidationError, ValueError, TypeError):
        raise AttemptNotFound() from None
    user_id = getattr(user, "pk", None)
    if pk is None or user_id is None or not in_key_range(Attempt, pk):
        raise AttemptNotFound()
    found = _OWN_ATTEMPT.objects(pk, user_id)
    if not found:
        raise AttemptNotFound()
    return found[0]


def check_quiz_available(quiz: Quiz, now=None) -> None:
    if not quiz.is_published or not quiz.is_open_at(now):
        raise QuizUnavailable()


def cutoff(attempt: Attempt):
    """When answers stop being accepted: the earlier of the time limit plus grace
    and the quiz's closing time (read now, so a moved close applies at once)."""
    quiz = attempt.quiz
    return attempt_cutoff(
        time_limit_end=attempt.deadline, grace_seconds=quiz.grace_seconds, closes_at=quiz.closes_at
    )


def timer_deadline(attempt: Attempt):
    """What the learner's timer counts down to (time limit end or close)."""
    return timer_end(time_limit_end=attempt.deadline, closes_at=attempt.quiz.closes_at)


def is_past_cutoff(attempt: Attempt, now=None) -> bool:
    return is_past(cutoff(attempt), now or timezone.now())


def finish_if_expired(attempt: Attempt, now=None) -> bool:
    """Submit an open attempt whose time is up; True when it is (now) closed by time."""
    if attempt.is_open and is_past_cutoff(attempt, now):
        submit_attempt(attempt, by_timer=True, now=now)
        attempt.refresh_from_db()
        return True
    return False


def open_attempt_for(quiz: Quiz, user) -> Attempt | None:
    return Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.OPEN).first()


def learner_history(quiz: Quiz, user) -> list[tuple]:
    """``(pk, state, submitted_at, passed)`` of the user's attempts, in order."""
    return _HISTORY.rows(quiz.pk, user.pk)


def start_or_resume_attempt(quiz: Quiz, user, *, now=None, rng=None) -> Attempt:
    """The learner's open attempt at ``quiz``, or a new one.

    Safe to call twice at once (two tabs, a double tap): both calls return the
    same attempt. A new attempt costs one query for the learner's history, the
    questions drawn from the cached rule pools (assessments.caches) and one
    INSERT of the attempt with its slots on PostgreSQL (attempt_rows), whatever
    the number of questions."""
    now = now or timezone.now()
    history = learner_history(quiz, user)
    open_ids = [pk for pk, state, *_ in history if state == AttemptState.OPEN]
    if open_ids:
        existing = Attempt.objects.get(pk=open_ids[0])
        existing.quiz = quiz
        if not finish_if_expired(existing, now):
            return existing
    check_quiz_available(quiz, now)
    used = len(history)
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise NoAttemptsLeft()
    submitted = [(at, passed) for _pk, state, at, passed in history if state != AttemptState.OPEN]
    check_retake_allowed(quiz, user, now, history=submitted)
    rng = rng or random.Random()  # noqa: S311 - shuffling, not secrets
    drawn = draw_questions(quiz, rng, pool_multiple=pool_multiple())
    if not drawn:
        raise QuizUnavailable(_no_questions_message())
    # ``deadline`` is the end of the time limit only; the close is applied by
    # ``cutoff`` when it is read, so moving the close moves every open attempt's.
    deadline = None
    untimed = getattr(user, "easy_mode", False)  # the easy reading mode (lms/inclusion)
    if quiz.time_limit_minutes and time_limit_applies(
        counts_for_certificate=quiz.counts_for_certificate, untimed_practice=untimed
    ):
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    attempt = Attempt(
        quiz=quiz,
        user=user,
        number=used + 1,
        learner_audience=user.audience or "",
        started_at=now,
        deadline=deadline,
    )
    slots = [
        (
            position,
            question.version_id,
            order_from_material(question.material, quiz.shuffle_options, rng),
        )
        for position, question in enumerate(drawn, start=1)
    ]
    try:
        # Kept as rows, so the caller shows the first question without reading
        # them back or building an object per slot.
        attempt.keep_new_slots(
            insert_attempt_with_slots(attempt, slots), [each.version_key for each in drawn]
        )
    except IntegrityError:
        # Another request started one in the meantime: that one wins.
        attempt = open_attempt_for(quiz, user)
        if attempt is None:
            raise
    attempt.quiz = quiz
    return attempt


def _no_questions_message():
    from django.utils.translation import gettext_lazy as _

    return _("This quiz has no questions yet.")


@dataclass(frozen=True)
class SavedAnswer:
    slot: AttemptSlot
    changed: bool


def save_answer(
    user,
    attempt_id,
    position,
    value,
    *,
    from_form=None,
    option_tokens=False,
    now=None,
    attempt=None,
) -> SavedAnswer:
    """Store the response to one slot of the user's open attempt.

    Idempotent: the same answer twice leaves one stored response. ``from_form``
    is ``(get, getlist)`` of the learner's page form, whose option values are
    the slot's opaque tokens (assessments.option_tokens); otherwise ``value``
    is JSON data naming options by id, or by token with ``option_tokens``
    (what the API's learners see). ``attempt``: the same attempt, already
    fetched by ``access_attempt``."""
    now = now or timezone.now()
    if attempt is None or attempt.pk != attempt_id or attempt.user_id != user.pk:
        attempt = access_attempt(user, attempt_id)
    if finish_if_expired(attempt, now):
        raise AttemptExpired()
    if not attempt.is_open:
        raise AttemptClosed()
    try:
        position = int(position)
    except (ValueError, TypeError):
        raise SlotNotInAttempt() from None
    with transaction.atomic():
        # Read the slot and lock its attempt in one query: a submission waits
        # for this answer, or this answer sees the submission and is refused.
        found = (
            _OPEN_SLOT_LOCKED.objects(attempt.pk, position)
            if -32768 <= position <= 32767  # the column's range; beyond it, no slot
            else []
        )
        slot = found[0] if found else None
        if slot is None:
            if attempt.slots.filter(position=position).exists():
                raise AttemptClosed()
            raise SlotNotInAttempt()
        response = _cleaned(slot, value, from_form, option_tokens)
        changed = slot.response != response
        if changed:
            slot.response = response
            slot.answered_at = now
            write_answer(slot.pk, response, now)
    return SavedAnswer(slot=slot, changed=changed)


def _cleaned(slot: AttemptSlot, value, from_form, option_tokens: bool):
    spec = slot.question_version.question_spec
    codec = slot_codec(slot)
    try:
        if from_form is not None:
            from assessments.responses import response_from_form

            return response_from_form(spec, slot.option_order, *from_form, codec)
        return clean_response(spec, slot.option_order, value, codec if option_tokens else PLAIN)
    except ResponseError as problem:
        raise InvalidAnswer(detail=str(problem)) from None


@dataclass(frozen=True)
class Submission:
    attempt: Attempt
    submitted_now: bool


def submit_attempt(attempt: Attempt, *, by_timer: bool = False, now=None) -> Submission:
    """Close and score an attempt. Of concurrent calls exactly one does the
    work (``submitted_now``); the others get the stored result.

    The winner scores from the rows it reads once (slots with their specs) and
    writes the result, the slots' fractions and the area rows in bulk; the
    attempt and its quiz come from the caller."""
    now = now or timezone.now()
    with transaction.atomic():
        won = close_if_open(attempt.pk, now, by_timer)
        if won:
            attempt.state = AttemptState.SUBMITTED
            attempt.submitted_at = now
            attempt.submitted_by_timer = by_timer
            score_and_store(attempt, fresh=True)
            announce_attempt_graded(attempt)  # after commit: a pass may earn the certificate
            return Submission(attempt=attempt, submitted_now=True)
        fresh = Attempt.objects.select_related("quiz__framework").get(pk=attempt.pk)
    return Submission(attempt=fresh, submitted_now=False)


def submit_own_attempt(user, attempt_id, *, now=None, attempt=None) -> Submission:
    """``attempt``: the same attempt, already fetched by ``access_attempt``."""
    if attempt is None or attempt.pk != attempt_id or attempt.user_id != user.pk:
        attempt = access_attempt(user, attempt_id)
    return submit_attempt(attempt, by_timer=is_past_cutoff(attempt, now), now=now)


def submit_expired_attempts(now=None, batch_size: int = 500) -> int:
    """Submit every open attempt past its cut-off (time limit plus grace, or the
    quiz's close); the count submitted."""
    now = now or timezone.now()
    submitted = 0
    candidates = (
        Attempt.objects.filter(state=AttemptState.OPEN)
        .filter(Q(deadline__lt=now) | Q(quiz__closes_at__lte=now))
        .select_related("quiz__framework")
        .order_by("started_at", "pk")[:batch_size]
    )
    for attempt in candidates:
        if is_past_cutoff(attempt, now):
            submitted += submit_attempt(attempt, by_timer=True, now=now).submitted_now
    return submitted
