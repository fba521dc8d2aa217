"""WebSocket transport: thin. Parses a message, calls an action, answers.

Client → server (JSON text, at most LIVE_MAX_MESSAGE_BYTES):
  {"type": "sync"}                                  the full state again
  {"type": "ping"}                                  → {"type": "pong"}
  {"type": "tick"}                                  "my countdown reached 0"
  {"type": "answer", "q": 3, "response": ..., "id": "c1"}   participants
  {"type": "next"|"reveal"|"end", "rev": 7}         instructor only
  {"type": "lock", "locked": true}                  instructor only
  {"type": "remove", "participant": 12}             instructor only
  {"type": "extra_time", "participant": 12, "seconds": 15}   instructor only
Server → client: "state", "ack", "count", "roster", "removed", "pong", "error".
Every error leaves the connection open and stores nothing.
"""

from __future__ import annotations

import json
import logging

from channels.auth import get_user
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation

from . import actions, countrelay, errors, events, livecache, personal, state
from .actions import cookie_name
from .models import LiveSession, Participant

log = logging.getLogger(__name__)

__all__ = ["LiveConsumer", "cookie_name"]


def db(func):
    # Not thread-sensitive: answers from many phones are written in parallel threads.
    return database_sync_to_async(func, thread_sensitive=False)


