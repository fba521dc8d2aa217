"""Who may touch a live session: each ``access_…`` fetches what a caller
asks for and enforces the permission in the same step."""

from __future__ import annotations

from django.db.models import Q

from .. import errors, guessing, rows
from ..models import LiveSession, Participant, Status

START_PERMISSION = "live.add_livesession"
COOKIE_PREFIX = "hvs_live_"


def cookie_name(session_id: int) -> str:
    """The cookie that carries a phone's participant token for one session."""
    return f"{COOKIE_PREFIX}{session_id}"


def access_session_by_pin(pin: object, *, ip: str, key: str = "") -> LiveSession:
    """The active session with this PIN. Wrong PINs count against the address,
    and an address over its limit waits, unless it brings the session's join key
    from the projector's QR code (see guessing.py)."""
    pin = str(pin or "").strip().replace(" ", "")
    session = None
    if pin.isdigit() and len(pin) == 6:
        session = LiveSession.objects.filter(pin=pin).exclude(status=Status.ENDED).first()
    if session is not None and guessing.key_opens(session, key):
        return session
    guessing.check_address(ip)
    if session is None:
        guessing.note_wrong_pin(ip)
        raise errors.SessionNotFound()
    return session


def access_participant(session_id: int, token: str | None) -> Participant:
    """The participant holding ``token`` in this session (with the session row)."""
    participant = rows.participant_by_token(session_id, token) if token else None
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


def access_presented_session(pin: str, user) -> LiveSession:
    """The projector's lookup: the newest session with this PIN that ``user``
    runs (any, for a superuser); else NotInstructor."""
    if not user.is_authenticated:
        raise errors.NotInstructor()
    sessions = LiveSession.objects.filter(pin=pin)
    if not user.is_superuser:
        sessions = sessions.filter(instructor=user)
    session = sessions.order_by("-created_at").first()
    if session is None:
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


def sessions_of(user):
    """Sessions the user runs, newest first."""
    return LiveSession.objects.filter(Q(instructor=user)).order_by("-created_at")
