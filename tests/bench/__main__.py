"""Benchmark runner. Prints requests/s and p95 latency for each scenario at a
fixed concurrency, and the ratio to the minimal view measured in the same run
(the ratio is what we track: absolute numbers depend on the machine).

    python -m tests.bench [--seconds 8] [--connections 20] [--only NAME]
"""

import argparse
import importlib
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.bench import classroom
from tests.bench.load import run_load

ROOT = Path(__file__).resolve().parents[2]
WORKDIR = ROOT / ".bench"
SCENARIO_MODULES = ["tests.bench.library"]  # each exposes scenarios() -> [(name, path)]
# Benchmarks of pure functions and batch work; each module's main() prints its report.
REPORT_MODULES = [
    "tests.bench.assessments",
    "tests.bench.exam_moment",
    "tests.bench.certificates",
    "tests.bench.classes",
    "tests.bench.library_scale",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env() -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.bench",
        STATIC_ROOT=str(WORKDIR / "static"),
        MEDIA_ROOT=str(WORKDIR / "media"),
    )
    return env


def manage(*args, env):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(
    env, port: int, workers: int, app: str = "lms.wsgi:application"
) -> subprocess.Popen:
    """The production stack for pages and the API: gunicorn, sync workers (WSGI)."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "GUNICORN_CMD_ARGS": ""},
    )
    deadline = time.monotonic() + 240  # a loaded machine starts slowly
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_bench/minimal", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start")


def stop_server(server: subprocess.Popen) -> None:
    """A loaded machine may take more than a few seconds to stop gunicorn."""
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=20)


def demo_certificate_code(env) -> str:
    """A valid certificate of the demo content, for its public verify page."""
    found = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from assessments.certificates.models import Certificate as C; "
            "print(C.objects.filter(revoked_at__isnull=True).values_list('code', flat=True)[0])",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return found.stdout.strip().splitlines()[-1]


def bare_django_rps(env, args) -> float:
    """Requests/s of a bare Django view (tests/bench/bare_settings.py) on the same
    gunicorn set-up: the floor for the project's own minimal view."""
    port = free_port()
    bare_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.bench.bare_settings"}
    server = start_server(bare_env, port, args.workers, "django.core.wsgi:get_wsgi_application()")
    try:
        url = f"http://127.0.0.1:{port}/_bench/minimal"
        run_load(url, seconds=1, connections=args.connections)
        return run_load(url, seconds=args.seconds, connections=args.connections)["rps"]
    finally:
        server.terminate()
        server.wait(timeout=20)


def module_result(module: str, *args: str, env: dict) -> dict:
    """Run a bench module in a process of its own (its own settings and
    database) and read the JSON it prints on its ``RESULT`` line."""
    output = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def learner_scenarios(env, only: str | None) -> list[tuple]:
    """(name, path, headers, queries) of the signed-in learner's pages (tests/bench/learner.py)."""
    if only and only not in "learner: course step library item Học tập của tôi":
        return []
    prepared = module_result("tests.bench.learner", env=env)
    headers = {"Cookie": prepared["cookie"]}
    return [
        (page["name"], page["path"], headers, page["queries"])
        for page in prepared["pages"]
        if not only or only in page["name"] or "(floor)" in page["name"]
    ]


def collect_scenarios(only: str | None):
    scenarios = [("minimal Django view (baseline)", "/_bench/minimal"), ("home page", "/")]
    for module_name in SCENARIO_MODULES:
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        scenarios.extend(module.scenarios())
    if only:
        scenarios = [s for s in scenarios if only in s[0] or s[0].startswith("minimal")]
    return scenarios


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", help="run only scenarios whose name contains this")
    parser.add_argument("--skip-http", action="store_true", help="only the non-HTTP reports")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="the database is already migrated and seeded (a second run on a busy machine)",
    )
    args = parser.parse_args(argv)
    if not args.skip_http:
        # The HTTP part serves lms.settings.bench; the in-process reports after it
        # choose their own settings (they crashed on the bench's static manifest).
        before = os.environ.get("DJANGO_SETTINGS_MODULE")
        run_http_benchmarks(args)
        if before is None:
            os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        else:
            os.environ["DJANGO_SETTINGS_MODULE"] = before
    run_report_modules(args.only)


