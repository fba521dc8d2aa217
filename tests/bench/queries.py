"""Counting a request's queries in a long benchmark process."""

from __future__ import annotations

import time
from contextlib import contextmanager


class CountedQueries:
    """The queries run inside ``counted_queries``: ``len()`` and, as Django's
    CaptureQueriesContext names them, ``captured_queries`` ({"sql", "time"})."""

    def __init__(self):
        self.captured_queries: list[dict] = []

    def __len__(self) -> int:
        return len(self.captured_queries)

    def __iter__(self):
        return iter(self.captured_queries)


@contextmanager
def counted_queries():
    """The queries of the default connection inside, BEGIN, COMMIT and ROLLBACK
    included (each a round trip), counted by an execute wrapper and around
    Django's transaction calls. Not Django's CaptureQueriesContext: it turns the
    debug cursor on, which formats every query's SQL with its parameters (a
    client-side mogrify on PostgreSQL), and the request being timed then paid
    for it: a Submit of 30 answers cost three times its CPU. Its log also stops
    growing at 9,000 entries, which a long bench process passes."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.backends.base import base

    connection = connections[DEFAULT_DB_ALIAS]  # this thread's, not the proxy
    counted = CountedQueries()

    def record(sql: str, started: float) -> None:
        elapsed = time.perf_counter() - started
        counted.captured_queries.append({"sql": sql, "time": f"{elapsed:.6f}"})

    def count(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            record(sql, started)

    djangos_transaction = base.debug_transaction

    @contextmanager
    def counted_transaction(wrapper, sql):
        started = time.perf_counter()
        try:
            with djangos_transaction(wrapper, sql):
                yield
        finally:
            if wrapper is connection:
                record(sql, started)

    # Django's own hook around BEGIN, COMMIT and ROLLBACK (it logs them only
    # when the debug cursor is on); put back as soon as the block ends.
    base.debug_transaction = counted_transaction
    try:
        with connection.execute_wrapper(count):
            yield counted
    finally:
        base.debug_transaction = djangos_transaction
