"""Shared fixtures: small factories that build exactly what a test needs.

What every test may assume is built once per session (per xdist worker) right
after the migrations, not once per test (tests/shared_rows.py): the shipped
skills framework and the site's home page with the library's shelves, beside
what the migrations and post_migrate already leave (role groups with their
permissions, Wagtail's root page and default site). Transactional tests flush
the tables, so each of them restores that state from the serialized copy
(``serialized_rollback``) instead of starting empty. On SQLite the migrated
database with those rows is kept as a template between processes
(tests/db_template.py).

``make test`` runs the workers with ``--dist load``: tests are handed out one by
one in pytest-django's order, so no worker runs an ordinary test after a
transactional one (which leaves the tables empty until the next transactional
test restores them)."""

import contextlib
import itertools
import os
import sys

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from lms.accounts.roles import Role
from tests import db_template, reference_index, search_index, serialized_rows, shared_rows
from tests.factories import PASSWORD, UnitFactory, UserFactory

_counter = itertools.count(1)

# Keep the compiled modules even where the environment says not to write them
# (PYTHONDONTWRITEBYTECODE): otherwise every xdist worker and every subprocess a
# test starts (migrate, seed_demo, runserver, Celery) compiles the whole project
# again, about 5 s of CPU per process that imports all of it.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# The same examples on a loaded machine as on an idle one: no per-example time
# limit and no "too slow" health check, which fail by load, not by the code.
hypothesis_settings.register_profile(
    "steady", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "steady"))


def _serialize_again():
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        # Django serialized the database before our rows existed; transactional
        # tests restore from this copy, so take it again.
        if hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """The test database with the session's shared rows. On SQLite a process
    copies the one the first process migrated (tests/db_template.py)."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    template = None
    if connection.vendor == "sqlite" and not connection.creation.is_in_memory_db(
        connection.creation._get_test_db_name()
    ):
        template = db_template.digest()
    building = db_template.building(template) if template else contextlib.nullcontext()
    # The framework's competencies and the shared pages go into the search index.
    with django_db_blocker.unblock(), building, search_index.kept(True):
        old_config = None
        if template and not request.config.getvalue("create_db"):
            old_config = db_template.restore(connection, template)
        if old_config is None:
            old_config = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases={"default"},
                serialized_aliases={"default"},
            )
            if template:
                db_template.save_migrated(connection, template)
            shared_rows.build()
            _serialize_again()
            if template:
                db_template.save(connection, template)
    serialized_rows.install(connection)  # transactional tests restore in bulk
    yield
    with django_db_blocker.unblock():
        _end_leftover_sessions()
        teardown_databases(old_config, verbosity=verbosity)


def _end_leftover_sessions():
    """Servers and Celery workers that the service tests started may still hold
    sessions on the test database, and PostgreSQL refuses to drop a database
    that is in use: end them (ours included) before Django drops it."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    connections.close_all()
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"{search_index.MARKER}: keeps Wagtail's search index up to date; other tests "
        "may not search it (tests/search_index.py)",
    )
    config.addinivalue_line(
        "markers",
        f"{reference_index.MARKER}: keeps Wagtail's reference index up to date; other "
        "tests may not read it (tests/reference_index.py)",
    )
    config.addinivalue_line(
        "markers",
        "migrated_template: starts from the migrated database the test processes keep "
        "(tests/db_template.py); runs after the database tests, which build it",
    )


def pytest_xdist_make_scheduler(config, log):
    """``--dist load`` with short worker queues (tests/scheduling.py)."""
    if config.getvalue("dist") == "load":
        from tests.scheduling import ShortQueueScheduling

        return ShortQueueScheduling(config, log)
    return None


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="only the tests that use the database or the services (CI's PostgreSQL pass)",
    )


def _uses_database(item) -> bool:
    return bool(
        item.get_closest_marker("django_db")
        or item.get_closest_marker("services")
        or {"db", "transactional_db", "live_server", "django_db_setup"} & set(item.fixturenames)
    )


