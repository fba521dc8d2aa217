"""The screens' answer counts, coalesced per question (pure rule, an explicit
clock): at most one message per interval, the first at once, the highest
count always sent last."""

from assessments.live.countrelay import CountCoalescer

KEY = ("live.1.screens", 0)


def run(noted, interval=0.25):
    """``noted``: (time, count) in the order they arrive; returns what is sent,
    as (time, count), flushing at the times the coalescer names."""
    coalescer = CountCoalescer(interval)
    sent, due = [], None
    for now, count in noted:
        if due is not None and due <= now:
            sent.append((due, coalescer.flush(KEY, due)))
            due = None
        when = coalescer.note(KEY, count, now)
        if when is not None:
            assert due is None
            due = when
    while due is not None:
        value = coalescer.flush(KEY, due)
        if value is not None:
            sent.append((due, value))
        due = None
    return [(t, c) for t, c in sent if c is not None]


def test_a_burst_of_a_thousand_answers_is_two_messages_ending_on_the_exact_count():
    sent = run([(n / 10_000, n) for n in range(1, 1001)])
    assert sent == [(0.0001, 1), (0.0001 + 0.25, 1000)]


def test_counts_arriving_out_of_order_end_on_the_highest():
    sent = run([(0.0, 1), (0.01, 3), (0.02, 2)])
    assert [c for _t, c in sent] == [1, 3]


def test_a_count_after_a_quiet_interval_goes_at_once():
    sent = run([(0.0, 1), (1.0, 2), (1.1, 3), (5.0, 4)])
    assert sent == [(0.0, 1), (1.0, 2), (1.25, 3), (5.0, 4)]


def test_nothing_new_sends_nothing():
    coalescer = CountCoalescer(0.25)
    assert coalescer.note(KEY, 5, 0.0) == 0.0  # at once
    assert coalescer.flush(KEY, 0.0) == 5
    assert coalescer.note(KEY, 5, 0.1) is None  # not higher than what was sent
    assert coalescer.note(KEY, 4, 0.2) is None
    assert coalescer.flush(KEY, 0.3) is None


def test_questions_are_coalesced_apart():
    coalescer = CountCoalescer(0.25)
    assert coalescer.note(("s", 0), 7, 0.0) == 0.0
    assert coalescer.note(("s", 1), 1, 0.0) == 0.0
    assert coalescer.flush(("s", 0), 0.0) == 7 and coalescer.flush(("s", 1), 0.0) == 1


def test_the_relay_holds_each_flush_until_it_has_sent():
    """asyncio keeps only a weak reference to a running task: a flush waiting
    on the channel layer must be held by the relay, or it may be collected
    before the screens get their count."""
    import asyncio

    from assessments.live.countrelay import CountRelay

    class SlowLayer:
        def __init__(self):
            self.sent, self.release = [], asyncio.Event()

        async def group_send(self, group, message):
            await self.release.wait()
            self.sent.append((group, message["count"]))

    async def scenario():
        relay, layer = CountRelay(0.25), SlowLayer()
        relay.note(layer, "live.1.screens", "stamp", 0, 3)
        await asyncio.sleep(0.01)  # the flush runs and waits on the layer
        held_while_waiting = len(relay.pending_flushes)
        layer.release.set()
        await asyncio.sleep(0.01)
        return held_while_waiting, len(relay.pending_flushes), layer.sent

    held, left, sent = asyncio.run(scenario())
    assert (held, left, sent) == (1, 0, [("live.1.screens", 3)])
