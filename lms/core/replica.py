"""An optional read replica for reports (docs/scale-out.md).

Reports, the movement dashboard, the audit export and class reports read whole
tables; on a province they can run on a streaming replica instead of the primary.
``DATABASE_REPLICA_URL`` adds a ``replica`` database and ``ReplicaRouter``; without
it there is no router and everything runs on ``default`` as before.

Only code that asked for it reads from the replica: a report view is wrapped in
``reads_from_replica`` (GET and HEAD only) or a block in ``report_reads()``. Inside,
reads go to the replica unless a transaction is open on the primary (its writes
would not be on the replica yet, and rows read there may be written back). Every
write goes to the primary, always. A replica lags the primary by a moment, which a
report can afford and a form that was just saved cannot."""

from __future__ import annotations

import contextvars
from contextlib import contextmanager
from functools import wraps

import environ
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
ROUTER = "lms.core.replica.ReplicaRouter"
_reading_reports = contextvars.ContextVar("hvs_reading_reports", default=False)


def replica_database(url: str, primary: dict) -> dict | None:
    """The replica's DATABASES entry from DATABASE_REPLICA_URL, or None when unset.
    A malformed URL or one for another kind of database than the primary is refused
    at start-up, naming the variable."""
    url = (url or "").strip()
    if not url:
        return None
    try:
        database = environ.Env.db_url_config(url)
    except Exception as error:  # environ raises several kinds for a bad URL
        raise ImproperlyConfigured(
            f"DATABASE_REPLICA_URL is not a database URL: {error}"
        ) from error
    if not database.get("ENGINE") or not database.get("NAME"):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL is not a database URL.")
    if database["ENGINE"] != primary["ENGINE"]:
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URL must be the same kind of database as DATABASE_URL "
            f"({primary['ENGINE']}), got {database['ENGINE']}."
        )
    # The same connection handling (pool, timeouts) as the primary; tests never
    # create it: its schema comes from the primary by replication.
    database["OPTIONS"] = dict(primary.get("OPTIONS", {}))
    database["CONN_MAX_AGE"] = primary.get("CONN_MAX_AGE", 0)
    database["ATOMIC_REQUESTS"] = False
    database["TEST"] = {"MIRROR": DEFAULT_DB_ALIAS}
    return database


@contextmanager
def report_reads():
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


def reads_from_replica(view):
    """A report view: its GET and HEAD read from the replica when there is one."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        # The session and the signed-in user come from the primary: a sign-in a
        # moment ago may not have reached the replica yet.
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018 (loads the lazy user here)
        with report_reads():
            response = view(request, *args, **kwargs)
        if getattr(response, "streaming", False):
            # An export is read while it is sent, after the view has returned.
            response.streaming_content = _each_chunk_from_replica(response.streaming_content)
        return response

    return wrapped


def _each_chunk_from_replica(chunks):
    # Set around each step, not across yields: the server may resume the
    # generator in another context (a thread under ASGI).
    iterator = iter(chunks)
    while True:
        with report_reads():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


def _in_transaction_on_primary() -> bool:
    primary = connections[DEFAULT_DB_ALIAS]
    # A test case's own wrapping transaction is not the code's transaction.
    return any(not getattr(block, "_from_testcase", False) for block in primary.atomic_blocks)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            _reading_reports.get()
            and REPLICA in connections.settings
            and not _in_transaction_on_primary()
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS
