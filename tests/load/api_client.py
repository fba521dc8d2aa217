"""A learner's phone talking to the JSON API: one keep-alive HTTP/1.1
connection on asyncio, the protocol spoken by h11 (no hand-written parsing).

Why not ``requests`` on a thread per learner: 500 threads fighting over the
GIL on the same 2 cores as the server cost the client about 4 ms of CPU per
request, a third of a Start's whole CPU budget. One event loop (uvloop when
installed) and h11 cost a fraction of that, so the server's figures are less
inflated by the tool that measures them. (aiohttp and httpx are not installed
here; h11 is the protocol layer httpx itself uses.)"""

from __future__ import annotations

import asyncio
import json
import time

import h11


class Failed(Exception):
    """A request that got no HTTP answer (connection refused, reset, closed)."""


class Phone:
    """One learner: one connection at a time, the token on every request."""

    def __init__(self, host: str, port: int, token: str):
        self.host, self.port = host, port
        self.headers = [
            ("Host", f"{host}:{port}"),
            ("Authorization", f"Token {token}"),
            ("Accept", "application/json"),
        ]
        self.reader = self.writer = self.protocol = None
        self.resent, self.answered = 0, False

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.protocol = h11.Connection(h11.CLIENT)

    def close(self) -> None:
        """Drop the connection (the next request opens a new one), as a phone
        that sat idle past the server's keep-alive does."""
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = self.protocol = None

    async def request(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        """``(status, body)``; raises ``Failed`` when no answer came.

        A kept-alive connection the server has closed while it sat idle is
        replaced before sending; one the server closes as the request goes out
        (no byte of an answer back) is replaced and the request sent once more,
        as browsers do: counted in ``resent``."""
        if self.reader is not None and self.reader.at_eof():
            self.close()
        reused = self.writer is not None
        try:
            if not reused:
                await self._connect()
            return await self._exchange(method, path, body)
        except (OSError, EOFError, h11.ProtocolError) as error:
            self.close()
            unanswered = isinstance(error, (ConnectionResetError, EOFError)) and not self.answered
            if not (reused and unanswered):
                raise Failed(type(error).__name__) from error
        self.resent += 1
        try:
            await self._connect()
            return await self._exchange(method, path, body)
        except (OSError, EOFError, h11.ProtocolError) as error:
            self.close()
            raise Failed(type(error).__name__) from error

    async def _exchange(self, method: str, path: str, body) -> tuple[int, bytes]:
        protocol = self.protocol
        payload = b"" if body is None else json.dumps(body).encode()
        headers = [*self.headers, ("Content-Length", str(len(payload)))]
        if payload:
            headers.append(("Content-Type", "application/json"))
        out = protocol.send(h11.Request(method=method, target=path, headers=headers))
        if payload:
            out += protocol.send(h11.Data(data=payload))
        self.writer.write(out + protocol.send(h11.EndOfMessage()))
        status, chunks = 0, []
        self.answered = False  # no byte of the answer yet
        while True:
            event = protocol.next_event()
            if event is h11.NEED_DATA:
                data = await self.reader.read(65536)
                if not data:
                    raise EOFError("connection closed by the server")
                self.answered = True
                protocol.receive_data(data)
            elif type(event) is h11.Response:
                status = event.status_code
            elif type(event) is h11.Data:
                chunks.append(event.data)
            elif type(event) is h11.EndOfMessage:
                break
        if protocol.our_state is h11.DONE and protocol.their_state is h11.DONE:
            protocol.start_next_cycle()
        else:  # the server said Connection: close
            self.close()
        return status, b"".join(chunks)


class Moment:
    """Latencies and errors of one kind of request, from many phones."""

    def __init__(self):
        self.latencies, self.errors = [], []

    async def call(self, phone: Phone, method: str, path: str, body=None, expect=(200, 201)):
        """The response body (bytes) of a successful request, else None."""
        started = time.perf_counter()
        try:
            status, data = await phone.request(method, path, body)
        except Failed as error:
            self.errors.append(str(error))
            return None
        if status in expect:
            self.latencies.append(time.perf_counter() - started)
            return data
        self.errors.append(f"HTTP {status}")
        return None


def event_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()
