"""Fan-out through the channel layer: best effort, after the database commit.

Nothing here is a source of truth. A lost event only delays a screen until its
next sync or poll; the layer being down never fails a write. Each session has
two groups: ``live.<id>`` for phones and ``live.<id>.screens`` for the
projector and the instructor (who also get joins and answer counts, which
phones do not need)."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def _send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # the layer is a courier, never a reason to fail a write
        log.warning("live: could not send %s to %s", message.get("type"), group, exc_info=True)


def after_commit(func) -> None:
    transaction.on_commit(func)


def state_changed(session) -> None:
    """Every screen gets the session's new public state, built once after the
    commit and carried by the message (phones need no query to show it)."""
    from .state import public_state

    def send():
        try:
            state = public_state(session.pk)
        except Exception:
            log.exception("live: could not build the state of session %s", session.pk)
            return
        message = {"type": "live.state", "state": state}
        for group in (session.group_name, session.screens_group_name):
            _send(group, message)

    after_commit(send)


def participant_removed(session, participant_id: int) -> None:
    message = {"type": "live.removed", "participant": participant_id}
    after_commit(lambda: _send(session.group_name, message))
    after_commit(lambda: _send(session.screens_group_name, {"type": "live.roster"}))


def roster_changed(session) -> None:
    after_commit(lambda: _send(session.screens_group_name, {"type": "live.roster"}))


def answer_counted(session, position: int, count: int) -> None:
    message = {"type": "live.count", "q": position, "count": count}
    after_commit(lambda: _send(session.screens_group_name, message))
