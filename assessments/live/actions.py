"""Every write of a live session, as one named function each (views, the
WebSocket consumer, the load tool and tests all call these).

Rules that hold whatever the transport:
- an answer is in the database before anyone is told it was recorded, and the
  UniqueConstraint (session, participant, question) makes it insert-or-ignore:
  a second copy returns the stored answer unchanged;
- time is the server's (``timezone.now()``), never the phone's;
- state changes are conditional UPDATEs on the expected status, so two
  instructor taps or two web processes cannot advance twice;
- the channel layer is told after the commit, and only to fan out.
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.actions.selection import draw_versions
from assessments.models import Question, QuestionVersion, Quiz
from assessments.responses import ResponseError, clean_response, option_order
from assessments.scoring import grade_response

from . import errors, events
from .models import (
    ACTIVE_STATUSES,
    CompetencyOutcome,
    LiveAnswer,
    LiveQuestion,
    LiveSession,
    Mode,
    Participant,
    Status,
)
from .names import NameError_, clean_display_name, name_key
from .scoring import base_points, is_correct, next_streak, streak_points

LIVE_QTYPES = ("single", "multiple", "truefalse", "ordering", "numerical")
START_PERMISSION = "live.add_livesession"
REJOIN_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"  # no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B


# --- Starting -------------------------------------------------------------------------


@dataclass
class SessionOptions:
    title: str = ""
    mode: str = Mode.INSTRUCTOR
    seconds_per_question: int = 30
    auto_advance: bool = False
    speed_bonus: bool = True
    streak_bonus: bool = True
    stem_on_phones: bool = True
    deadline: object = None  # learner-paced only


def _new_pin() -> str:
    return f"{secrets.randbelow(900_000) + 100_000}"


def live_versions(versions) -> list[QuestionVersion]:
    return [v for v in versions if v.question_spec.qtype in LIVE_QTYPES]


def start_session(
    instructor,
    *,
    quiz: Quiz | None = None,
    questions: list[Question] | None = None,
    options: SessionOptions | None = None,
    rng: random.Random | None = None,
) -> LiveSession:
    """A new session in the lobby, with its questions drawn and a free PIN."""
    if not instructor.has_perm(START_PERMISSION):
        raise errors.NotInstructor()
    options = options or SessionOptions()
    rng = rng or random.Random()  # noqa: S311 - shuffling options, not secrets
    if quiz is not None:
        versions = draw_versions(quiz, rng)
        shuffle = quiz.shuffle_options
    else:
        chosen = [q for q in (questions or []) if q.current_version_id]
        versions = [q.current_version for q in chosen]
        shuffle = True
    versions = live_versions(versions)[: settings.LIVE_MAX_QUESTIONS]
    if not versions:
        raise errors.NoQuestions()
    if options.mode == Mode.LEARNER and not options.deadline:
        raise errors.LiveError(_("A learner-paced quiz needs a deadline."), code="no_deadline")
    title = (options.title or (quiz.title if quiz else "") or _("Classroom quiz")).strip()[:255]
    for _attempt in range(50):
        try:
            with transaction.atomic():
                session = LiveSession.objects.create(
                    pin=_new_pin(),
                    title=title,
                    instructor=instructor,
                    quiz=quiz,
                    mode=options.mode,
                    seconds_per_question=max(5, min(int(options.seconds_per_question), 600)),
                    auto_advance=options.auto_advance,
                    speed_bonus=options.speed_bonus and options.mode == Mode.INSTRUCTOR,
                    streak_bonus=options.streak_bonus,
                    stem_on_phones=options.stem_on_phones,
                    deadline=options.deadline if options.mode == Mode.LEARNER else None,
                )
                break
        except IntegrityError:  # PIN already used by an active session: draw another
            continue
    else:  # pragma: no cover - 50 collisions among 900,000 PINs
        raise errors.LiveError(_("No free PIN right now; try again."), code="no_pin")
    LiveQuestion.objects.bulk_create(
        LiveQuestion(
            session=session,
            position=position,
            question_version=version,
            option_order=option_order(version.question_spec, shuffle, rng),
        )
        for position, version in enumerate(versions)
    )
    return session


# --- Finding and joining -----------------------------------------------------------------


def _pin_key(ip: str) -> str:
    return f"live:pin-failures:{ip}"


def check_pin_guesses(ip: str) -> None:
    """Refuse an IP that has guessed too many wrong PINs lately (cache counter)."""
    if cache.get(_pin_key(ip), 0) >= settings.LIVE_PIN_FAILURE_LIMIT:
        raise errors.TooManyGuesses()


def _note_pin_failure(ip: str) -> None:
    key = _pin_key(ip)
    if cache.add(key, 1, settings.LIVE_PIN_FAILURE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, settings.LIVE_PIN_FAILURE_WINDOW)


def find_session(pin: object, *, ip: str) -> LiveSession:
    """The active session with this PIN; wrong PINs count against the IP."""
    check_pin_guesses(ip)
    pin = str(pin or "").strip().replace(" ", "")
    session = None
    if pin.isdigit() and len(pin) == 6:
        session = LiveSession.objects.filter(pin=pin).exclude(status=Status.ENDED).first()
    if session is None:
        _note_pin_failure(ip)
        raise errors.SessionNotFound()
    return session


NAME_MESSAGES = {
    "empty": lambda: _("Type the name to show on the screen."),
    "too_long": lambda: (
        _("That name is too long: at most %(max)s characters.")
        % {"max": settings.LIVE_NAME_MAX_LENGTH}
    ),
    "markup": lambda: _("Names cannot contain < > & \" ' ` { } or \\."),
    "control": lambda: _("The name contains characters that cannot be shown."),
    "offensive": lambda: _("Please choose a polite name: this one is not allowed."),
}


def check_name(raw) -> str:
    try:
        return clean_display_name(raw)
    except NameError_ as error:
        raise errors.BadName(NAME_MESSAGES[error.code]()) from None


def _rejoin_code() -> str:
    return "".join(secrets.choice(REJOIN_ALPHABET) for _ in range(6))


def join(session: LiveSession, *, name=None, user=None) -> Participant:
    """A participant for ``user`` (the same one again if they already joined)
    or a guest with ``name``. Raises on a locked lobby, an ended session, a bad
    or taken name."""
    signed_in = user is not None and user.is_authenticated
    if signed_in:
        existing = Participant.objects.filter(session=session, user=user).first()
        if existing is not None:
            if existing.removed:
                raise errors.NotParticipant()
            return existing
    session.refresh_from_db(fields=["status", "locked"])
    if session.status == Status.ENDED:
        raise errors.SessionEnded()
    if session.locked:
        raise errors.LobbyLocked()
    if signed_in and not name:
        name = user.get_full_name() or user.get_username()
    display = check_name(name)
    key = name_key(display)
    for _attempt in range(20):
        if Participant.objects.filter(session=session, name_key=key).exists():
            raise errors.NameTaken()
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    session=session,
                    user=user if signed_in else None,
                    display_name=display,
                    name_key=key,
                    token=secrets.token_urlsafe(32),
                    rejoin_code=_rejoin_code(),
                )
        except IntegrityError:
            if signed_in and Participant.objects.filter(session=session, user=user).exists():
                return join(session, name=name, user=user)
            continue  # a name taken meanwhile (checked above) or a rejoin code collision
        events.roster_changed(session)
        return participant
    raise errors.NameTaken()


def rejoin(session: LiveSession, code: object, *, ip: str) -> Participant:
    """Move a participant to another phone with their rejoin code: the old
    phone's token stops working."""
    check_pin_guesses(ip)
    code = str(code or "").strip().upper().replace(" ", "")
    participant = Participant.objects.filter(
        session=session, rejoin_code=code, removed=False
    ).first()
    if participant is None or not code:
        _note_pin_failure(ip)
        raise errors.LiveError(
            _("This rejoin code does not match anyone in the quiz."), code="wrong_code", status=404
        )
    participant.token = secrets.token_urlsafe(32)
    participant.save(update_fields=["token"])
    return participant


