"""The consumers read the database from the event loop's executor threads
(``consumers.db``: not thread-sensitive), each thread on a connection of its own. The
live tests' loop (conftest.socket_loop) must end those threads with the test:
otherwise every live test leaves sessions on the PostgreSQL test database until
the run ends, which piles up towards max_connections and blocks dropping it."""

import asyncio

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


def test_the_consumers_threads_leave_no_session_behind():
    if connection.vendor != "postgresql":
        pytest.skip("sessions are a PostgreSQL matter; SQLite has none to leave")
    from lms.accounts.models import User

    before = _other_sessions()
    with socket_loop() as loop:
        read = db(User.objects.count)
        asyncio.run_coroutine_threadsafe(read(), loop).result(10)
        assert _other_sessions() - before, "the consumer's thread opened no session"
    assert _other_sessions() - before == set()
