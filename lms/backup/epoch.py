"""The installation's cache epoch in every cache key.

Keys become ``prefix:epoch:version:key``. The epoch is a row in the database
(``CacheEpoch``) that a restore renews. Each process reads it whenever it opens
a database connection (one primary-key lookup on a raw cursor, so never inside
a request's transaction nor counted as one of its queries) and keeps it in
memory. After a restore, processes reconnecting to the restored database use
the new epoch, so entries written before the restore (the live classroom's
state keyed by session id and revision, the page cache, counters) are never
read again — even where the restore could not clear that cache itself."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

_SQL = "SELECT value FROM backup_cacheepoch WHERE id = 1"
_epoch = "0"


def current() -> str:
    return _epoch


def set_current(value: str) -> None:
    global _epoch
    _epoch = value or "0"


def make_key(key: str, key_prefix: str, version) -> str:
    """Django's KEY_FUNCTION (the default is ``prefix:version:key``)."""
    return f"{key_prefix}:{_epoch}:{version}:{key}"


def load_on_connect(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: read the epoch of the default database."""
    if connection.alias != DEFAULT_DB_ALIAS:
        return
    try:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(_SQL)
            row = cursor.fetchone()
        finally:
            cursor.close()
    except connection.Database.Error:
        return  # not migrated yet (the connection is in autocommit: nothing to undo)
    if row:
        set_current(row[0])
