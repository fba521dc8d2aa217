"""Fan-out through the channel layer: best effort, after the database commit.

Nothing here is a source of truth. A lost event only delays a screen until its
next sync or poll; the layer being down never fails a write. Each session has
a group ``live.<id>`` for phones, ``live.<id>.screens`` for the projector and
the instructor (who also get joins and answer counts, which phones do not
need), and one small group per participant for what only that phone may see
(its own result at the reveal and the end, when the layer cannot carry
everyone's in one message: see ``state_messages``)."""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)

# Phases whose phone state has a personal part (score, rank, result):
# each phone's part travels in the fan-out, built once for all.
PERSONAL_PHASES = frozenset({"lobby", "reveal", "running", "ended"})


def participant_group(session_id: int, participant_id: int) -> str:
    return f"live.{session_id}.p.{participant_id}"


def _send_all(sends: list[tuple[str, dict]]) -> None:
    layer = get_channel_layer()
    if layer is None or not sends:
        return

    async def send_all():
        results = await asyncio.gather(
            *(layer.group_send(group, message) for group, message in sends),
            return_exceptions=True,
        )
        failed = [r for r in results if isinstance(r, Exception)]
        if failed:
            log.warning("live: %s of %s sends failed: %r", len(failed), len(sends), failed[0])

    try:
        async_to_sync(send_all)()
    except Exception:  # the layer is a courier, never a reason to fail a write
        log.warning("live: could not send %s messages", len(sends), exc_info=True)


def _send(group: str, message: dict) -> None:
    _send_all([(group, message)])


def after_commit(func) -> None:
    transaction.on_commit(func)


def state_messages(session) -> list[tuple[str, dict]]:
    """The new state for every screen: the shared part, built once and cached
    (phones need no query to show it); in phases with a personal part, each
    phone's own part computed in bulk and sent to that phone alone."""
    from .models import LiveSession
    from .personal import personal_states
    from .state import public_state

    session = LiveSession.objects.get(pk=session.pk)  # as committed
    state = public_state(session)
    message = {"type": "live.state", "state": state}
    if state["status"] not in PERSONAL_PHASES:
        return [(session.group_name, message), (session.screens_group_name, message)]
    sends = [(session.screens_group_name, message)]
    personal = personal_states(session)
    if _one_object_per_process(get_channel_layer()):
        parts = {str(participant_id): me for participant_id, me in personal.items()}
        sends.append((session.group_name, {**message, "personal": parts}))
        return sends
    for participant_id, me in personal.items():
        sends.append(
            (
                participant_group(session.pk, participant_id),
                {"type": "live.state", "state": state, "me": me},
            )
        )
    return sends


def _one_object_per_process(layer) -> bool:
    """channels_redis stores a group message once per server process and hands
    it, deserialised once, to each of that process's consumers: everyone's own
    part can travel in one message (each consumer forwards only its phone's),
    instead of a group send (four Redis round trips) per phone. The in-memory
    layer copies a message for each consumer, so there each phone gets its own."""
    from channels.layers import InMemoryChannelLayer

    return layer is not None and not isinstance(layer, InMemoryChannelLayer)


def state_changed(session) -> None:
    def send():
        try:
            sends = state_messages(session)
        except Exception:
            log.exception("live: could not build the state of session %s", session.pk)
            return
        _send_all(sends)

    after_commit(send)


def participant_joined(session, participant) -> None:
    """A delta for the screens: who joined and how many are in now."""

    def send():
        from .models import Participant

        count = Participant.objects.filter(session_id=session.pk, removed=False).count()
        joined = {"id": participant.pk, "name": participant.display_name}
        message = {"type": "live.roster", "joined": joined, "participants": count}
        _send(session.screens_group_name, message)

    after_commit(send)


def participant_removed(session, participant_id: int) -> None:
    def send():
        from .models import Participant

        count = Participant.objects.filter(session_id=session.pk, removed=False).count()
        _send_all(
            [
                (session.group_name, {"type": "live.removed", "participant": participant_id}),
                (
                    session.screens_group_name,
                    {"type": "live.roster", "removed": participant_id, "participants": count},
                ),
            ]
        )

    after_commit(send)


def answer_counted(session, position: int | None, count: int) -> None:
    message = {"type": "live.count", "q": position, "count": count}
    after_commit(lambda: _send(session.screens_group_name, message))
