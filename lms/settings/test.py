"""Settings for pytest: the dev defaults, fast hashing, no throttling surprises."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, REST_FRAMEWORK

DEBUG = False
SHOW_DEMO_LOGINS = True
# Argon2 stays first in production; tests hash thousands of passwords.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
MEDIA_ROOT = BASE_DIR / "media" / "test"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file in WAL mode (base.py's OPTIONS), not Django's shared-cache memory
    # database: the WebSocket tests read from consumer threads while the test
    # writes, and shared-cache SQLite fails a table lock at once ("database
    # table is locked") where a file waits for the busy timeout like the
    # embedded production mode. One file per test process (pytest-xdist
    # workers included), so parallel runs never share or clobber it.
    # In RAM where Linux offers it (/dev/shm), else the temporary folder.
    _ram = Path("/dev/shm")  # noqa: S108 - a private, per-process file name
    _folder = _ram if _ram.is_dir() and os.access(_ram, os.W_OK) else Path(tempfile.gettempdir())
    _test_db = _folder / f"hvs-test-{os.getpid()}.sqlite3"
    for _stale in (_test_db, Path(f"{_test_db}-wal"), Path(f"{_test_db}-shm")):
        _stale.unlink(missing_ok=True)  # left by a dead process that had this pid
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db)}
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
