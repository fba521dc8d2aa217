"""The scheduler ``make test`` gives pytest-xdist (tests/scheduling.py), driven
the way xdist's controller drives it, with two workers that finish tests at
different speeds."""

from types import SimpleNamespace

from tests.scheduling import ShortQueueScheduling, ordered


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


# The order ``make test`` hands the tests out in (tests/scheduling.py's ``ordered``).


def item(name, group, slow=False, after_database=False):
    return SimpleNamespace(name=name, group=group, slow=slow, after_database=after_database)


def names(items):
    return [
        entry.name
        for entry in ordered(
            items,
            group=lambda entry: entry.group,
            slow=lambda entry: entry.slow,
            after_database=lambda entry: entry.after_database,
        )
    ]


def test_the_first_database_test_leads_and_the_make_run_test_follows_it():
    """The first worker builds the database template at once (its first test
    needs it) and then starts the site from the migrated copy; the other worker
    runs the slow tests without a database meanwhile instead of waiting for it."""
    tests = [
        item("ordinary", 0),
        item("ordinary slow", 0, slow=True),
        item("transactional", 1),
        item("browser", 1, slow=True),
        item("pure", 2),
        item("subprocess", 2, slow=True),
        item("make run", 2, slow=True, after_database=True),
    ]
    assert names(tests) == [
        "ordinary",
        "make run",
        "subprocess",
        "ordinary slow",
        "browser",
        "transactional",
        "pure",
    ]


def test_no_ordinary_database_test_follows_a_transactional_one():
    tests = [item("browser", 1, slow=True), item("transactional", 1), item("pure", 2)]
    tests += [item("make run", 2, slow=True, after_database=True), item("subprocess", 2, slow=True)]
    order = names(tests)
    assert order[:2] == ["browser", "make run"]  # no ordinary test: a transactional one leads
    tests.append(item("ordinary", 0))
    order = names(tests)
    assert order[0] == "ordinary"
    assert order.index("transactional") > order.index("ordinary")


def test_without_a_database_test_the_order_is_the_slow_ones_first():
    tests = [item("pure", 2), item("subprocess", 2, slow=True)]
    tests.append(item("make run", 2, slow=True, after_database=True))
    assert names(tests) == ["make run", "subprocess", "pure"]
