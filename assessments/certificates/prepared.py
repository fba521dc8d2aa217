"""The verify page's row query, prepared once on each PostgreSQL connection under
a name of its own and run through libpq (psycopg's ``pq`` layer): sent, then
its answer read once the kept page has been read meanwhile (one wait for both). Through a psycopg cursor the same prepared query cost some 60 µs more of
Python per visit (its preparation bookkeeping, its wait loop, its result
handling) than PostgreSQL's answer itself.

Only outside a transaction (a visit in autocommit, as every request here): a
refusal there aborts nothing, so the statement is deallocated, the visit asks
through Django's cursor and the next visit prepares it anew. Refusals seen:
"cached plan must not change result type" after a migration changed a column,
"prepared statement does not exist" after someone's DEALLOCATE ALL."""

from __future__ import annotations

import select
import weakref

from psycopg import pq

STATEMENT = b"hvs_certificate_verify_row"
# Connections (psycopg's) on which the statement is prepared, with the SQL it was
# prepared from.
_PREPARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def libpq_sql(sql: str) -> bytes:
    """Django's SQL with its one ``%s`` placeholder as libpq's ``$1``."""
    if sql.count("%s") != 1 or "%" in sql.replace("%s", ""):
        raise ValueError("the row query must have one placeholder and no other %")
    return sql.replace("%s", "$1").encode()


def usable(connection) -> bool:
    """Whether ``connection`` (psycopg's) is idle outside a transaction."""
    return connection.pgconn.transaction_status == pq.TransactionStatus.IDLE


def send(connection, sql: str, code: str) -> bool:
    """Send the prepared query for ``code`` without waiting for its answer
    (``receive``); False when PostgreSQL refused to prepare it."""
    pgconn = connection.pgconn
    if _PREPARED.get(connection) != sql:
        if _PREPARED.pop(connection, None) is not None:
            pgconn.exec_(b"DEALLOCATE " + STATEMENT)
        if pgconn.prepare(STATEMENT, libpq_sql(sql)).status != pq.ExecStatus.COMMAND_OK:
            return False
        _PREPARED[connection] = sql
    pgconn.send_query_prepared(STATEMENT, [code.encode()])
    while pgconn.flush():  # psycopg's connections do not block on sending
        select.select([], [pgconn.socket], [])
    return True


def receive(connection):
    """The result of the query ``send`` sent (libpq waits for it), or None when
    PostgreSQL refused it (the statement is then forgotten on both sides)."""
    pgconn = connection.pgconn
    result = pgconn.get_result()
    while pgconn.get_result() is not None:  # libpq's end of the query
        pass
    if result is not None and result.status == pq.ExecStatus.TUPLES_OK:
        return result
    del _PREPARED[connection]
    pgconn.exec_(b"DEALLOCATE " + STATEMENT)  # refused when already gone: no matter
    return None
