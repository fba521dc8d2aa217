"""The database, Redis and environment the load runs use (their own, apart
from the test suite's), and the server processes' settings."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlparse

from .servers import ROOT

DB_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hocvuso_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14")


def server_env(pool: bool = True, **extra) -> dict:
    values = dict(os.environ)
    values.update(
        DJANGO_SETTINGS_MODULE="lms.settings.bench",
        DATABASE_URL=DB_URL,
        REDIS_URL=REDIS_URL,
        CHANNELS_PREFIX=f"hvsload{os.getpid()}",
        CACHE_KEY_PREFIX=f"hvsload{os.getpid()}",
        LOG_LEVEL="WARNING",
        **extra,
    )
    for name in ("DB_POOL", "CONN_MAX_AGE"):
        values.pop(name, None)
    if pool:
        values.update(DB_POOL="true")  # WSGI servers default to persistent connections
    else:
        values.update(DB_POOL="false", CONN_MAX_AGE="600")
    return values


def ensure_database(env: dict) -> None:
    import psycopg

    parts = urlparse(DB_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if done.returncode:
            sys.exit(done.stdout[-3000:] + done.stderr[-3000:])


def setup_django(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
