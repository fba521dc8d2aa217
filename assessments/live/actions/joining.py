"""Joining a session: a checked display name, a participant row, and a
rejoin code to move to another phone."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import errors, events, guessing, livecache
from ..models import LiveSession, Participant, Status
from ..names import NameError_, clean_display_name, name_key

REJOIN_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"  # no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B

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


def do_join(session: LiveSession, *, name=None, user=None) -> Participant:
    """A participant for ``user`` (the same one again if they already joined)
    or a guest with ``name``. Raises on a locked lobby, an ended session, a bad
    or taken name. Screens hear of the newcomer as a delta, not a re-query."""
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
                return do_join(session, name=name, user=user)
            continue  # a name taken meanwhile (checked above) or a rejoin code collision
        livecache.forget_active(session)
        events.participant_joined(session, participant)
        return participant
    raise errors.NameTaken()


def do_rejoin(session: LiveSession, code: object, *, ip: str) -> Participant:
    """Move a participant to another phone with their rejoin code: the old
    phone's token stops working."""
    guessing.check_address(ip)
    guessing.check_rejoin(session)
    code = str(code or "").strip().upper().replace(" ", "")
    participant = Participant.objects.filter(
        session=session, rejoin_code=code, removed=False
    ).first()
    if participant is None or not code:
        guessing.note_wrong_rejoin(session, ip)
        raise errors.LiveError(
            _("This rejoin code does not match anyone in the quiz."), code="wrong_code", status=404
        )
    participant.token = secrets.token_urlsafe(32)
    participant.save(update_fields=["token"])
    return participant