def access_participant(session_id: int, token: str | None) -> Participant:
    if not token:
        raise errors.NotParticipant()
    participant = (
        Participant.objects.select_related("session")
        .filter(session_id=session_id, token=token, removed=False)
        .first()
    )
    if participant is None:
        raise errors.NotParticipant()
    return participant


def access_session_as_instructor(session_id: int, user) -> LiveSession:
    """The session, if ``user`` runs it (or is a superuser); else NotInstructor."""
    session = LiveSession.objects.filter(pk=session_id).first()
    if session is None or not user.is_authenticated:
        raise errors.NotInstructor()
    if session.instructor_id != user.pk and not user.is_superuser:
        raise errors.NotInstructor()
    return session


def access_session_results(session_id: int, user) -> LiveSession:
    """The session whose report and exports ``user`` may read: the instructor who
    runs it, or whoever sees every result (assessments.access); else NotInstructor.
    Reading is not running: commands still need access_session_as_instructor."""
    from assessments.access import sees_every_result

    session = LiveSession.objects.filter(pk=session_id).first()
    if session is None or not user.is_authenticated:
        raise errors.NotInstructor()
    if session.instructor_id != user.pk and not sees_every_result(user):
        raise errors.NotInstructor()
    return session


# --- Answers -------------------------------------------------------------------------------


