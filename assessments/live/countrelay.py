"""The screens' answer counts, coalesced: a hall answering within seconds
would otherwise send each screen a message per answer.

Per question, at most one count message every ``LIVE_COUNT_INTERVAL_MS``: the
first count after a quiet interval goes at once, later ones wait for the end
of the interval and only the highest is sent. Counts come from the shared
counter bumped once per stored answer (``livecache.count_answer``), so the
highest is the number of stored answers, and it is always sent last; screens
keep the highest they heard (live.js), whichever process sent it. The reveal
carries the exact count again.

``CountCoalescer`` is the rule with an explicit clock; ``CountRelay`` runs it
on the event loop of a server process (one per process, shared by its
WebSocket consumers)."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

from django.conf import settings

log = logging.getLogger(__name__)


@dataclass
class _Count:
    highest: int = 0
    sent: int = 0
    sent_at: float | None = None
    due: float | None = None


class CountCoalescer:
    KEPT = 4096  # questions remembered; the oldest quiet ones are forgotten first

    def __init__(self, interval: float):
        self.interval = interval
        self._counts: OrderedDict[Hashable, _Count] = OrderedDict()

    def note(self, key: Hashable, count: int, now: float) -> float | None:
        """A new count for ``key``; the time its flush must run at, or None
        when nothing new is to be sent or a flush is already due."""
        entry = self._counts.get(key)
        if entry is None:
            entry = self._counts[key] = _Count()
            self._forget_oldest()
        self._counts.move_to_end(key)
        entry.highest = max(entry.highest, count)
        if entry.due is not None or entry.highest <= entry.sent:
            return None
        quiet = entry.sent_at is None or now - entry.sent_at >= self.interval
        entry.due = now if quiet else entry.sent_at + self.interval
        return entry.due

    def flush(self, key: Hashable, now: float) -> int | None:
        """The count to send now (the highest noted), or None if it was sent."""
        entry = self._counts.get(key)
        if entry is None:
            return None
        entry.due = None
        if entry.highest <= entry.sent:
            return None
        entry.sent, entry.sent_at = entry.highest, now
        return entry.sent

    def _forget_oldest(self) -> None:
        while len(self._counts) > self.KEPT:
            oldest = next(iter(self._counts))
            if self._counts[oldest].due is not None:
                break
            del self._counts[oldest]


class CountRelay:
    """Sends coalesced ``live.count`` messages to a session's screens group."""

    def __init__(self, interval: float):
        self.coalescer = CountCoalescer(interval)
        # asyncio holds running tasks only weakly; a flush waiting on the
        # channel layer is kept here until it is done
        self.pending_flushes: set[asyncio.Task] = set()

    def note(self, channel_layer, group: str, stamp: str, position: int | None, count: int):
        """``stamp``: the session's ``livecache.session_stamp``, so that a
        reused session id never meets an old session's counts."""
        loop = asyncio.get_running_loop()
        key = (stamp, position)
        when = self.coalescer.note(key, count, loop.time())
        if when is not None:
            loop.call_at(when, self._start_flush, loop, channel_layer, group, key)

    def _start_flush(self, loop, channel_layer, group: str, key) -> None:
        task = loop.create_task(self._flush(channel_layer, group, key))
        self.pending_flushes.add(task)
        task.add_done_callback(self.pending_flushes.discard)

    async def _flush(self, channel_layer, group: str, key) -> None:
        position = key[1]
        count = self.coalescer.flush(key, asyncio.get_running_loop().time())
        if count is None:
            return
        try:
            await channel_layer.group_send(
                group, {"type": "live.count", "q": position, "count": count}
            )
        except Exception:  # a courier: the reveal carries the exact count anyway
            log.warning("live: could not send the count to %s", group, exc_info=True)


_relays: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def relay() -> CountRelay:
    """The relay of the running event loop (a server process has one; its
    timers live on that loop)."""
    loop = asyncio.get_running_loop()
    found = _relays.get(loop)
    if found is None:
        found = _relays[loop] = CountRelay(settings.LIVE_COUNT_INTERVAL_MS / 1000)
    return found
