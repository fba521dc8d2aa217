"""The scheduler ``make test`` gives pytest-xdist (tests/scheduling.py), driven
the way xdist's controller drives it, with two workers that finish tests at
different speeds."""

from types import SimpleNamespace

from tests.scheduling import ShortQueueScheduling


class Config:
    options = {"tx": ["2*popen"], "maxschedchunk": 2}

    def getvalue(self, name):
        return self.options[name]

    getoption = getvalue


class Worker:
    def __init__(self, name):
        self.gateway = SimpleNamespace(id=name)
        self.shutting_down = False
        self.received: list[int] = []

    def send_runtest_some(self, indices):
        self.received.extend(indices)

    def shutdown(self):
        self.shutting_down = True


def run(tests: int, speeds: dict[int, int]):
    """Workers 0 and 1 finish ``speeds[n]`` tests per tick; returns the workers
    and the longest queue either held."""
    scheduler = ShortQueueScheduling(Config())
    workers = [Worker("gw0"), Worker("gw1")]
    collection = [f"test_{index}" for index in range(tests)]
    for worker in workers:
        scheduler.add_node(worker)
        scheduler.add_node_collection(worker, collection)
    scheduler.schedule()
    longest = 0
    while scheduler.has_pending:
        for number, worker in enumerate(workers):
            for _ in range(speeds[number]):
                queue = scheduler.node2pending[worker]
                longest = max(longest, len(queue))
                if queue:
                    scheduler.mark_test_complete(worker, queue[0])
    return workers, longest


def test_every_test_runs_once_in_collection_order_on_each_worker():
    workers, _longest = run(200, {0: 1, 1: 3})
    assert sorted(workers[0].received + workers[1].received) == list(range(200))
    for worker in workers:
        assert worker.received == sorted(worker.received)
        assert worker.shutting_down


def test_no_worker_holds_more_than_the_running_test_and_the_next():
    workers, longest = run(200, {0: 1, 1: 3})
    assert longest == 2
    # The faster worker took about three quarters, not a fixed half.
    assert 140 <= len(workers[1].received) <= 160
