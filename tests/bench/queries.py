"""Counting a request's queries in a long benchmark process."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def counted_queries():
    """Django's CaptureQueriesContext over an emptied query log. A bench process
    runs far more than the log's 9,000 entries (building a bank, a library);
    once the log is full its length stops growing and the context counts 0."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        yield captured
