"""The installation's cache epoch in every cache key.

Keys become ``prefix:epoch:version:key``. The epoch is a row in the database
(``CacheEpoch``) that a restore renews. Each process reads it whenever it opens
a database connection (one primary-key lookup on a raw cursor, so never inside
a request's transaction nor counted as one of its queries) and keeps it in
memory. After a restore, processes reconnecting to the restored database use
the new epoch, so entries written before the restore (the live classroom's
state keyed by session id and revision, the page cache, counters) are never
read again — even where the restore could not clear that cache itself.

Under ASGI, with the connection pool, "opening a connection" is every request's
checkout, so a process reads it at most once per ``CACHE_EPOCH_RECHECK_SECONDS``
(settings/services.py): another process's restore is noticed within that time.
Under WSGI each thread keeps its connection up to CONN_MAX_AGE seconds (60), so
a restore made while gunicorn runs would be noticed within that; the restore
procedure stops the servers first (README, "Sao lưu và khôi phục"), and they
start with the new epoch. The process that restores sets its own epoch at once
(``lms.backup.service.invalidate_cache``)."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

_SQL = "SELECT value FROM backup_cacheepoch WHERE id = 1"
_epoch = "0"
# When this process last read the epoch (time.monotonic()); None: never.
_read_at: float | None = None


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
    global _read_at
    if connection.alias != DEFAULT_DB_ALIAS:
        return
    now = time.monotonic()
    if _read_at is not None and now - _read_at < settings.CACHE_EPOCH_RECHECK_SECONDS:
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
    _read_at = now
    if row:
        set_current(row[0])
