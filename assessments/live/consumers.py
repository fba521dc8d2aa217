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

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation

from . import actions, errors, state
from .models import LiveSession, Participant, Status

log = logging.getLogger(__name__)

INSTRUCTOR_COMMANDS = {"next", "reveal", "end", "lock", "remove", "extra_time"}
COMMON = {"sync", "ping", "tick"}
COOKIE_PREFIX = "hvs_live_"


def cookie_name(session_id: int) -> str:
    return f"{COOKIE_PREFIX}{session_id}"


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
                session = await db(actions.access_session_as_instructor)(
                    self.session_id, self.scope["user"]
                )
                groups = [session.screens_group_name]
            else:
                token = self.scope.get("cookies", {}).get(cookie_name(self.session_id))
                participant = await db(actions.access_participant)(self.session_id, token)
                self.participant_id = participant.pk
                groups = [participant.session.group_name]
        except errors.LiveError as error:
            await self.accept()
            await self.send_json(error.as_dict())
            await self.close(code=4403)  # the client stops retrying and shows the message
            return
        self.groups_joined = groups
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send_full_state()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    def _language(self) -> str:
        cookies = self.scope.get("cookies", {})
        chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
        return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

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
            if kind in INSTRUCTOR_COMMANDS and self.role != "screen":
                raise errors.NotInstructor()
            if kind == "answer" and self.role == "play":
                await self.on_answer(message)
            elif kind in INSTRUCTOR_COMMANDS:
                await self.on_command(kind, message)
            elif kind == "sync":
                await self.send_full_state()
            elif kind == "ping":
                await self.send_json({"type": "pong", "t": state.now_ms()})
            elif kind == "tick":
                await self.on_tick()
            else:
                raise errors.BadRequest(code="unknown_type")
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
        await self.send_json(await db(self._answer)(message["q"], message["response"], client_id))

    def _answer(self, position, response, client_id) -> dict:
        participant = actions.access_participant(self.session_id, self._token())
        result = actions.answer(participant, position, response, from_phone=True)
        return state.ack(
            result.answer, created=result.created, client_id=client_id, session=participant.session
        )

    def _token(self):
        return self.scope.get("cookies", {}).get(cookie_name(self.session_id))

    async def on_command(self, kind: str, message: dict):
        await db(self._command)(kind, message)

    def _command(self, kind: str, message: dict):
        user = self.scope["user"]
        session = actions.access_session_as_instructor(self.session_id, user)
        return run_command(session, user, kind, message)

    async def on_tick(self):
        await db(self._tick)()

    def _tick(self):
        session = LiveSession.objects.filter(pk=self.session_id).first()
        if session is not None:
            actions.tick(session)

    # --- state ------------------------------------------------------------------------------

    def _full_state(self) -> dict:
        session = LiveSession.objects.get(pk=self.session_id)
        actions.tick(session)
        session.refresh_from_db()
        public = state.public_state(session)
        if self.role == "screen":
            return {**public, "extras": state.screen_extras(session)}
        participant = Participant.objects.get(pk=self.participant_id)
        return {**state.for_phone(public), "me": state.personal_state(participant, session)}

    async def send_full_state(self):
        try:
            data = await db(self._full_state)()
        except Participant.DoesNotExist:
            raise errors.NotParticipant() from None
        data["server_time"] = state.now_ms()
        await self.send_json(data)

    def _personal(self, public: dict) -> dict:
        participant = Participant.objects.filter(pk=self.participant_id).first()
        if participant is None or participant.removed:
            raise errors.NotParticipant()
        session = LiveSession.objects.get(pk=self.session_id)
        return state.personal_state(participant, session)

    # --- group events -----------------------------------------------------------------------

    async def live_state(self, event):
        public = event["state"]
        data = dict(public)
        if self.role == "screen":
            data["extras"] = await db(
                lambda: state.screen_extras(LiveSession.objects.get(pk=self.session_id))
            )()
        else:
            data = state.for_phone(public)
            # The next question needs no query per phone; results and the end do.
            if public["status"] in (Status.REVEAL, Status.ENDED, Status.RUNNING, Status.LOBBY):
                try:
                    data = {**data, "me": await db(self._personal)(public)}
                except errors.NotParticipant:
                    await self.close(code=4403)
                    return
        data["server_time"] = state.now_ms()
        await self.send_json(data)

    async def live_count(self, event):
        await self.send_json({"type": "count", "q": event["q"], "count": event["count"]})

    async def live_roster(self, event):
        extras = await db(
            lambda: state.screen_extras(LiveSession.objects.get(pk=self.session_id))
        )()
        await self.send_json({"type": "roster", "extras": extras})

    async def live_removed(self, event):
        if self.participant_id == event["participant"]:
            await self.send_json({"type": "removed"})
            await self.close(code=4403)


def run_command(session: LiveSession, user, kind: str, message: dict):
    """Shared by the WebSocket and the HTTP fallback."""
    if kind == "next":
        return actions.advance(session, user, rev=message.get("rev"))
    if kind == "reveal":
        return actions.reveal(session, user)
    if kind == "end":
        return actions.end(session, user)
    if kind == "lock":
        return actions.lock(session, user, message.get("locked", True))
    if kind == "remove":
        return actions.remove_participant(session, user, message.get("participant"))
    if kind == "extra_time":
        return actions.give_extra_time(
            session, user, message.get("participant"), message.get("seconds")
        )
    raise errors.BadRequest(code="unknown_type")
