"""PostgreSQL connection pooling (lms/dbpool.py): each server process holds at
most DB_POOL_MAX_SIZE connections, whatever the number of threads asking; the
settings refuse sizes that make no sense; SQLite is never pooled."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from lms.dbpool import MAX_POOL_SIZE, configure, pool_options

from .test_settings import ROOT

POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "hocvuso", "OPTIONS": {}}
SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
SIZES = {"min_size": 2, "max_size": 4, "timeout": 10.0}


@given(
    min_size=st.integers(1, MAX_POOL_SIZE),
    extra=st.integers(0, MAX_POOL_SIZE),
    timeout=st.floats(0.01, 120),
)
def test_any_sensible_sizes_make_a_bounded_pool(min_size, extra, timeout):
    max_size = min(MAX_POOL_SIZE, min_size + extra)
    options = pool_options(min_size=min_size, max_size=max_size, timeout=timeout)
    assert options == {"min_size": min_size, "max_size": max_size, "timeout": timeout}


@pytest.mark.parametrize(
    ("sizes", "named"),
    [
        ({"min_size": 0, "max_size": 4, "timeout": 10}, "DB_POOL_MIN_SIZE"),
        ({"min_size": -1, "max_size": 4, "timeout": 10}, "DB_POOL_MIN_SIZE"),
        ({"min_size": 5, "max_size": 4, "timeout": 10}, "DB_POOL_MAX_SIZE"),
        ({"min_size": 2, "max_size": MAX_POOL_SIZE + 1, "timeout": 10}, "DB_POOL_MAX_SIZE"),
        ({"min_size": 2, "max_size": 4, "timeout": 0}, "DB_POOL_TIMEOUT"),
        ({"min_size": 2, "max_size": 4, "timeout": float("nan")}, "DB_POOL_TIMEOUT"),
    ],
)
def test_nonsense_sizes_are_refused_naming_the_variable(sizes, named):
    with pytest.raises(ImproperlyConfigured, match=named):
        pool_options(**sizes)


def test_postgresql_is_pooled_without_persistent_connections():
    database = configure(POSTGRES, enabled=True, conn_max_age=None, **SIZES)
    assert database["OPTIONS"]["pool"] == SIZES
    assert database["CONN_MAX_AGE"] == 0
    assert database["NAME"] == "hocvuso"


def test_a_persistent_connection_age_with_the_pool_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE"):
        configure(POSTGRES, enabled=True, conn_max_age=60, **SIZES)
    assert configure(POSTGRES, enabled=True, conn_max_age=0, **SIZES)["OPTIONS"]["pool"]


def test_without_the_pool_connections_persist_as_configured():
    assert "pool" not in configure(POSTGRES, enabled=False, conn_max_age=None, **SIZES)["OPTIONS"]
    assert configure(POSTGRES, enabled=False, conn_max_age=None, **SIZES)["CONN_MAX_AGE"] == 60
    assert configure(POSTGRES, enabled=False, conn_max_age=300, **SIZES)["CONN_MAX_AGE"] == 300


def test_sqlite_is_never_pooled():
    database = configure(SQLITE, enabled=True, conn_max_age=None, **SIZES)
    assert "pool" not in database.get("OPTIONS", {})


def database_settings(**environment) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DB_POOL", "CONN_MAX", "HVS_ASGI"))
    }
    # dev (base's database settings as a server reads them): the test settings
    # turn the pool off for the suite itself.
    env.update(DJANGO_SETTINGS_MODULE="lms.settings.dev", **environment)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; d = settings.DATABASES['default']; "
            "print(d['CONN_MAX_AGE'], d.get('OPTIONS', {}).get('pool'))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_the_settings_pool_postgresql_from_the_environment():
    result = database_settings(
        DATABASE_URL="postgres://u@db/hocvuso",
        HVS_ASGI="1",
        DB_POOL_MIN_SIZE="1",
        DB_POOL_MAX_SIZE="6",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] != "None"
    assert "'max_size': 6" in result.stdout and result.stdout.startswith("0 ")
    forced = database_settings(DATABASE_URL="postgres://u@db/hocvuso", DB_POOL="true")
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith("0 {") and "'max_size': 4" in forced.stdout
    result = database_settings(DATABASE_URL="sqlite:///x.sqlite3")
    assert result.returncode == 0, result.stderr
    # Never pooled; kept between requests under WSGI (tests/core/test_sqlite_connections.py).
    assert result.stdout.strip() == "60 None"
    result = database_settings(DATABASE_URL="postgres://u@db/hocvuso", DB_POOL="false")
    assert result.stdout.strip() == "60 None"


@pytest.mark.slow
def test_a_wsgi_server_keeps_a_connection_per_thread_by_default():
    """gunicorn's threads are fixed in number, so their persistent connections are
    bounded as a pool would bound them; taking and giving back a pooled connection
    cost a sync worker some 137k instructions per request that uses the database
    (README, "Hiệu năng"). Under ASGI (lms/asgi.py sets HVS_ASGI) sync code runs in
    threads without bound: pooled there."""
    wsgi = database_settings(DATABASE_URL="postgres://u@db/hocvuso")
    assert wsgi.returncode == 0, wsgi.stderr
    assert wsgi.stdout.strip() == "60 None"
    asgi = database_settings(DATABASE_URL="postgres://u@db/hocvuso", HVS_ASGI="1")
    assert asgi.returncode == 0, asgi.stderr
    assert asgi.stdout.startswith("0 {")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"DB_POOL_MAX_SIZE": "many"}, "DB_POOL_MAX_SIZE"),
        ({"DB_POOL_MAX_SIZE": "0"}, "DB_POOL_MAX_SIZE"),
        ({"DB_POOL_MIN_SIZE": "9", "DB_POOL_MAX_SIZE": "4"}, "DB_POOL_MAX_SIZE"),
        ({"DB_POOL_TIMEOUT": "-1"}, "DB_POOL_TIMEOUT"),
        ({"CONN_MAX_AGE": "600"}, "CONN_MAX_AGE"),
    ],
)
def test_the_settings_refuse_nonsense_from_the_environment(variables, named):
    result = database_settings(DATABASE_URL="postgres://u@db/hocvuso", HVS_ASGI="1", **variables)
    assert result.returncode != 0
    assert named in result.stderr


needs_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the pool is PostgreSQL's (set DATABASE_URL=postgres://…)",
)


THREADS_SCRIPT = """
import threading
import django
django.setup()
from django.db import connection, connections
maximum = connection.settings_dict["OPTIONS"]["pool"]["max_size"]
seen, failures = [], []
barrier = threading.Barrier(4 * maximum)

