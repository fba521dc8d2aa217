"""In-process cost of the signed-in learner's pages (issue 12), without HTTP:

    python -m tests.bench.learner_profile [--requests 300] [--profile course] [--top 30]

Runs the WSGI application (settings lms.settings.bench, the bench database of
``make bench``: set DATABASE_URL / REDIS_URL as for the bench, after one bench
run has migrated and seeded it) with the demo learner's session cookie, as
gunicorn would call it. Prints, per page, CPU ms per request
(time.process_time), SQL queries and Redis commands per request, warm, and
Python function calls per request; with --profile the cProfile of one page. CPU time rather than requests/s, so the
figure holds on a machine shared with other work."""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time
from collections import Counter
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Tally:
    """SQL queries and Redis commands while ``on``."""

    def __init__(self):
        self.on = False
        self.sql = 0
        self.redis = 0
        self.commands = Counter()

    def install(self):
        import redis
        from django.db import connection
        from django.db.backends.signals import connection_created

        tally = self

        def sql_wrapper(execute, sql, params, many, context):
            if tally.on:
                tally.sql += 1
            return execute(sql, params, many, context)

        def hook(connection, **_kwargs):
            # Fired again on every new connection of the same wrapper.
            if sql_wrapper not in connection.execute_wrappers:
                connection.execute_wrappers.append(sql_wrapper)

        connection_created.connect(hook, weak=False)
        connection.ensure_connection()
        hook(connection)
        execute = redis.Redis.execute_command

        def counted(client, *args, **kwargs):
            if tally.on:
                tally.redis += 1
                tally.commands[str(args[0])] += 1
            return execute(client, *args, **kwargs)

        redis.Redis.execute_command = counted
        # The cache's lean commands on an idle connection (lms/core/scoped_cache.py).
        from lms.core.scoped_cache import _IdleConnections

        held = _IdleConnections.command

        def counted_held(connections, pool, *args):
            if tally.on:
                tally.redis += 1
                tally.commands[str(args[0])] += 1
            return held(connections, pool, *args)

        _IdleConnections.command = counted_held


def _environ(path: str, cookie: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": cookie,
        "HTTP_ACCEPT_LANGUAGE": "vi",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": BytesIO(b""),
        "wsgi.url_scheme": "http",
        "wsgi.errors": BytesIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(application, path: str, cookie: str) -> tuple[str, bytes]:
    found = {}

    def start_response(status, headers, exc_info=None):
        found["status"] = status

    body = b"".join(application(_environ(path, cookie), start_response))
    return found["status"], body


ROUND = 5  # requests of one page in a row, between the other pages


def measure_in_rounds(application, pages, cookie, requests: int, tally) -> dict:
    """CPU ms per request of each page, and its ratio to the floor's, page by
    page in turn (``ROUND`` requests each) rather than all of one page then the
    next: a shared machine's load changes within seconds, and a ratio taken
    within one round sees the same load on both sides. Also fills the tally's
    SQL queries and Redis commands per request, per page."""
    from statistics import median

    rounds = max(1, requests // ROUND)
    spent: dict[str, list[float]] = {name: [] for name, _path in pages}
    counted = {name: [0, 0, Counter()] for name, _path in pages}
    for _ in range(rounds):
        for name, path in pages:
            tally.sql = tally.redis = 0
            tally.commands = counted[name][2]
            tally.on = True
            started = time.process_time()
            for _ in range(ROUND):
                call(application, path, cookie)
            spent[name].append((time.process_time() - started) / ROUND)
            tally.on = False
            counted[name][0] += tally.sql
            counted[name][1] += tally.redis
    n = rounds * ROUND
    tally.sql_by_page = {name: sql / n for name, (sql, _r, _c) in counted.items()}
    tally.redis_by_page = {name: redis / n for name, (_s, redis, _c) in counted.items()}
    tally.commands_by_page = {
        name: {k: v / n for k, v in sorted(commands.items())}
        for name, (_s, _r, commands) in counted.items()
    }
    floor = next((name for name in spent if "(floor)" in name), None)
    result = {}
    for name, times in spent.items():
        ratio = median(f / t for f, t in zip(spent[floor], times, strict=True)) if floor else 0.0
        result[name] = (1000 * median(times), ratio)
    return result


def python_calls(application, path: str, cookie: str, requests: int = 20) -> float:
    """Python function calls per request (what cProfile counts: Python and
    built-in calls): unlike CPU time, the same on a busy machine."""
    import sys

    seen = [0]

    def count(_frame, event, _arg):
        if event in ("call", "c_call"):
            seen[0] += 1

    sys.setprofile(count)
    try:
        for _ in range(requests):
            call(application, path, cookie)
    finally:
        sys.setprofile(None)
    return seen[0] / requests


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--only", help="pages whose name contains this")
    parser.add_argument("--profile", help="cProfile the page whose name contains this")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--commands", action="store_true", help="Redis commands by name")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    os.environ.setdefault("STATIC_ROOT", str(ROOT / ".bench" / "static"))
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / ".bench" / "media"))
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from tests.bench.learner import prepare_pages

    cookie, pages = prepare_pages()
    tally = Tally()
    tally.install()
    chosen = [
        (name, path)
        for name, path in pages
        if not args.only or args.only in name or "(floor)" in name
    ]
    for _name, path in chosen:
        for _ in range(20):  # warm: caches, per-process routes, template loaders
            status, _body = call(application, path, cookie)
        if not status.startswith("200"):
            raise SystemExit(f"{path} answered {status}")
    cpu = measure_in_rounds(application, chosen, cookie, args.requests, tally)
    rows = []
    for name, path in chosen:
        calls = python_calls(application, path, cookie)
        rows.append((name, cpu[name], tally.sql_by_page[name], tally.redis_by_page[name], calls))
        if args.commands:
            print(name, tally.commands_by_page[name])
        if args.profile and args.profile in name:
            profile = cProfile.Profile(time.process_time)
            profile.enable()
            for _ in range(args.requests):
                call(application, path, cookie)
            profile.disable()
            pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
    floor_name = next((name for name, *_ in rows if "(floor)" in name), None)
    floor_calls = next((c for name, *_rest, c in rows if name == floor_name), None)
    print(
        f"{'page':<44} {'cpu ms':>7} {'÷ floor':>8} {'sql':>5} {'redis':>6} "
        f"{'calls':>7} {'÷ floor':>8}"
    )
    for name, (cpu_ms, ratio), sql, redis_commands, calls in rows:
        shown = f"{ratio:>8.2f}" if floor_name else " " * 8
        call_ratio = f"{floor_calls / calls:>8.2f}" if floor_calls else " " * 8
        print(
            f"{name:<44} {cpu_ms:>7.2f} {shown} {sql:>5.1f} {redis_commands:>6.1f} "
            f"{calls:>7.0f} {call_ratio}"
        )
    print(
        f"\n{args.requests} warm requests per page, in rounds of {ROUND} per page in turn; "
        "cpu ms = the median round's; '÷ floor' = the median over rounds of the signed-in "
        "minimal view's CPU ÷ the page's in the same round (the requests/s ratio it allows on "
        "CPU-bound workers; rounds side by side cancel the load of a shared machine); calls = "
        "Python function calls per request (20 requests), the same on a busy machine."
    )


if __name__ == "__main__":
    main()