@dataclass
class AnswerResult:
    answer: LiveAnswer
    created: bool


def _existing(participant: Participant, question: LiveQuestion) -> LiveAnswer | None:
    return (
        LiveAnswer.objects.filter(participant=participant, question=question)
        .select_related("question")
        .first()
    )


def _grace() -> timedelta:
    return timedelta(milliseconds=settings.LIVE_ANSWER_GRACE_MS)


def answer(participant: Participant, position: object, response: object) -> AnswerResult:
    """Record ``participant``'s answer to the question at ``position``.

    Insert-or-ignore: a retry, double tap or resend after a reconnect returns
    the answer already stored (``created=False``) and changes nothing."""
    now = timezone.now()
    if isinstance(position, bool) or not isinstance(position, int):
        raise errors.BadRequest()
    session = LiveSession.objects.get(pk=participant.session_id)
    question = (
        LiveQuestion.objects.select_related("question_version")
        .filter(session=session, position=position)
        .first()
    )
    if question is None:
        raise errors.WrongQuestion()
    stored = _existing(participant, question)
    if stored is not None:
        return AnswerResult(stored, False)
    if participant.removed:
        raise errors.NotParticipant()
    extra = timedelta(seconds=participant.extra_seconds)
    if session.status == Status.ENDED:
        raise errors.SessionEnded()
    if session.mode == Mode.INSTRUCTOR:
        if session.status != Status.QUESTION:
            raise errors.NotAccepting()
        if position != session.current_index:
            raise errors.WrongQuestion()
        if now > session.question_deadline + extra + _grace():
            raise errors.TimeUp()
        elapsed_ms = int((now - session.question_started_at).total_seconds() * 1000)
    else:
        if session.status != Status.RUNNING:
            raise errors.NotAccepting()
        if now > session.deadline + extra + _grace():
            raise errors.TimeUp()
        if position != participant.answer_count:
            raise errors.WrongQuestion()
        elapsed_ms = 0
    spec = question.question_version.question_spec
    try:
        cleaned = clean_response(spec, question.option_order, response)
    except (ResponseError, TypeError):
        raise errors.BadAnswer() from None
    if cleaned is None:
        raise errors.BadAnswer(_("Choose an answer first."))
    fraction = grade_response(spec, cleaned) or 0.0
    limit_ms = (session.seconds_per_question + participant.extra_seconds) * 1000
    points = base_points(fraction, elapsed_ms, limit_ms, speed=session.speed_bonus)
    try:
        with transaction.atomic():
            # One participant's answers are serialised by this row lock; other
            # participants never wait for each other.
            locked = Participant.objects.select_for_update().get(pk=participant.pk)
            stored = _existing(locked, question)
            if stored is not None:
                return AnswerResult(stored, False)
            streak = next_streak(locked.streak, fraction)
            bonus = streak_points(streak, enabled=session.streak_bonus) if streak else 0
            created = LiveAnswer.objects.create(
                session=session,
                participant=locked,
                question=question,
                response=cleaned,
                fraction=fraction,
                points=points,
                streak_points=bonus,
                elapsed_ms=max(0, elapsed_ms),
                answered_at=now,
            )
            Participant.objects.filter(pk=locked.pk).update(
                score=F("score") + points + bonus,
                streak=streak,
                correct_count=F("correct_count") + (1 if is_correct(fraction) else 0),
                answer_count=F("answer_count") + 1,
            )
    except IntegrityError:  # the constraint caught a concurrent twin: return the stored one
        stored = _existing(participant, question)
        if stored is None:
            raise
        return AnswerResult(stored, False)
    created.question = question
    count = LiveAnswer.objects.filter(question=question).count()
    events.answer_counted(session, position, count)
    if session.mode == Mode.INSTRUCTOR:
        active = Participant.objects.filter(session=session, removed=False).count()
        if count >= active:
            close_question(session, expected_index=position)
    return AnswerResult(created, True)


# --- Instructor commands --------------------------------------------------------------------


def _bump(session: LiveSession, expect: dict, **changes) -> bool:
    """Apply ``changes`` only if the row still matches ``expect``; True when it did."""
    updated = LiveSession.objects.filter(pk=session.pk, **expect).update(
        revision=F("revision") + 1, **changes
    )
    if updated:
        session.refresh_from_db()
        events.state_changed(session)
    return bool(updated)


