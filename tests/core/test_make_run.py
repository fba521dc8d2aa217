"""Starts the site the way `make run` does (migrate, seed_demo, runserver) in a
fresh SQLite file, and fetches pages over real HTTP.

The migrations themselves (half a minute of CPU) run from scratch wherever the
test processes build their database (tests/db_template.py), which keeps a copy
of what they leave before any test row: the file starts from that copy when
there is one for today's code, and `migrate` then proves there is nothing left
to apply. Without one (the first run after a change), it migrates from an empty
file as before."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests import db_template

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
@pytest.mark.migrated_template
def test_site_starts_like_make_run_and_serves_the_vietnamese_home_page(tmp_path):
    database = tmp_path / "run.sqlite3"
    migrated = db_template.copy_migrated(database)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    python = sys.executable
    for step in (["migrate", "--noinput"], ["seed_demo"]):
        done = subprocess.run(
            [python, "manage.py", *step],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        if migrated and step[0] == "migrate":
            assert "No migrations to apply." in done.stdout, done.stdout[-2000:]
    assert "hocvien" in done.stdout or "0912345678" in done.stdout  # the demo logins
    # A second seed changes nothing and does not fail.
    again = subprocess.run(
        [python, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0, again.stderr[-2000:]
    assert "0 created, 0 updated" in again.stdout

    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert body is not None, "the site did not answer within 60 s"
        assert '<html lang="vi">' in body
        assert "Học vụ số" in body
        assert "Người dân" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