def _slow(item) -> bool:
    return item.get_closest_marker("slow") is not None


def pytest_collection_modifyitems(config, items):
    if config.getoption("--database-tests-only"):
        skipped = [item for item in items if not _uses_database(item)]
        if skipped:
            config.hook.pytest_deselected(items=skipped)
            items[:] = [item for item in items if _uses_database(item)]
    items[:] = _slow_first(items)


def _slow_first(items):
    """pytest-django has ordered the items: ordinary database tests, then
    transactional ones, then those without a database. The first database test
    leads (its worker builds the database template at once), the ``make run``
    start-up that copies the migrated template follows it on the same worker,
    then the slow tests without a database (the other worker runs them while the
    template is built), then each group with its slow tests first: xdist hands
    the long tests out early and fills the end of the run with short ones
    (tests/scheduling.py's ``ordered``)."""
    from tests.scheduling import ordered

    def group(item):  # pytest-django's: ordinary, transactional, no database
        if _transactional(item):
            return 1
        uses_db = item.get_closest_marker("django_db") is not None or "db" in item.fixturenames
        return 0 if uses_db else 2

    return ordered(items, group=group, slow=_slow, after_database=_after_database)


def _after_database(item) -> bool:
    """A test that copies the migrated database the first database test builds
    (tests/db_template.py) follows that test on the same worker: by then its copy
    exists, also on the first run after a change."""
    return item.get_closest_marker("migrated_template") is not None


def pytest_itemcollected(item):
    """Every transactional test restores the session's rows (see the module
    docstring): a flush without it would leave later tests without them.
    Browser and live-server tests are marked ``browser``/``slow`` (``-m "not
    browser"`` skips them), whichever file they are in."""
    fixtures = set(item.fixturenames)
    if "browser" in fixtures:
        item.add_marker(pytest.mark.browser)
    if fixtures & {"browser", "live_server"}:
        item.add_marker(pytest.mark.slow)
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.args:
        return  # positional options: left as written
    if marker is not None:
        options = dict(marker.kwargs)
        transactional = options.get("transaction") or options.get("reset_sequences")
    else:
        options = {}
        transactional = {"transactional_db", "live_server"} & fixtures
    if transactional and not options.get("serialized_rollback"):
        options.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**options), append=False)


