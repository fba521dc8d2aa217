"""The commands docker-compose.yml runs (gunicorn for pages, uvicorn for the
ASGI app), started natively with the production settings against the real
PostgreSQL and Redis of the CI run."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.services,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (
            os.environ.get("REDIS_URL")
            and os.environ.get("DATABASE_URL", "").startswith("postgres")
        ),
        reason="needs the CI run's PostgreSQL and Redis (DATABASE_URL, REDIS_URL)",
    ),
]

COMMANDS = {
    "gunicorn (web)": [
        "-m",
        "gunicorn",
        "lms.wsgi:application",
        "--bind",
        "127.0.0.1:{port}",
        "--workers",
        "1",
    ],
    "uvicorn (asgi)": [
        "-m",
        "uvicorn",
        "lms.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        "{port}",
    ],
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(db: dict, **extra) -> dict:
    """The environment of docker-compose's app services, against the test database."""
    return (
        dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="lms.settings.production",
            SECRET_KEY="ci-production-like-secret-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            SECURE_SSL_REDIRECT="false",
            # Required by the production settings; never served on this address in the test.
            BASE_URL="https://hocvuso.example.vn",
            EMAIL_URL="smtp://127.0.0.1:25",
            PRIVACY_CONTROLLER="UBND xã thử nghiệm",
            CERTIFICATE_SIGNING_KEY_PATH=str(
                Path(tempfile.gettempdir()) / f"hocvuso-test-{os.getpid()}" / "signing-key.pem"
            ),
        )
        | extra
    )


def start(name: str, port: int, env: dict, **popen) -> subprocess.Popen:
    args = [arg.format(port=port) for arg in COMMANDS[name]]
    popen.setdefault("stdout", subprocess.PIPE)
    popen.setdefault("stderr", subprocess.STDOUT)
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, **popen)


def wait_for(url: str, server: subprocess.Popen, name: str) -> str:
    """The body of ``url`` once it answers 200; fails the test if ``server`` dies first."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - our http:// URLs
                body = r.read().decode()
                assert r.status == 200, body
                return body
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                out = server.stdout.read().decode()[-3000:] if server.stdout else ""
                pytest.fail(f"{name} did not answer {url}: {out}")
            time.sleep(0.3)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_production_server_answers_healthz(name, tmp_path, django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        db = connection.settings_dict
    port = free_port()
    server = start(
        name,
        port,
        production_env(
            db, CERTIFICATE_SIGNING_KEY_PATH=str(tmp_path / "keys" / "certificate-signing-key.pem")
        ),
    )
    try:
        body = wait_for(f"http://127.0.0.1:{port}/healthz", server, name)
        assert '"broker": {"ok": true, "detail": "connected"}' in body
        assert '"database": {"ok": true, "detail": "postgresql"}' in body
    finally:
        server.terminate()
        server.wait(timeout=20)
