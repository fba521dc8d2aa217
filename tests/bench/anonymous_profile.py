"""In-process cost of the anonymous requests issue 14 compares, without HTTP:
a bare Django view (tests/bench/bare_settings.py), the project's minimal view and
the kept certificate verify page.

    python -m tests.bench.anonymous_profile [--requests 2000] [--rounds 3] [--top 0]

Each request goes through the WSGI application as gunicorn calls it, warm (set
DATABASE_URL / REDIS_URL as for the bench, after one bench run has migrated and
seeded the database). Prints Python function calls per request (cProfile) and
CPU µs per request (time.process_time, system time included: the round trips'
system calls count), the lowest of ``--rounds`` runs, each path in a process of
its own. CPU time rather than requests/s, so the figure holds on a machine shared
with other work; compare two versions of the code by running this in each, in
turn."""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = "lms.settings.bench"
BARE = "tests.bench.bare_settings"


def _environ(path: str) -> dict:
    return {
        **{"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": ""},
        **{"SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1"},
        **{"SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": "bench"},
        **{"wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr},
        **{"wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False},
    }


def measure(path: str, requests: int, rounds: int, top: int) -> None:
    """Runs in the child process: one line for ``path``."""
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    statuses = []

    def one():
        body = application(
            _environ(path), lambda status, _headers, _exc=None: statuses.append(status)
        )
        b"".join(body)
        body.close()

    for _ in range(50):  # warm: connections, the kept page, compiled SQL
        one()
    if not statuses[-1].startswith("200"):
        raise SystemExit(f"{path}: {statuses[-1]}")
    profile = cProfile.Profile()
    profile.enable()
    one()
    profile.disable()
    stats = pstats.Stats(profile)
    per_request = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(requests):
            one()
        per_request.append((time.process_time() - start) / requests * 1e6)
    print(f"{path:<44} {stats.total_calls:>7} calls  {min(per_request):>6.0f} µs CPU", flush=True)
    if top:
        stats.sort_stats("tottime").print_stats(top)


def verify_path(env: dict) -> str:
    from tests.bench.__main__ import demo_certificate_code

    return f"/certificates/verify/{demo_certificate_code(env)}/"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--top", type=int, default=0, help="print the profile's top functions")
    parser.add_argument("--child", nargs=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        measure(args.child[0], args.requests, args.rounds, args.top)
        return
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": BENCH}
    env.setdefault("STATIC_ROOT", str(ROOT / ".bench" / "static"))
    env.setdefault("MEDIA_ROOT", str(ROOT / ".bench" / "media"))
    runs = [(BARE, "/_bench/minimal"), (BENCH, "/_bench/minimal"), (BENCH, verify_path(env))]
    for settings, path in runs:
        label = "bare Django" if settings == BARE else "project"
        print(f"{label:<12}", end=" ", flush=True)
        subprocess.run(
            [
                *(sys.executable, "-m", "tests.bench.anonymous_profile", "--child", path),
                *("--requests", str(args.requests), "--rounds", str(args.rounds)),
                *("--top", str(args.top)),
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": settings},
            check=True,
        )


if __name__ == "__main__":
    main()
