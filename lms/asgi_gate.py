"""A bound on the HTTP requests one ASGI process runs at once.

Django runs each ASGI request's view in a thread of its own, so a hall of
phones posting the join form at once starts hundreds of threads that all wait
for one of the pool's few connections, and those still waiting after
DB_POOL_TIMEOUT fail. Waiting here instead costs nothing (a coroutine in the
event loop) and never times out: at most ``limit`` requests are inside Django,
the rest queue in arrival order. WebSockets are not gated."""

from __future__ import annotations

import asyncio


class HttpConcurrencyGate:
    def __init__(self, app, limit: int):
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.app = app
        self.limit = limit
        self._slots: asyncio.Semaphore | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self._slots is None:  # created in the serving loop
            self._slots = asyncio.Semaphore(self.limit)
        async with self._slots:
            return await self.app(scope, receive, send)


def http_limit(settings) -> int:
    """ASGI_HTTP_CONCURRENCY, else the connection pool's size (each request
    inside Django holds at most one connection), else 8."""
    if settings.ASGI_HTTP_CONCURRENCY:
        return settings.ASGI_HTTP_CONCURRENCY
    pool = settings.DATABASES["default"].get("OPTIONS", {}).get("pool")
    return pool["max_size"] if isinstance(pool, dict) else 8
