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

from collections.abc import Callable, Sequence
from typing import TypeVar

from xdist.scheduler import LoadScheduling

T = TypeVar("T")

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


def ordered(
    items: Sequence[T],
    *,
    group: Callable[[T], int],
    slow: Callable[[T], bool],
    after_database: Callable[[T], bool],
) -> list[T]:
    """The hand-out order. ``group`` is pytest-django's: 0 ordinary database
    tests, 1 transactional ones, 2 those without a database; pytest-django's
    order is kept inside each group and no test moves to another group's place
    among the database tests, so no ordinary test follows a transactional one.

    1. The first database test (an ordinary one where there is one): the first
       worker builds the database template for it at once, about half a minute
       on the first run after a change (tests/db_template.py).
    2. The tests that start from the migrated copy that build leaves
       (``after_database``: the ``make run`` start-up). The first worker runs
       it next, with the copy in place: it holds items 1 and 2 of the first
       hand-out (QUEUE).
    3. The slow tests without a database (subprocesses, servers): the other
       worker runs them while the first builds, instead of waiting for the
       template, and they are out of the way before the end of the run.
    4. The rest, group by group, the slow ones first in their group, so the
       run ends on short tests and no worker finishes a long one alone."""
    database = [entry for entry in items if group(entry) < 2]
    lead = []
    if database:
        first_group = min(group(entry) for entry in database)
        lead = [next(entry for entry in database if group(entry) == first_group)]
    after = [entry for entry in items if group(entry) == 2 and after_database(entry)]
    free = [entry for entry in items if group(entry) == 2 and slow(entry) and entry not in after]
    placed = {id(entry) for entry in [*lead, *after, *free]}
    rest = [entry for entry in items if id(entry) not in placed]
    # sorted() is stable: pytest-django's order is kept inside each group.
    return lead + after + free + sorted(rest, key=lambda entry: (group(entry), not slow(entry)))
