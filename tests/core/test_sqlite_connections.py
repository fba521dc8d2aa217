"""The embedded SQLite mode keeps its connection between requests under WSGI
(gunicorn's workers and threads each reuse theirs), and opens one per request
under ASGI, where Django's documentation says persistent connections must be off
(sync views run in a thread of their own per request)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

SCRIPT = """
import io, sys
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
# The WSGI handler itself (Django's test client never closes connections).
app = WSGIHandler()
environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/healthz", "SERVER_NAME": "testserver",
           "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
           "wsgi.errors": sys.stderr, "HTTP_HOST": "testserver", "REMOTE_ADDR": "127.0.0.1"}
seen = []
for _ in range(3):
    statuses = []
    response = app(dict(environ), lambda status, headers: statuses.append(status))
    b"".join(response)
    response.close()
    assert statuses[0].startswith("200"), statuses
    seen.append(id(connection.connection) if connection.connection is not None else None)
print(connection.settings_dict["CONN_MAX_AGE"], len(set(seen)), seen[0] is not None)
"""


def served(tmp_path, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
        **extra,
    }
    env.pop("REDIS_URL", None)
    env.pop("CONN_MAX_AGE", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-3:]


def test_wsgi_keeps_one_sqlite_connection_across_requests(tmp_path):
    max_age, connections, kept = served(tmp_path)
    assert (max_age, connections, kept) == ("60", "1", "True")


def test_asgi_opens_one_per_request(tmp_path):
    max_age, _connections, kept = served(tmp_path, HVS_ASGI="1")
    assert (max_age, kept) == ("0", "False")
