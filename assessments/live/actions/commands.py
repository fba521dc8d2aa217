"""The instructor's commands, one dispatcher for the WebSocket and the HTTP
fallback, and the commands about one participant (removal, extra time)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lms.audit.record import record_event

from .. import errors, events, livecache
from ..models import LiveSession, Participant, Status
from .access import access_session_as_instructor
from .transitions import bump, do_advance, do_end, do_lock, do_reveal

# Every message kind a screen or a phone may send, and who may send it: the
# consumer checks this table before anything else (see consumers.py).
INSTRUCTOR_COMMANDS = frozenset({"next", "reveal", "end", "lock", "remove", "extra_time"})
PARTICIPANT_MESSAGES = frozenset({"answer"})
ANYONE_CONNECTED = frozenset({"sync", "ping", "tick"})


def check_message_allowed(kind: str, role: str) -> None:
    """A screen (the instructor's, already checked at connect) may send the
    commands; a phone (a participant) may answer; both may sync, ping, tick."""
    if kind in ANYONE_CONNECTED:
        return
    if kind in INSTRUCTOR_COMMANDS:
        if role != "screen":
            raise errors.NotInstructor()
        return
    if kind in PARTICIPANT_MESSAGES:
        if role != "play":
            raise errors.OnlyParticipants()
        return
    raise errors.BadRequest(code="unknown_type")


def do_command(session_id: int, user, kind: str, message: dict):
    """Run one instructor command on the session ``user`` runs."""
    session = access_session_as_instructor(session_id, user)
    if kind == "next":
        return do_advance(session, user, rev=message.get("rev"))
    if kind == "reveal":
        return do_reveal(session, user)
    if kind == "end":
        return do_end(session, user)
    if kind == "lock":
        return do_lock(session, user, message.get("locked", True))
    if kind == "remove":
        return do_remove_participant(session, user, message.get("participant"))
    if kind == "extra_time":
        return do_give_extra_time(session, user, message.get("participant"), message.get("seconds"))
    raise errors.BadRequest(code="unknown_type")


def _participant_of(session: LiveSession, participant_id) -> Participant:
    if isinstance(participant_id, bool) or not isinstance(participant_id, int):
        raise errors.BadRequest()
    participant = Participant.objects.filter(session=session, pk=participant_id).first()
    if participant is None:
        raise errors.LiveError(_("No such participant."), code="no_participant", status=404)
    return participant


def do_remove_participant(session: LiveSession, user, participant_id) -> Participant:
    """Out of the session and the rankings; the name stays taken, so the same
    person cannot come straight back under it."""
    session = access_session_as_instructor(session.pk, user)
    participant = _participant_of(session, participant_id)
    if not participant.removed:
        Participant.objects.filter(pk=participant.pk).update(removed=True)
        participant.removed = True
        record_event(
            actor=user,
            verb="live.participant_removed",
            target=participant,
            extra={"session": session.pk, "name": participant.display_name},
        )
        livecache.forget_active(session)
        events.participant_removed(session, participant.pk)
        if session.status in (Status.REVEAL, Status.ENDED):
            bump(session, {})  # the top five may change
    return participant


def do_give_extra_time(session: LiveSession, user, participant_id, seconds) -> Participant:
    """Accessibility: more time on every question for one participant."""
    session = access_session_as_instructor(session.pk, user)
    participant = _participant_of(session, participant_id)
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= 600:
        raise errors.BadRequest()
    Participant.objects.filter(pk=participant.pk).update(extra_seconds=seconds)
    participant.extra_seconds = seconds
    record_event(
        actor=user,
        verb="live.extra_time_given",
        target=participant,
        extra={"session": session.pk, "seconds": seconds},
    )
    return participant
