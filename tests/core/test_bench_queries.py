"""make bench counts the queries of the request it times (tests/bench/queries.py)
without changing what the request costs: Django's CaptureQueriesContext turns on
the debug cursor, which formats every query's SQL with its parameters; a Submit
of 30 answers then cost the bench three times its CPU."""

import pytest
from django.db import connection

from lms.accounts.models import User
from tests.bench.queries import counted_queries

pytestmark = pytest.mark.django_db


def test_counting_queries_leaves_the_debug_cursor_off():
    with counted_queries() as queries:
        assert not connection.queries_logged
        User.objects.filter(username="nobody").exists()
        User.objects.count()
    assert len(queries) == 2
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["SELECT", "SELECT"]
    assert all(float(query["time"]) >= 0 for query in queries.captured_queries)


def test_only_the_queries_inside_are_counted():
    User.objects.count()
    with counted_queries() as queries:
        User.objects.create(username="counted")
    User.objects.count()
    assert len(queries) == 1
    assert queries.captured_queries[0]["sql"].startswith("INSERT")


@pytest.mark.django_db(transaction=True)
def test_a_transaction_s_begin_and_commit_count_as_django_counts_them():
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    def write():
        with transaction.atomic():
            User.objects.create(username=f"in-a-transaction-{User.objects.count()}")

    with CaptureQueriesContext(connection) as djangos:
        write()
    with counted_queries() as ours:
        write()
    assert [q["sql"].split()[0] for q in ours] == [q["sql"].split()[0] for q in djangos]
    statements = [q["sql"] for q in ours]
    assert statements[0].startswith("BEGIN") and statements[-1] == "COMMIT"