def run_report_modules(only: str | None):
    for module_name in REPORT_MODULES:
        if only and only not in module_name:
            continue
        if importlib.util.find_spec(module_name) is None:
            continue  # that app has no benchmark yet
        module = importlib.import_module(module_name)
        print(f"\n--- {module_name.rsplit('.', 1)[-1]} ---", flush=True)
        module.main()


def run_http_benchmarks(args):
    WORKDIR.mkdir(exist_ok=True)
    env = bench_env()
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE",)})
    print("Preparing the bench site (migrate, seed_demo, collectstatic)…", flush=True)
    if not args.reuse:
        manage("migrate", "--noinput", env=env)
        manage("seed_demo", env=env)
    manage("collectstatic", "--noinput", "--clear", env=env)

    verify_path = f"/certificates/verify/{demo_certificate_code(env)}/"
    bare = bare_django_rps(env, args)
    port = free_port()
    server = start_server(env, port, args.workers)
    tool = (
        "wrk" if shutil.which("wrk") else "python asyncio client (install wrk for better figures)"
    )
    print(
        f"\nServer: gunicorn, {args.workers} sync workers (WSGI), DEBUG off, "
        f"{env['DATABASE_URL'].split(':', 1)[0]}; load: {tool}, "
        f"{args.connections} connections, {args.seconds:g} s per scenario\n"
    )
    rows = []
    try:
        scenarios = [(name, path, None, "") for name, path in collect_scenarios(args.only)]
        if not args.only or args.only in "certificate verify page":
            scenarios.append(("certificate verify page", verify_path, None, ""))
        scenarios += learner_scenarios(env, args.only)
        for name, path, headers, queries in scenarios:
            url = f"http://127.0.0.1:{port}{path}"
            load = {"connections": args.connections, "headers": headers}
            run_load(url, seconds=1, **load)  # warm caches
            result = run_load(url, seconds=args.seconds, **load)
            rows.append((name, queries, result))
        classroom_lines = []
        if not args.only or args.only in "classroom":
            classroom_lines = classroom.run(f"http://127.0.0.1:{port}", env, args.seconds)
    finally:
        stop_server(server)

    baseline = rows[0][2]["rps"] or 1
    signed_in = next((r["rps"] for name, _q, r in rows if "(floor)" in name), 0) or 1
    print(
        f"{'scenario':<44} {'req/s':>9} {'p95 ms':>8} {'errors':>7} {'ratio':>7} "
        f"{'signed-in':>9} {'÷ bare':>7} {'queries':>7}"
    )
    for name, queries, r in rows:
        mine = f"{r['rps'] / signed_in:>9.2f}" if name.startswith("learner") else " " * 9
        print(
            f"{name:<44} {r['rps']:>9.0f} {r['p95_ms']:>8.1f} {r['errors']:>7} "
            f"{r['rps'] / baseline:>7.2f} {mine} {r['rps'] / (bare or 1):>7.2f} {queries!s:>7}"
        )
    print("\nratio = requests/s ÷ the minimal view's requests/s on the same stack, same run;")
    print(
        "signed-in = ÷ the signed-in minimal view (same learner session); ÷ bare = ÷ bare Django."
    )
    print("queries = per warm request for the signed-in learner (tests/bench/learner.py).")
    print(
        f"minimal view ÷ bare Django view (no apps, no middleware, {bare:.0f} req/s): "
        f"{baseline / (bare or 1):.2f} (goal ≥ 0.8)"
    )
    if classroom_lines:
        print("\n--- classroom (assessments API, token auth) ---")
    for line in classroom_lines:
        print(line)


if __name__ == "__main__":
    main()
