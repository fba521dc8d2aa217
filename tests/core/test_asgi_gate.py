"""The ASGI process lets at most its pool's size of HTTP requests into Django
at once (lms/asgi_gate.py): a hall posting the join form together queues in
the event loop instead of timing out on the connection pool."""

import asyncio

from django.conf import settings

from lms.asgi_gate import HttpConcurrencyGate, http_limit


class Hall:
    """A stand-in for Django: counts requests inside it at the same time."""

    def __init__(self):
        self.inside = self.most = self.served = 0

    async def __call__(self, scope, receive, send):
        self.inside += 1
        self.most = max(self.most, self.inside)
        await asyncio.sleep(0.01)
        self.inside -= 1
        self.served += 1


async def _burst(app, count, kind="http"):
    async def nothing():
        return {}

    async def ignore(message):
        pass

    await asyncio.gather(*(app({"type": kind}, nothing, ignore) for _ in range(count)))


def test_a_burst_of_requests_waits_its_turn_and_every_one_is_served():
    hall = Hall()
    asyncio.run(_burst(HttpConcurrencyGate(hall, 4), 200))
    assert hall.served == 200
    assert hall.most == 4


def test_websockets_are_not_gated():
    hall = Hall()
    asyncio.run(_burst(HttpConcurrencyGate(hall, 4), 50, kind="websocket"))
    assert hall.most == 50


def test_the_served_application_is_gated_at_the_pool_size():
    from lms.asgi import application

    http = application.application_mapping["http"]
    assert isinstance(http, HttpConcurrencyGate)
    assert http.limit == http_limit(settings) >= 1
