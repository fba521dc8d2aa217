"""Moving a session through its phases: lobby → question → answer shown → …
→ ended, by the instructor's button or by the lazy timers.

State changes are conditional UPDATEs on the expected status (and revision),
so two instructor taps or two web processes cannot advance twice."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from lms.audit.record import record_event

from .. import errors, events, livecache
from ..models import ACTIVE_STATUSES, LiveSession, Mode, Participant, Status
from ..signals import announce_took_part
from .access import access_session_as_instructor
from .outcomes import do_record_outcomes


def grace() -> timedelta:
    return timedelta(milliseconds=settings.LIVE_ANSWER_GRACE_MS)


def bump(session: LiveSession, expect: dict, **changes) -> bool:
    """Apply ``changes`` only if the row still matches ``expect``; True when it
    did (and every screen is then sent the new state, after the commit)."""
    updated = LiveSession.objects.filter(pk=session.pk, **expect).update(
        revision=F("revision") + 1, **changes
    )
    if updated:
        session.refresh_from_db()
        events.state_changed(session)
    return bool(updated)


def _open_question(session: LiveSession, index: int, expect: dict) -> bool:
    now = timezone.now()
    livecache.start_answer_counters(session, [index])
    return bump(
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
        done = bump(
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


def end_session(session: LiveSession, expect: dict | None = None, *, actor=None) -> bool:
    """Ended once (whoever gets there first); outcomes recorded in the same
    transaction, and an audit event."""
    expect = expect or {"status__in": ACTIVE_STATUSES}
    with transaction.atomic():
        done = bump(session, expect, status=Status.ENDED, ended_at=timezone.now())
        if done:
            do_record_outcomes(session)
            announce_took_part(
                session,
                Participant.objects.filter(
                    session=session, user__isnull=False, removed=False
                ).values_list("user_id", flat=True),
            )
            record_event(
                actor=actor,
                verb="live.session_ended",
                target=session,
                extra={"by": "instructor" if actor is not None else "timer"},
            )
    return done


def _check_rev(rev) -> dict:
    """A command sent for an older revision (a double tap) does nothing."""
    if rev is None:
        return {}
    if isinstance(rev, bool) or not isinstance(rev, int):
        raise errors.BadRequest()
    return {"revision": rev}


def do_advance(session: LiveSession, user, *, rev=None) -> LiveSession:
    """The instructor's one button: lobby → first question (or running) →
    answer shown → next question … → ended."""
    session = access_session_as_instructor(session.pk, user)
    expect = _check_rev(rev)
    total = len(livecache.questions_of(session))
    if session.status == Status.LOBBY:
        if session.mode == Mode.LEARNER:
            livecache.start_answer_counters(session, [None])
            bump(
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
            end_session(session, match, actor=user)
        else:
            _open_question(session, nxt, match)
    elif session.status == Status.RUNNING:
        end_session(session, {**expect, "status": Status.RUNNING}, actor=user)
    else:
        raise errors.SessionEnded()
    session.refresh_from_db()
    return session


def do_reveal(session: LiveSession, user) -> LiveSession:
    session = access_session_as_instructor(session.pk, user)
    if session.status != Status.QUESTION:
        raise errors.NotAccepting()
    close_question(session)
    session.refresh_from_db()
    return session


def do_end(session: LiveSession, user) -> LiveSession:
    session = access_session_as_instructor(session.pk, user)
    if session.status == Status.ENDED:
        return session
    end_session(session, actor=user)
    session.refresh_from_db()
    return session


def do_lock(session: LiveSession, user, locked: bool = True) -> LiveSession:
    session = access_session_as_instructor(session.pk, user)
    if not isinstance(locked, bool):
        raise errors.BadRequest()
    bump(session, {"status__in": ACTIVE_STATUSES}, locked=locked)
    session.refresh_from_db()
    return session


def do_tick(session: LiveSession) -> bool:
    """Lazy timers: any screen or poll calls this; whatever is due happens once
    (time up closes the question; auto-advance moves on; a learner-paced
    deadline ends the session). No timer lives in a process."""
    now = timezone.now()
    if session.status == Status.QUESTION and session.question_deadline:
        if now > session.question_deadline + _max_extra(session) + grace():
            return close_question(session, expected_index=session.current_index)
    elif session.status == Status.REVEAL and session.auto_advance and session.reveal_until:
        if now >= session.reveal_until:
            match = {"status": Status.REVEAL, "current_index": session.current_index}
            if session.current_index + 1 >= len(livecache.questions_of(session)):
                return end_session(session, match)
            return _open_question(session, session.current_index + 1, match)
    elif (
        session.status == Status.RUNNING
        and session.deadline
        and now > session.deadline + _max_extra(session) + grace()
    ):
        return end_session(session, {"status": Status.RUNNING})
    return False
