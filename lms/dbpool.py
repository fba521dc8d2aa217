"""How many PostgreSQL connections one server process may hold: the settings of
Django's built-in pool (psycopg_pool), checked before anything starts.

Why a pool: under uvicorn every sync view and every WebSocket database call runs
in a thread of its own, and persistent connections (CONN_MAX_AGE) are per thread,
so a hall of phones opened one connection per request until PostgreSQL answered
"too many clients". A pool bounds each process to ``max_size`` connections and
lends them to whichever thread asks; a thread that finds none free waits up to
``timeout`` seconds. The total over all processes (see README, "Hiệu năng") must
stay under PostgreSQL's max_connections."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

# Far above what any process here needs; a typo such as 1000 would exhaust
# PostgreSQL's default max_connections (100) with one process.
MAX_POOL_SIZE = 64


def pool_options(*, min_size: int, max_size: int, timeout: float) -> dict:
    """The ``OPTIONS["pool"]`` of a PostgreSQL database, or ImproperlyConfigured
    naming the variable to fix."""
    if min_size < 1:
        raise ImproperlyConfigured(f"DB_POOL_MIN_SIZE must be at least 1 (got {min_size}).")
    if max_size < min_size:
        raise ImproperlyConfigured(
            f"DB_POOL_MAX_SIZE ({max_size}) must be at least DB_POOL_MIN_SIZE ({min_size})."
        )
    if max_size > MAX_POOL_SIZE:
        raise ImproperlyConfigured(
            f"DB_POOL_MAX_SIZE is per process and at most {MAX_POOL_SIZE} (got {max_size}); "
            "more processes, not a larger pool, serve more people."
        )
    if not timeout > 0:
        raise ImproperlyConfigured(f"DB_POOL_TIMEOUT must be more than 0 seconds (got {timeout}).")
    return {"min_size": min_size, "max_size": max_size, "timeout": float(timeout)}


def configure(database: dict, *, enabled: bool, conn_max_age: int | None, **sizes) -> dict:
    """``database`` (one DATABASES entry) with the pool on for PostgreSQL when
    ``enabled``; SQLite is one file in this process and never pooled.
    ``conn_max_age`` is CONN_MAX_AGE as set in the environment (None: unset)."""
    if not database["ENGINE"].endswith("postgresql") or not enabled:
        return {**database, "CONN_MAX_AGE": 60 if conn_max_age is None else conn_max_age}
    if conn_max_age:
        raise ImproperlyConfigured(
            "CONN_MAX_AGE must be 0 (or unset) with the connection pool: the pool keeps the "
            "connections. Set DB_POOL=false to use persistent connections instead."
        )
    options = {**database.get("OPTIONS", {}), "pool": pool_options(**sizes)}
    return {**database, "CONN_MAX_AGE": 0, "OPTIONS": options}
