"""A phone in a live session, as a learner holds it: joins through the real
/live/ form with its own cookies, keeps a WebSocket open, thinks before each
answer, sometimes taps twice, sometimes loses the connection mid-question and
comes back. It records what it saw and when."""

from __future__ import annotations

import asyncio
import json
import random
import time

import requests
import websockets

from .browser import Browser, PageError, in_thread

DOUBLE_TAP = 0.05
DROP = 0.02
THINK = (0.5, 5.0)
ACK_TIMEOUT = 20


class Phone:
    def __init__(self, index: int, base_url: str, pin: str, rng: random.Random):
        self.index, self.pin, self.rng = index, pin, rng
        self.browser = Browser(base_url)
        self.ws_base = base_url.replace("http://", "ws://")
        self.origin = base_url
        self.ws = None
        self.reader: asyncio.Task | None = None
        self.session_id = 0
        self.joined_in: float | None = None
        self.seen: dict[int, float] = {}  # question position -> when it arrived
        self.revealed: dict[int, float] = {}
        self.ended_at: float | None = None
        self.options: dict[int, list] = {}
        self.last_sent: dict[int, float] = {}
        self.acks: list[float] = []  # ms from sending an answer to its ack
        self.waiters: dict[str, asyncio.Future] = {}
        self.sent = self.double_taps = self.duplicates_acked = 0
        self.reconnects = self.reconnects_on_question = 0
        self.dropped_by_server: list[str] = []  # closes we did not ask for (code, reason)
        self.key_leaks = 0  # a correct answer shown while the question is open
        self.errors: list[str] = []
        self.closing = False

    # --- joining --------------------------------------------------------------------------

    async def join(self) -> None:
        started = time.perf_counter()
        try:
            page = await in_thread(self.browser.get, "/live/", "join page")
            form = {"pin": self.pin, "name": f"Người {self.index}", "rejoin_code": "", "key": ""}
            play = await in_thread(self.browser.submit, "/live/", page, form, "join")
            self.session_id = int(play.url.rstrip("/").rsplit("/", 1)[-1])
            first = await self.connect()
        except PageError as error:
            self.errors.append(f"{error.step} {error.status}")
            return
        except requests.RequestException as error:  # an OSError too: named apart
            self.errors.append(f"join page {type(error).__name__}")
            return
        except (OSError, websockets.WebSocketException, TimeoutError) as error:
            self.errors.append(f"websocket {type(error).__name__}")
            return
        if first.get("type") != "state":
            self.errors.append(f"first message {first.get('type')}")
            return
        self.joined_in = time.perf_counter() - started

    async def connect(self) -> dict:
        self.ws = await websockets.connect(
            f"{self.ws_base}/ws/live/{self.session_id}/play/",
            additional_headers={"Cookie": self.browser.cookie_header(), "Origin": self.origin},
            open_timeout=60,
            ping_interval=None,
            max_queue=None,
        )
        first = json.loads(await asyncio.wait_for(self.ws.recv(), 60))
        self.on_state(first, time.perf_counter())
        self.reader = asyncio.create_task(self.read(self.ws))
        return first

    # --- listening ------------------------------------------------------------------------

    def on_state(self, message: dict, now: float) -> None:
        if message.get("type") != "state":
            return
        question, status = message.get("question"), message.get("status")
        if status == "question" and question:
            position = question["position"]
            self.seen.setdefault(position, now)
            self.options[position] = [o["value"] for o in question["options"]]
            if message.get("reveal") or "key_values" in json.dumps(message):
                self.key_leaks += 1
        elif status == "reveal" and question:
            self.revealed.setdefault(question["position"], now)
        elif status == "ended" and self.ended_at is None:
            self.ended_at = now

    async def read(self, ws) -> None:
        try:
            async for raw in ws:
                now = time.perf_counter()
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "state":
                    self.on_state(message, now)
                elif kind == "ack":
                    waiter = self.waiters.pop(str(message.get("id")), None)
                    if waiter and not waiter.done():
                        waiter.set_result((now, message))
                elif kind == "error":
                    self.errors.append(f"error {message.get('code')}")
                    for waiter in self.waiters.values():  # errors carry no id
                        if not waiter.done():
                            waiter.set_result((now, message))
                    self.waiters.clear()
        except websockets.ConnectionClosed as closed:
            if ws is self.ws and not self.closing:
                self.dropped_by_server.append(str(closed.rcvd.code if closed.rcvd else "no close"))
        except websockets.WebSocketException:
            pass

    async def ensure_connected(self) -> None:
        """As the phone's page does: a connection the server dropped is reopened."""
        if self.ws is not None and self.ws.state is websockets.State.OPEN:
            return
        try:
            await self.connect()
        except (OSError, websockets.WebSocketException, TimeoutError) as error:
            self.errors.append(f"reconnect {type(error).__name__}")

    # --- answering ------------------------------------------------------------------------

    async def drop_and_reconnect(self, position: int) -> None:
        self.closing = True
        await self.ws.close()
        self.closing = False
        await asyncio.sleep(self.rng.uniform(0.2, 1.5))
        self.reconnects += 1
        try:
            first = await self.connect()
        except (OSError, websockets.WebSocketException, TimeoutError) as error:
            self.errors.append(f"reconnect {type(error).__name__}")
            return
        question = first.get("question") or {}
        if first.get("status") == "question" and question.get("position") == position:
            self.reconnects_on_question += 1

    async def play(self, position: int) -> None:
        """Think, maybe drop and come back, answer (maybe twice), wait for the ack."""
        think = self.rng.uniform(*THINK)
        if self.rng.random() < DROP:
            await asyncio.sleep(think / 2)
            await self.drop_and_reconnect(position)
            await asyncio.sleep(think / 2)
        else:
            await asyncio.sleep(think)
        await self.ensure_connected()
        choice = self.rng.choice(self.options.get(position) or ["?"])
        taps = 2 if self.rng.random() < DOUBLE_TAP else 1
        loop = asyncio.get_running_loop()
        futures = []
        sent_at = time.perf_counter()
        for tap in range(taps):
            msg_id = f"{position}-{tap}"
            futures.append(self.waiters.setdefault(msg_id, loop.create_future()))
            payload = {"type": "answer", "q": position, "response": choice, "id": msg_id}
            try:
                await self.ws.send(json.dumps(payload))
            except websockets.WebSocketException:
                self.errors.append("send on a closed connection")
                return
        self.sent += 1
        self.double_taps += taps - 1
        self.last_sent[position] = sent_at
        try:
            outcomes = await asyncio.wait_for(asyncio.gather(*futures), ACK_TIMEOUT)
        except TimeoutError:
            self.errors.append("ack timeout")
            return
        first_at, first = outcomes[0]
        if first.get("type") == "ack":
            self.acks.append((first_at - sent_at) * 1000)
        if taps == 2 and outcomes[1][1].get("type") == "ack" and outcomes[1][1].get("duplicate"):
            self.duplicates_acked += 1

    async def close(self) -> None:
        self.closing = True
        if self.ws is not None:
            await self.ws.close()
        await in_thread(self.browser.close)