def _open_question(session: LiveSession, index: int, expect: dict) -> bool:
    now = timezone.now()
    return _bump(
        session,
        expect,
        status=Status.QUESTION,
        current_index=index,
        question_started_at=now,
        question_deadline=now + timedelta(seconds=session.seconds_per_question),
        reveal_until=None,
        started_at=session.started_at or now,
    )


def _max_extra(session: LiveSession) -> timedelta:
    extra = Participant.objects.filter(session=session, removed=False).aggregate(
        m=Max("extra_seconds")
    )["m"]
    return timedelta(seconds=extra or 0)


def close_question(session: LiveSession, *, expected_index: int | None = None) -> bool:
    """Stop taking answers and show the key (idempotent)."""
    index = session.current_index if expected_index is None else expected_index
    reveal_until = None
    if session.auto_advance:
        reveal_until = timezone.now() + timedelta(seconds=settings.LIVE_REVEAL_SECONDS)
    with transaction.atomic():
        done = _bump(
            session,
            {"status": Status.QUESTION, "current_index": index},
            status=Status.REVEAL,
            reveal_until=reveal_until,
        )
        if done:
            # Whoever did not answer breaks their streak.
            Participant.objects.filter(session=session).exclude(
                answers__question__position=index
            ).update(streak=0)
    return done


def _end(session: LiveSession, expect: dict | None = None) -> bool:
    expect = expect or {"status__in": ACTIVE_STATUSES}
    with transaction.atomic():
        done = _bump(session, expect, status=Status.ENDED, ended_at=timezone.now())
        if done:
            record_outcomes(session)
    return done


def _check_rev(session: LiveSession, rev) -> dict:
    """A command sent for an older revision (a double tap) does nothing."""
    if rev is None:
        return {}
    if isinstance(rev, bool) or not isinstance(rev, int):
        raise errors.BadRequest()
    return {"revision": rev}


def advance(session: LiveSession, user, *, rev=None) -> LiveSession:
    """The instructor's one button: lobby → first question (or running) →
    answer shown → next question … → ended."""
    session = access_session_as_instructor(session.pk, user)
    expect = _check_rev(session, rev)
    total = session.questions.count()
    if session.status == Status.LOBBY:
        if session.mode == Mode.LEARNER:
            _bump(
                session,
                {**expect, "status": Status.LOBBY},
                status=Status.RUNNING,
                started_at=timezone.now(),
            )
        else:
            _open_question(session, 0, {**expect, "status": Status.LOBBY})
    elif session.status == Status.QUESTION:
        if expect and expect["revision"] != session.revision:
            return session
        close_question(session, expected_index=session.current_index)
    elif session.status == Status.REVEAL:
        nxt = session.current_index + 1
        match = {**expect, "status": Status.REVEAL, "current_index": session.current_index}
        if nxt >= total:
            _end(session, match)
        else:
            _open_question(session, nxt, match)
    elif session.status == Status.RUNNING:
        _end(session, {**expect, "status": Status.RUNNING})
    else:
        raise errors.SessionEnded()
    session.refresh_from_db()
    return session


def reveal(session: LiveSession, user) -> LiveSession:
    session = access_session_as_instructor(session.pk, user)
    if session.status != Status.QUESTION:
        raise errors.NotAccepting()
    close_question(session)
    session.refresh_from_db()
    return session


def end(session: LiveSession, user) -> LiveSession:
    session = access_session_as_instructor(session.pk, user)
    if session.status == Status.ENDED:
        return session
    _end(session)
    session.refresh_from_db()
    return session


def lock(session: LiveSession, user, locked: bool = True) -> LiveSession:
    session = access_session_as_instructor(session.pk, user)
    if not isinstance(locked, bool):
        raise errors.BadRequest()
    _bump(session, {"status__in": ACTIVE_STATUSES}, locked=locked)
    session.refresh_from_db()
    return session


def _participant_of(session: LiveSession, participant_id) -> Participant:
    if isinstance(participant_id, bool) or not isinstance(participant_id, int):
        raise errors.BadRequest()
    participant = Participant.objects.filter(session=session, pk=participant_id).first()
    if participant is None:
        raise errors.LiveError(_("No such participant."), code="no_participant", status=404)
    return participant


def remove_participant(session: LiveSession, user, participant_id) -> Participant:
    """Out of the session and the rankings; the name stays taken, so the same
    person cannot come straight back under it."""
    session = access_session_as_instructor(session.pk, user)
    participant = _participant_of(session, participant_id)
    if not participant.removed:
        Participant.objects.filter(pk=participant.pk).update(removed=True)
        participant.removed = True
        events.participant_removed(session, participant.pk)
        if session.status in (Status.REVEAL, Status.ENDED):
            _bump(session, {})  # the top five may change
    return participant


