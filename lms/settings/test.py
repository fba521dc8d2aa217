"""Settings for pytest: the dev defaults, fast hashing, no throttling surprises."""

import atexit
import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, CHANNEL_LAYERS, DATABASES, REDIS_URL, REST_FRAMEWORK

DEBUG = False
SHOW_DEMO_LOGINS = True
# Argon2 stays first in production; tests hash thousands of passwords.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
MEDIA_ROOT = BASE_DIR / "media" / "test"
# Tests hold PostgreSQL connections the way Django's test runner expects
# (persistent, as with DB_POOL=false): the backup tests drop and recreate
# databases under a dynamic alias, and a pool would hand the next test a
# connection the DROP ... WITH (FORCE) had killed; transactional tests flush and
# drop databases while pooled connections stay open. tests/core/test_db_pool.py
# builds a pool of its own for what the pool must do.
if "pool" in DATABASES["default"].get("OPTIONS", {}):
    DATABASES["default"]["OPTIONS"] = {
        key: value for key, value in DATABASES["default"]["OPTIONS"].items() if key != "pool"
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 60
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file in WAL mode (databases.py's OPTIONS), not Django's shared-cache memory
    # database: the WebSocket tests read from consumer threads while the test
    # writes, and shared-cache SQLite fails a table lock at once ("database
    # table is locked") where a file waits for the busy timeout like the
    # embedded production mode. One file per test process (pytest-xdist
    # workers included), so parallel runs never share or clobber it.
    # In RAM where Linux offers it (/dev/shm), else the temporary folder.
    _ram = Path("/dev/shm")  # noqa: S108 - a private, per-process file name
    _folder = _ram if _ram.is_dir() and os.access(_ram, os.W_OK) else Path(tempfile.gettempdir())
    _test_db = _folder / f"hvs-test-{os.getpid()}.sqlite3"

    def _alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:  # someone else's process
            return True
        return True

    def _remove_test_db_files(only_dead: bool = False) -> None:
        # Django deletes the database file but not its -wal/-shm companions
        # while threads still hold connections; a killed run leaves all three.
        for path in _folder.glob("hvs-test-*.sqlite3*"):
            pid = path.name.removeprefix("hvs-test-").split(".", 1)[0]
            if not pid.isdigit():
                continue
            mine = int(pid) == os.getpid()
            if mine or (only_dead and not _alive(int(pid))):
                path.unlink(missing_ok=True)

    _remove_test_db_files(only_dead=True)  # includes a dead process that had our pid
    atexit.register(_remove_test_db_files)
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db)}
if REDIS_URL:
    # pytest-xdist runs the suite in several processes sharing one Redis database
    # (PostgreSQL gets a database per worker from pytest-django): each worker's
    # cache, channel layer and Celery broker keys carry its id, and clearing the
    # cache between tests removes that worker's cache keys only (services.py's
    # lms.core.scoped_cache). A Celery worker started by a test inherits
    # PYTEST_XDIST_WORKER, so it reads the same queue.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    _scope = f"-{_worker}" if _worker else ""
    CACHES["default"]["KEY_PREFIX"] += _scope
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] += _scope
    if _worker:
        CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": f"{_worker}:"}
        CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": f"{_worker}:"}
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
}
PRIVATE_MEDIA_ROOT = BASE_DIR / "private" / "test"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "lms.core.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# django-ratelimit counts in fixed windows: a test whose failures straddle a
# window's end (60 s for certificate lookups) would find its counter reset and
# fail now and then. Windows of about three years keep those tests steady.
CERTIFICATE_VERIFY_WINDOW_SECONDS = 100_000_000
LIVE_PIN_FAILURE_WINDOW = 100_000_000
