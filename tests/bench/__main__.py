"""Benchmark runner. Prints requests/s and p95 latency for each scenario at a
fixed concurrency, and the ratio to the minimal view measured in the same run
(the ratio is what we track: absolute numbers depend on the machine).

    python -m tests.bench [--seconds 8] [--rounds 3] [--connections 20] [--only NAME]

The bare Django view and the site's scenarios are measured in turn, ``--rounds``
times over (``--seconds`` each time), with both servers up: a ratio is taken
within each round and the median of the rounds is reported. On a virtual
machine whose speed drifts (another tenant's load) a scenario measured a minute
after its baseline can come out 30 % off; within a round it cannot drift far.
"""

import argparse
import importlib
import importlib.util
import json
import os
import shutil
import socket
import statistics
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


def start_bare_server(env, args) -> tuple[subprocess.Popen, str]:
    """A bare Django view (tests/bench/bare_settings.py) on the same gunicorn
    set-up: the floor for the project's own minimal view. (server, its URL)"""
    port = free_port()
    bare_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.bench.bare_settings"}
    server = start_server(bare_env, port, args.workers, "django.core.wsgi:get_wsgi_application()")
    return server, f"http://127.0.0.1:{port}/_bench/minimal"


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
    parser.add_argument("--rounds", type=int, default=3, help="measure every target this often")
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


def measure_in_rounds(targets, args) -> list[dict]:
    """[{target name: run_load result}] per round, every target measured in turn."""
    for _name, url, headers in targets:
        run_load(url, seconds=1, connections=args.connections, headers=headers)  # warm caches
    return [
        {
            name: run_load(url, seconds=args.seconds, connections=args.connections, headers=headers)
            for name, url, headers in targets
        }
        for _round in range(args.rounds)
    ]


def summarise(per_round: list[dict], name: str) -> dict:
    """Medians over the rounds of one scenario's figures and of its ratios to the
    minimal view, the signed-in floor and the bare view of the same round."""
    minimal = list(per_round[0])[1]  # the first scenario, after "bare"
    floor = next((n for n in per_round[0] if "(floor)" in n), None)

    def median(values):
        return statistics.median(values)

    return {
        "rps": median(r[name]["rps"] for r in per_round),
        "p95_ms": median(r[name]["p95_ms"] for r in per_round),
        "errors": sum(r[name]["errors"] for r in per_round),
        "ratio": median(r[name]["rps"] / (r[minimal]["rps"] or 1) for r in per_round),
        "to_bare": median(r[name]["rps"] / (r["bare"]["rps"] or 1) for r in per_round),
        "signed_in": median(r[name]["rps"] / (r[floor]["rps"] or 1) for r in per_round)
        if floor
        else 0.0,
    }


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
    bare_server, bare_url = start_bare_server(env, args)
    port = free_port()
    server = start_server(env, port, args.workers)
    tool = (
        "wrk" if shutil.which("wrk") else "python asyncio client (install wrk for better figures)"
    )
    print(
        f"\nServer: gunicorn, {args.workers} sync workers (WSGI), DEBUG off, "
        f"{env['DATABASE_URL'].split(':', 1)[0]}; load: {tool}, "
        f"{args.connections} connections, {args.seconds:g} s per scenario and round, "
        f"{args.rounds} round(s)\n"
    )
    try:
        scenarios = [(name, path, None, "") for name, path in collect_scenarios(args.only)]
        if not args.only or args.only in "certificate verify page":
            scenarios.append(("certificate verify page", verify_path, None, ""))
        scenarios += learner_scenarios(env, args.only)
        targets = [("bare", bare_url, None)] + [
            (name, f"http://127.0.0.1:{port}{path}", headers)
            for name, path, headers, _q in scenarios
        ]
        per_round = measure_in_rounds(targets, args)
        classroom_lines = []
        if not args.only or args.only in "classroom":
            classroom_lines = classroom.run(f"http://127.0.0.1:{port}", env, args.seconds)
    finally:
        stop_server(server)
        stop_server(bare_server)
    rows = [(name, queries, summarise(per_round, name)) for name, _p, _h, queries in scenarios]
    bare = statistics.median(r["bare"]["rps"] for r in per_round)
    minimal_to_bare = [r[scenarios[0][0]]["rps"] / (r["bare"]["rps"] or 1) for r in per_round]
    print(
        f"{'scenario':<44} {'req/s':>9} {'p95 ms':>8} {'errors':>7} {'ratio':>7} "
        f"{'signed-in':>9} {'÷ bare':>7} {'queries':>7}"
    )
    for name, queries, r in rows:
        mine = f"{r['signed_in']:>9.2f}" if name.startswith("learner") else " " * 9
        print(
            f"{name:<44} {r['rps']:>9.0f} {r['p95_ms']:>8.1f} {r['errors']:>7} "
            f"{r['ratio']:>7.2f} {mine} {r['to_bare']:>7.2f} {queries!s:>7}"
        )
    print("\nreq/s, p95 = medians over the rounds; ratio = requests/s ÷ the minimal view's")
    print("requests/s in the same round (median over rounds), on the same stack;")
    print(
        "signed-in = ÷ the signed-in minimal view (same learner session); ÷ bare = ÷ bare Django."
    )
    print("queries = per warm request for the signed-in learner (tests/bench/learner.py).")
    rounds = ", ".join(f"{ratio:.2f}" for ratio in minimal_to_bare)
    print(
        f"minimal view ÷ bare Django view (no apps, no middleware, {bare:.0f} req/s): "
        f"{statistics.median(minimal_to_bare):.2f} (goal ≥ 0.8; rounds: {rounds})"
    )
    if classroom_lines:
        print("\n--- classroom (assessments API, token auth) ---")
    for line in classroom_lines:
        print(line)


if __name__ == "__main__":
    main()