def give_extra_time(session: LiveSession, user, participant_id, seconds) -> Participant:
    """Accessibility: more time on every question for one participant."""
    session = access_session_as_instructor(session.pk, user)
    participant = _participant_of(session, participant_id)
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= 600:
        raise errors.BadRequest()
    Participant.objects.filter(pk=participant.pk).update(extra_seconds=seconds)
    participant.extra_seconds = seconds
    return participant


def tick(session: LiveSession) -> bool:
    """Lazy timers: any screen or poll calls this; whatever is due happens once
    (time up closes the question; auto-advance moves on; a learner-paced
    deadline ends the session). No timer lives in a process."""
    now = timezone.now()
    if session.status == Status.QUESTION and session.question_deadline:
        if now > session.question_deadline + _max_extra(session) + _grace():
            return close_question(session, expected_index=session.current_index)
    elif session.status == Status.REVEAL and session.auto_advance and session.reveal_until:
        if now >= session.reveal_until:
            match = {"status": Status.REVEAL, "current_index": session.current_index}
            if session.current_index + 1 >= session.questions.count():
                return _end(session, match)
            return _open_question(session, session.current_index + 1, match)
    elif (
        session.status == Status.RUNNING
        and session.deadline
        and now > session.deadline + _max_extra(session) + _grace()
    ):
        return _end(session, {"status": Status.RUNNING})
    return False


# --- Results ----------------------------------------------------------------------------------


def record_outcomes(session: LiveSession, participants=None) -> int:
    """Per-competency outcomes of signed-in participants (replaced, so running
    it twice changes nothing). Unanswered questions count as 0 credit."""
    questions = list(session.questions.select_related("question_version"))
    codes_of = {q.pk: q.question_version.question_spec.competency_codes for q in questions}
    people = participants if participants is not None else session.participants.all()
    people = [p for p in people if p.user_id and not p.removed]
    if not people:
        return 0
    fractions = defaultdict(dict)
    for pid, qid, fraction in LiveAnswer.objects.filter(
        session=session, participant__in=people
    ).values_list("participant_id", "question_id", "fraction"):
        fractions[pid][qid] = fraction
    rows = []
    for person in people:
        tally: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        for question in questions:
            for code in codes_of[question.pk]:
                tally[code][0] += 1
                tally[code][1] += fractions[person.pk].get(question.pk, 0.0)
        for code, (count, credit) in tally.items():
            rows.append(
                CompetencyOutcome(
                    user_id=person.user_id,
                    session=session,
                    competency_code=code,
                    questions=count,
                    credit=credit,
                )
            )
    with transaction.atomic():
        CompetencyOutcome.objects.filter(
            session=session, user_id__in=[p.user_id for p in people]
        ).delete()
        CompetencyOutcome.objects.bulk_create(rows)
    return len(rows)


def claim_guest_result(participant: Participant, user) -> Participant:
    """A guest signs in afterwards and keeps their result."""
    if not user.is_authenticated:
        raise errors.NotParticipant()
    if participant.user_id == user.pk:
        return participant
    if participant.user_id is not None or participant.removed:
        raise errors.LiveError(_("This result already belongs to an account."), code="claimed")
    try:
        with transaction.atomic():
            updated = Participant.objects.filter(pk=participant.pk, user__isnull=True).update(
                user=user, claimed_at=timezone.now()
            )
    except IntegrityError:
        raise errors.LiveError(
            _("Your account already has a result in this quiz."), code="claimed", status=409
        ) from None
    if not updated:
        raise errors.LiveError(_("This result already belongs to an account."), code="claimed")
    participant.refresh_from_db()
    session = participant.session
    if session.status == Status.ENDED:
        record_outcomes(session, [participant])
    return participant


def competency_profile(user) -> dict[str, dict]:
    """Live-quiz evidence per competency code: questions seen, credit earned,
    percent. What the learner profile and reports add to attempt results."""
    rows = (
        CompetencyOutcome.objects.filter(user=user)
        .values("competency_code")
        .annotate(questions=Sum("questions"), credit=Sum("credit"))
        .order_by("competency_code")
    )
    return {
        row["competency_code"]: {
            "questions": row["questions"],
            "credit": round(row["credit"], 3),
            "percent": round(100 * row["credit"] / row["questions"], 1) if row["questions"] else 0,
        }
        for row in rows
    }


def sessions_of(user):
    """Sessions the user runs, newest first."""
    return LiveSession.objects.filter(Q(instructor=user)).order_by("-created_at")
