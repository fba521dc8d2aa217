"""Province-scale benchmark (issues 12, 13, 14): builds the bench dataset once
per size on PostgreSQL (`manage.py bench_data`, kept for later runs), then on
each: the production stack (gunicorn, 2 sync workers, DEBUG off, Redis when
REDIS_URL is set) under concurrent load for the dashboards, the public ranking
and a signed-in learner's course and step pages, as ratios to the minimal view
measured in the same run; then query counts, the quarterly report, attendance
for a 60-person class and the class report in process (scale_pages.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hvs_bench \\
        python -m tests.bench.scale --learners 10000,300000 [--connections 10]

Each size gets its own database, <name>_<learners>, cloned from <name>_tpl
(migrated, demo content) so a size costs only its bulk inserts. Prints, never
asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

from tests.bench.__main__ import ROOT, WORKDIR, free_port, module_result, start_server
from tests.bench.load import run_load

FLOOR = ("minimal Django view (floor)", "/_bench/minimal", None)
FLOOR_SIGNED_IN = ("minimal view, signed in (floor)", "/_bench/minimal-auth", "learner")


def _database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(base: str):
    import psycopg

    url = _database_url(base, "postgres").replace("postgres://", "postgresql://", 1)
    return psycopg.connect(url, autocommit=True)


def _exists(base: str, name: str) -> bool:
    with _admin(base) as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def _env(database_url: str, name: str) -> dict:
    """`name` is the sizes' common prefix: a size's database is a clone of the
    template's, so it reads the files the template's demo wrote (outside the
    checkout, see movement.benchdata.files)."""
    from movement.benchdata.files import bench_files_root

    files = bench_files_root(name)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="lms.settings.bench",
        STATIC_ROOT=str(WORKDIR / "static"),
        MEDIA_ROOT=str(files / "media"),
        PRIVATE_MEDIA_ROOT=str(files / "private"),
    )
    return env


def _manage(*args, env, quiet=True):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def ensure_template(base: str, name: str) -> str:
    template = f"{name}_tpl"
    if not _exists(base, template):
        print(f"Preparing {template} (migrate, seed_demo)…", flush=True)
        with _admin(base) as conn:
            conn.execute(f'CREATE DATABASE "{template}"')
        env = _env(_database_url(base, template), name)
        _manage("migrate", "--noinput", env=env)
        _manage("seed_demo", env=env)
    return template


def ensure_dataset(base: str, name: str, learners: int, classes: int) -> dict:
    """The size's database, built once; returns what the build recorded."""
    target = f"{name}_{learners}"
    record = WORKDIR / f"scale-{target}.json"
    if _exists(base, target) and record.exists():
        return json.loads(record.read_text())
    template = ensure_template(base, name)
    with _admin(base) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target}"')
        conn.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template}"')
    print(f"Building {target}: {learners} learners, {classes} classes…", flush=True)
    start = time.perf_counter()
    _manage(
        "bench_data",
        "--yes-i-know",
        "--no-demo",
        f"--learners={learners}",
        f"--classes={classes}",
        env=_env(_database_url(base, target), name),
        quiet=False,
    )
    built = {
        "learners": learners,
        "classes": classes,
        "build_s": round(time.perf_counter() - start),
    }
    WORKDIR.mkdir(exist_ok=True)
    record.write_text(json.dumps(built))
    return built


def _in_process(mode: str, env: dict) -> dict:
    return module_result("tests.bench.scale_pages", mode, env=env)


def run_size(base, name, learners, classes, args) -> dict:
    built = ensure_dataset(base, name, learners, classes)
    env = _env(_database_url(base, f"{name}_{learners}"), name)
    _manage("collectstatic", "--noinput", "--clear", env=env)
    prepared = _in_process("prepare", env)
    cookie_name, cookies = prepared["cookie_name"], prepared["cookies"]
    learner = next(page["user"] for page in prepared["pages"] if "learner" in page["name"])
    scenarios = [FLOOR, (*FLOOR_SIGNED_IN[:2], learner)] + [
        (page["name"], page["path"], page["user"])
        for page in prepared["pages"]
        if not args.only or any(part in page["name"] for part in args.only.split(","))
    ]
    port = free_port()
    server = start_server(env, port, args.workers)
    rows = []
    try:
        for scenario, path, user in scenarios:
            headers = {"Cookie": f"{cookie_name}={cookies[user]}"} if user else {}
            url = f"http://127.0.0.1:{port}{path}"
            run_load(url, seconds=1, connections=args.connections, headers=headers)  # warm
            result = run_load(
                url, seconds=args.seconds, connections=args.connections, headers=headers
            )
            rows.append((scenario, result))
            # As it comes: a run cut short still leaves its figures.
            print(f"  {scenario}: {json.dumps(result)}", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # a loaded machine: do not lose the figures
            server.kill()
            server.wait()
    inside = {"pages": {}} if args.skip_inside else _in_process("measure", env)
    return {"built": built, "http": rows, "inside": inside}


def report(learners: int, figures: dict, connections: int) -> None:
    built, rows, inside = figures["built"], figures["http"], figures["inside"]
    floor = rows[0][1]["rps"] or 1
    print(
        f"\n=== {learners:,} learners, {built['classes']:,} classes "
        f"(dataset built in {built['build_s']} s) ==="
    )
    print(f"{'page':<36} {'req/s':>7} {'p95 ms':>8} {'err':>4} {'ratio':>6} {'queries':>8}")
    for name, result in rows:
        queries = inside["pages"].get(name, {}).get("queries", "")
        print(
            f"{name:<36} {result['rps']:>7.0f} {result['p95_ms']:>8.1f} {result['errors']:>4} "
            f"{result['rps'] / floor:>6.2f} {queries:>8}"
        )
    print(f"({connections} connections; ratio = req/s ÷ the minimal view's, same run)")
    for name, page in inside["pages"].items():
        print(f"  {name}: first request {page['queries_cold']} queries, {page['ms_cold']} ms")
    for key, label in (
        ("quarterly_report", "quarterly report (province)"),
        ("attendance", "attendance, one batch"),
        ("class_report", "class report"),
    ):
        if key in inside:
            print(f"{label}:", json.dumps(inside[key]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", default="10000,300000", help="sizes, comma-separated")
    parser.add_argument("--classes-per-learner", type=float, default=1 / 50)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--connections", type=int, default=10, help="concurrent managers/learners")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--only", default="", help="pages whose name contains one of these (comma-separated)"
    )
    parser.add_argument(
        "--skip-inside", action="store_true", help="no in-process measures (report, attendance)"
    )
    args = parser.parse_args(argv)
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must point at PostgreSQL (its name is the prefix)")
    name = urlsplit(base).path.lstrip("/") or "hvs_bench"
    for learners in (int(size) for size in args.learners.split(",")):
        classes = max(100, int(learners * args.classes_per_learner))
        if args.build_only:
            print(ensure_dataset(base, name, learners, classes))
            continue
        report(learners, run_size(base, name, learners, classes, args), args.connections)


if __name__ == "__main__":
    main()
