"""The database: SQLite in the embedded mode, PostgreSQL with a connection pool in
production, and an optional read replica for reports."""

from lms.core.replica import REPLICA, replica_database
from lms.core.replica import ROUTER as REPLICA_ROUTER
from lms.dbpool import configure as configure_pool

from .environment import BASE_DIR, env

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# PostgreSQL under ASGI (lms/asgi.py sets HVS_ASGI): a pool of
# DB_POOL_MIN_SIZE..DB_POOL_MAX_SIZE connections per process (lms/dbpool.py), as
# sync code there runs in threads without bound. Under WSGI (gunicorn, Celery) the
# threads are fixed in number and each keeps its connection CONN_MAX_AGE seconds
# (default 60): as bounded, and a pooled connection's checkout and return cost a
# request that uses the database ~10 % more (README "Hiệu năng"). DB_POOL
# overrides either default.
DATABASES["default"] = configure_pool(
    DATABASES["default"],
    enabled=env.bool("DB_POOL", default=env.bool("HVS_ASGI", default=False)),
    conn_max_age=env.int("CONN_MAX_AGE", default=None),
    min_size=env.int("DB_POOL_MIN_SIZE", default=1),
    max_size=env.int("DB_POOL_MAX_SIZE", default=4),
    timeout=env.float("DB_POOL_TIMEOUT", default=10.0),
)
# Statements a cursor asks to prepare stay prepared on their connection (only the
# certificate verify page's row read asks: assessments/certificates/prepared.py;
# Django's cursors bind on the client and never prepare). Off behind a PgBouncer
# in transaction mode older than 1.21 or without max_prepared_statements.
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env.bool(
    "DB_PREPARED_STATEMENTS", default=True
):
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded mode still serves a whole classroom: WAL lets readers and a
    # writer overlap, IMMEDIATE transactions take the write lock up front (no
    # "database is locked" on upgrade), and busy writers wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # One connection per thread, kept CONN_MAX_AGE seconds (configure_pool's default,
    # 60) under WSGI: gunicorn's workers and threads each reuse theirs (opening one
    # with its PRAGMAs was a third of a small page's time) and runserver closes each
    # request's. Not under ASGI (lms/asgi.py sets HVS_ASGI): sync views there run in
    # a thread per request, and Django's docs say persistent connections must be off.
    # A restore writes into the same file (lms/backup), so kept connections see it.
    if env.bool("HVS_ASGI", default=False):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
# An optional streaming replica that report reads go to (lms/core/replica.py,
# docs/scale-out.md); without DATABASE_REPLICA_URL there is no router.
_replica = replica_database(env("DATABASE_REPLICA_URL", default=""), DATABASES["default"])
if _replica is not None:
    DATABASES[REPLICA] = _replica
    DATABASE_ROUTERS = [REPLICA_ROUTER]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# HTTP requests one ASGI process lets into Django at once (lms/asgi_gate.py);
# 0: the connection pool's DB_POOL_MAX_SIZE.
ASGI_HTTP_CONCURRENCY = env.int("ASGI_HTTP_CONCURRENCY", default=0)