def request():
    own = None
    try:
        own = connections["default"]
        barrier.wait(30)
        with own.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND backend_type = 'client backend' AND application_name <> 'observer'"
            )
            seen.append(cursor.fetchone()[0])
            cursor.execute("SELECT pg_sleep(0.05)")
    except Exception as error:
        failures.append(repr(error))
    finally:
        if own is not None:
            own.close()  # back to the pool, as at the end of a request

threads = [threading.Thread(target=request) for _ in range(4 * maximum)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(60)
print(maximum, len(seen), max(seen, default=0), failures)
"""


@needs_postgresql
@pytest.mark.django_db
def test_many_threads_share_at_most_the_pools_connections():
    """Like uvicorn's threads for sync views: each thread asks for a connection,
    queries, gives it back. PostgreSQL sees no more than the pool's maximum.
    Run in a process of its own with the server's settings: the test settings
    turn the pool off for the suite."""
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DB_POOL", "CONN_MAX"))}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DATABASE_URL=url,
        HVS_ASGI="1",
        DB_POOL_MAX_SIZE="3",
    )
    result = subprocess.run(
        [sys.executable, "-c", THREADS_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    maximum, answered, most, failures = result.stdout.strip().split(" ", 3)
    assert failures == "[]"
    assert int(maximum) == 3 and int(answered) == 12
    # This test's own connection (in the test process) may be one more.
    assert 1 <= int(most) <= int(maximum) + 1
