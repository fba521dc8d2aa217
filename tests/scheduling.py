"""How ``make test`` hands tests to the pytest-xdist workers (``--dist load``).

xdist's own load scheduler tops a worker up by two tests each time it finishes
one, until the worker holds a quarter of what is left: the queues grow to
hundreds of tests, and when the global list runs out one worker may still hold
minutes of work (the browser and live-server tests) while the other has
stopped. Here every worker holds at most two tests: the one it runs and the
next (a worker needs the next one to know which fixtures to tear down), so the
last test handed out is at most one test away from the end of the run on
every worker.

The tests still go out in collection order (tests/conftest.py's ordering:
ordinary database tests, then transactional ones, then those without a
database, the slow ones first in their group), so each worker runs a
subsequence of that order and never an ordinary database test after a
transactional one."""

from xdist.scheduler import LoadScheduling

QUEUE = 2  # the running test and the next one


class ShortQueueScheduling(LoadScheduling):
    def __init__(self, config, log=None) -> None:
        super().__init__(config, log)
        self.maxschedchunk = QUEUE  # the first hand-out too

    def check_schedule(self, node, duration: float = 0) -> None:
        if node.shutting_down:
            return
        if not self.pending:
            node.shutdown()
            return
        missing = QUEUE - len(self.node2pending[node])
        if missing > 0:
            self._send_tests(node, missing)