_tables_flushed = False  # a transactional test has run in this process


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker is not None and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(item.fixturenames)
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Refuse, with the reason, an ordinary database test scheduled after a
    transactional one in the same process: it would find the tables empty and
    fail in ways that depend on scheduling (e.g. ``-n 2 --dist loadfile``)."""
    uses_db = item.get_closest_marker("django_db") is not None or "db" in item.fixturenames
    if _tables_flushed and uses_db and not _transactional(item):
        pytest.fail(
            "an ordinary database test after a transactional one in this process: "
            "run pytest-xdist with --dist load (make test), not loadfile",
            pytrace=False,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    global _tables_flushed
    # Set up (not skipped): its teardown flushes the tables.
    if report.when == "setup" and report.passed and _transactional(item):
        _tables_flushed = True
    return report


@pytest.fixture
def framework(db):
    """The current framework version (757-v1.0), loaded once per session."""
    from lms.framework.models import FrameworkVersion

    current = FrameworkVersion.objects.current()
    if current is None:  # a test flushed the tables without serialized_rollback
        shared_rows.load_framework()
        current = FrameworkVersion.objects.current()
    return current


@pytest.fixture(scope="session", autouse=True)
def _wagtail_indexes_off():
    search_index.install_guard()
    search_index.keep(False)
    reference_index.install_guard()


@pytest.fixture(autouse=True)
def _wagtail_indexes_where_marked(request):
    """Saves update Wagtail's search and reference indexes only in the tests
    marked ``search_index`` and ``reference_index`` (tests/search_index.py,
    tests/reference_index.py)."""
    # A live server's threads read the reference index unguarded (the switch is
    # per thread), so its tests keep it: the files their pages use stay public.
    keep_references = request.node.get_closest_marker(reference_index.MARKER) or (
        "live_server" in request.fixturenames
    )
    with contextlib.ExitStack() as stack:
        if request.node.get_closest_marker(search_index.MARKER):
            stack.enter_context(search_index.kept(True))
        if not keep_references:
            stack.enter_context(reference_index.skipped())
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache and axes counters live in the cache: no test sees another's.
    from django.core.cache import cache

    from assessments.caches import forget_held_areas

    cache.clear()
    forget_held_areas()  # held per process beside the cache (a second at most)
    yield
    cache.clear()
    forget_held_areas()


@pytest.fixture
def make_unit(db):
    from lms.units.models import UnitKind

    def make(name="Phường Thử Nghiệm", kind=UnitKind.WARD, parent=None, code=None):
        code = code or f"T{next(_counter):05d}"
        return UnitFactory(code=code, name=name, kind=kind, parent=parent)

    return make


@pytest.fixture
def unit_tree(make_unit):
    """Two provinces, a ward in each, and a village in the first ward."""
    from lms.units.models import UnitKind

    hanoi = make_unit("Thành phố Hà Nội", UnitKind.CITY, code="01")
    hoan_kiem = make_unit("Phường Hoàn Kiếm", UnitKind.WARD, parent=hanoi, code="00070")
    village = make_unit(
        "Tổ dân phố số 1", UnitKind.RESIDENTIAL_GROUP, parent=hoan_kiem, code="00070-001"
    )
    quang_ngai = make_unit("Tỉnh Quảng Ngãi", UnitKind.PROVINCE, code="51")
    son_mai = make_unit("Xã Sơn Mai", UnitKind.COMMUNE, parent=quang_ngai, code="21700")
    return {
        "hanoi": hanoi,
        "hoan_kiem": hoan_kiem,
        "village": village,
        "quang_ngai": quang_ngai,
        "son_mai": son_mai,
    }


@pytest.fixture
def make_user(db):
    def make(
        role: Role | None = Role.LEARNER,
        *,
        username=None,
        phone=None,
        email="",
        full_name="Nguyễn Văn An",
        home_unit=None,
        audience="resident",
        password=PASSWORD,
        consented=True,
    ):
        return UserFactory(
            consented=consented,
            role=role,
            username=username or f"user{next(_counter)}",
            phone=phone,
            email=email,
            full_name=full_name,
            home_unit=home_unit,
            audience=audience,
            password=password,
        )

    return make


@pytest.fixture
def chromium_path():
    """Debian's Chromium for browser tests: skipped without it, except in CI."""
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(path):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI but {path} does not exist")
        pytest.skip(f"browser test skipped: no Chromium at {path} (apt-get install chromium)")
    return path


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def _shared_chromium():
    from tests.browsers import SharedChromium

    chromium = SharedChromium(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), BROWSER_ARGS)
    yield chromium
    chromium.stop()


@pytest.fixture
def browser(chromium_path, monkeypatch, _shared_chromium):
    """Headless Debian Chromium driven by Playwright's sync API: one per test
    process, with the contexts a test opened closed after it (tests/browsers.py)."""
    # Playwright's sync API runs an event loop in this thread; the live server
    # does its database work in its own threads, so Django's guard is moot here.
    # Set for this test only: it must never leak into a deployment check.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield _shared_chromium.lend()
    _shared_chromium.give_back()


@pytest.fixture
def blocks_rendered(monkeypatch):
    """The names of the template blocks rendered while the test runs (to show a
    kept part was not rendered again)."""
    from django.template.loader_tags import BlockNode

    rendered = []
    original = BlockNode.render

    def render(self, context):
        rendered.append(self.name)
        return original(self, context)

    monkeypatch.setattr(BlockNode, "render", render)
    return rendered
