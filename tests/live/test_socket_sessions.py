"""The consumers read the database from the event loop's executor threads
(``consumers.db``: not thread-sensitive), each thread on a connection of its own. The
live tests' loop (conftest.socket_loop) must end those threads with the test:
otherwise every live test leaves sessions on the PostgreSQL test database until
the run ends, which piles up towards max_connections and blocks dropping it."""

import asyncio
import time

import pytest
from django.db import connection

from assessments.live.consumers import db
from tests.live.conftest import socket_loop

pytestmark = pytest.mark.django_db


def _other_sessions() -> set[int]:
    with connection.cursor() as cursor:
        # Inside the test's transaction PostgreSQL would answer from its first read.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {pid for (pid,) in cursor.fetchall()}


def _sessions_left(before: set[int], seconds: float = 10.0) -> set[int]:
    """The sessions still there besides ``before``, once they had time to go: a
    backend leaves pg_stat_activity a moment after its client closed the connection
    (CI once saw one still listed right after the loop ended)."""
    deadline = time.monotonic() + seconds
    left = _other_sessions() - before
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = _other_sessions() - before
    return left


def test_the_consumers_threads_leave_no_session_behind():
    if connection.vendor != "postgresql":
        pytest.skip("sessions are a PostgreSQL matter; SQLite has none to leave")
    from lms.accounts.models import User

    before = _other_sessions()
    with socket_loop() as loop:
        read = db(User.objects.count)
        asyncio.run_coroutine_threadsafe(read(), loop).result(10)
        assert _other_sessions() - before, "the consumer's thread opened no session"
    assert _sessions_left(before) == set()