class LiveConsumer(AsyncWebsocketConsumer):
    """One phone (role "play") or one instructor/projector screen (role "screen")."""

    participant_id: int | None = None
    session_id: int = 0
    role: str = "play"

    async def connect(self):
        kwargs = self.scope["url_route"]["kwargs"]
        self.session_id = int(kwargs["session_id"])
        self.role = kwargs["role"]
        self.language = self._language()
        try:
            if self.role == "screen":
                # Only screens are signed in; phones carry their participant token.
                self.scope["user"] = await get_user(self.scope)
                session = await db(actions.access_session_as_instructor)(
                    self.session_id, self.scope["user"]
                )
                groups = [session.screens_group_name]
                first = {"session": session}
            else:
                participant = await db(actions.access_participant)(self.session_id, self._token())
                self.participant_id = participant.pk
                groups = [
                    participant.session.group_name,
                    events.participant_group(self.session_id, participant.pk),
                ]
                first = {"participant": participant}
        except errors.LiveError as error:
            await self.accept()
            await self.send_json(error.as_dict())
            await self.close(code=4403)  # the client stops retrying and shows the message
            return
        self.groups_joined = groups
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        # The rows just read are the first state's: no second read of them.
        await self.send_full_state(**first)

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    def _language(self) -> str:
        cookies = self.scope.get("cookies", {})
        chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
        return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

    def _token(self):
        return self.scope.get("cookies", {}).get(cookie_name(self.session_id))

    async def dispatch(self, message):
        """As channels' own, without its trip to the one thread-sensitive
        thread before every message to close stale database connections: every
        database call here runs in ``db()``, whose thread closes them before
        and after (a state for a thousand phones was a thousand trips queued on
        one thread)."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def send_json(self, data: dict):
        await self.send(text_data=json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    async def error(self, error: errors.LiveError):
        with translation.override(self.language):
            await self.send_json(error.as_dict())

    # --- incoming -------------------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        try:
            message = self._parse(text_data, bytes_data)
            kind = message["type"]
            # Who may send what is the actions' rule, checked before anything runs;
            # each action then checks its own permission against the database.
            actions.check_message_allowed(kind, self.role)
            if kind == "answer":
                await self.on_answer(message)
            elif kind in actions.INSTRUCTOR_COMMANDS:
                await db(actions.do_command)(self.session_id, self.scope["user"], kind, message)
            elif kind == "sync":
                await self.send_full_state()
            elif kind == "ping":
                await self.send_json({"type": "pong", "t": state.now_ms()})
            elif kind == "tick":
                await db(self._tick)()
        except errors.LiveError as error:
            await self.error(error)
            if isinstance(error, errors.NotParticipant):
                await self.close(code=4403)
        except Exception:
            log.exception("live: message failed")
            await self.error(errors.LiveError(code="server_error", status=500))

    def _parse(self, text_data, bytes_data) -> dict:
        raw = text_data if text_data is not None else bytes_data
        if raw is None:
            raise errors.BadRequest()
        size = len(raw.encode()) if isinstance(raw, str) else len(raw)
        if size > settings.LIVE_MAX_MESSAGE_BYTES:
            raise errors.BadRequest(code="too_large")
        try:
            message = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise errors.BadRequest() from None
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            raise errors.BadRequest()
        return message

    async def on_answer(self, message: dict):
        if "q" not in message or "response" not in message:
            raise errors.BadRequest()
        client_id = message.get("id")
        if not isinstance(client_id, str | int | type(None)) or len(str(client_id)) > 40:
            raise errors.BadRequest()
        ack, counted = await db(self._answer)(message["q"], message["response"], client_id)
        await self.send_json(ack)
        if counted is not None:  # after the ack: the screens' count is coalesced
            countrelay.relay().note(self.channel_layer, *counted)

    def _answer(self, position, response, client_id) -> tuple[dict, tuple | None]:
        """The ack, and what the screens are to be told: (group, session
        stamp, question, count) for a new answer."""
        token = self._token()
        result = actions.do_answer_with_token(
            self.session_id, token, position, response, announce=False
        )
        session = result.answer.session
        ack = state.ack(result.answer, created=result.created, client_id=client_id, session=session)
        if result.counted is None:
            return ack, None
        slot, count = result.counted
        return ack, (session.screens_group_name, livecache.session_stamp(session), slot, count)

    def _tick(self):
        session = LiveSession.objects.filter(pk=self.session_id).first()
        if session is not None:
            actions.do_tick(session)

    # --- state ------------------------------------------------------------------------------

    def _full_state(self, session=None, participant=None) -> dict:
        """The whole state, from the rows the connect just read (``session``, or
        ``participant`` with its session) or read now (a sync)."""
        if participant is not None:
            session = participant.session
        elif session is None:
            session = LiveSession.objects.get(pk=self.session_id)
        if actions.do_tick(session):
            session.refresh_from_db()
            participant = None
        public = state.public_state(session)
        if self.role == "screen":
            return {**public, "extras": state.screen_extras(session)}
        if participant is None:
            participant = Participant.objects.filter(pk=self.participant_id, removed=False).first()
        if participant is None:
            raise errors.NotParticipant()
        return {**state.for_phone(public), "me": personal.personal_state(participant, session)}

    async def send_full_state(self, **rows):
        data = await db(self._full_state)(**rows)
        data["server_time"] = state.now_ms()
        await self.send_json(data)

    # --- group events (no query per phone) ----------------------------------------------------

    async def live_state(self, event):
        public = event["state"]
        if self.role == "screen":
            data = {**public, "extras": await db(self._extras)()}
        else:
            data = state.for_phone(public)
            # This phone's own result, built in bulk for everyone: sent to it
            # alone, or in the parts of all (only its own goes to the phone).
            if "me" in event:
                data["me"] = event["me"]
            elif "personal" in event:
                me = event["personal"].get(str(self.participant_id))
                if me is not None:
                    data["me"] = me
        data["server_time"] = state.now_ms()
        await self.send_json(data)

    def _extras(self) -> dict:
        return state.screen_extras(LiveSession.objects.get(pk=self.session_id))

    async def live_count(self, event):
        await self.send_json({"type": "count", "q": event["q"], "count": event["count"]})

    async def live_roster(self, event):
        delta = {k: event[k] for k in ("joined", "removed", "participants") if k in event}
        await self.send_json({"type": "roster", **delta})

    async def live_removed(self, event):
        if self.participant_id == event["participant"]:
            await self.send_json({"type": "removed"})
            await self.close(code=4403)
