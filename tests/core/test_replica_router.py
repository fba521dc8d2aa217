"""The report replica: DATABASE_REPLICA_URL adds a ``replica`` database and a router
(absent: neither); report views read from it; every write, and every read inside a
transaction on the primary, goes to the primary. Here the replica is a second
connection to the test database, so what each connection ran can be told apart."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.audit.record import record_event
from lms.core.replica import REPLICA, ROUTER, replica_database, report_reads

PRIMARY = {"ENGINE": "django.db.backends.postgresql", "NAME": "hvs", "OPTIONS": {}}
WRITES = ("INSERT", "UPDATE", "DELETE")


def test_no_url_means_no_replica():
    assert replica_database("", PRIMARY) is None
    assert replica_database("  ", PRIMARY) is None


def test_a_replica_url_gives_a_database_that_tests_never_create():
    replica = replica_database("postgres://reader@10.0.0.2:5432/hvs", PRIMARY)
    assert replica["HOST"] == "10.0.0.2" and replica["NAME"] == "hvs"
    assert replica["TEST"] == {"MIRROR": "default"}


@pytest.mark.parametrize(
    "url", ["not a url", "postgres://", "mysql://u@h/db", "sqlite:////tmp/other.db"]
)
def test_a_malformed_or_foreign_replica_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        replica_database(url, PRIMARY)


@pytest.fixture
def replica(transactional_db):
    """A ``replica`` alias on the same (committed) test database, and the router."""
    connections.settings[REPLICA] = {**connections.settings["default"]}
    # Connected here: the test case only lets its declared databases connect later.
    connections[REPLICA].connect()
    try:
        with override_settings(DATABASE_ROUTERS=[ROUTER]):
            yield connections[REPLICA]
    finally:
        connections[REPLICA].close()
        del connections.settings[REPLICA]
        del connections[REPLICA]


def ran(queries, table=None) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if table is None or table in q["sql"]]


def test_report_reads_go_to_the_replica_and_writes_to_the_primary(replica):
    primary = connections["default"]
    with CaptureQueriesContext(primary) as on_primary, CaptureQueriesContext(replica) as on_replica:
        with report_reads():
            assert AuditEvent.objects.count() == 0
            record_event(actor=None, verb="test.replica", target=None)
        assert AuditEvent.objects.filter(verb="test.replica").exists()  # outside: primary
    assert ran(on_replica, "audit_auditevent") and all(
        sql.lstrip().upper().startswith("SELECT") for sql in ran(on_replica)
    )
    assert any(sql.lstrip().upper().startswith("INSERT") for sql in ran(on_primary))
    assert sum("SELECT" in sql for sql in ran(on_primary, "audit_auditevent")) == 1


def test_reads_inside_a_transaction_stay_on_the_primary(replica):
    with CaptureQueriesContext(replica) as on_replica, report_reads(), transaction.atomic():
        record_event(actor=None, verb="test.replica", target=None)
        # Not committed, so not on any replica yet: read where it was written.
        assert AuditEvent.objects.filter(verb="test.replica").count() == 1
    assert ran(on_replica) == []


def test_the_audit_export_reads_from_the_replica_and_records_itself_on_the_primary(
    client, replica, make_user, unit_tree
):
    manager = make_user(
        Role.UNIT_MANAGER, full_name="Trần Thị Bình", home_unit=unit_tree["hoan_kiem"]
    )
    record_event(actor=manager, verb="test.replica", target=None)
    client.force_login(manager)
    primary = connections["default"]
    with CaptureQueriesContext(primary) as on_primary, CaptureQueriesContext(replica) as on_replica:
        response = client.get(reverse("audit:export"))
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row >= 2
    assert ran(on_replica, "audit_auditevent")
    assert not [sql for sql in ran(on_replica) if sql.lstrip().upper().startswith(WRITES)]
    assert [sql for sql in ran(on_primary) if sql.lstrip().upper().startswith("INSERT")]


def test_without_a_replica_the_router_keeps_everything_on_the_primary(transactional_db):
    with override_settings(DATABASE_ROUTERS=[ROUTER]), report_reads():
        assert AuditEvent.objects.all().db == "default"
