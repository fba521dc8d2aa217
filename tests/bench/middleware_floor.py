"""What the project's minimal view would reach against a bare Django view if
some middleware cost nothing (issue 14's "≥ 0.8 of a bare Django view"; numbers
for the note, never asserted in tests):

    python -m tests.bench.middleware_floor [--rounds 4] [--seconds 6]
        [--variant "name=dotted.path.part,other.part" ...]

Each variant is the bench site (``lms.settings.bench``) with the middleware
whose dotted paths contain one of the parts removed
(``tests/bench/dropped_settings.py``). Every variant and the bare view
(``tests/bench/bare_settings.py``) run on their own gunicorn (2 sync workers,
as ``make bench``), all up at once, measured in turn within each round: the
ratio to the bare view is taken within the round and the median reported.

Removing a middleware is the upper bound of any cheaper version of it: a
re-implementation still costs something. Run ``make bench`` once first (it
migrates, seeds and collects the static files this uses)."""

from __future__ import annotations

import argparse
import statistics

from tests.bench.__main__ import (
    bench_env,
    free_port,
    measure_in_rounds,
    start_server,
    stop_server,
)

DROP_ENV = "BENCH_DROP_MIDDLEWARE"

# Django's response-header and host middleware, then also the site's CSP and its
# language choice: the five a request that needs nothing pays most for
# (callgrind, issue 14's note).
DEFAULT_VARIANTS = {
    "full stack": "",
    "without Security, Common, XFrameOptions": (
        "middleware.security.SecurityMiddleware,middleware.common.CommonMiddleware,"
        "middleware.clickjacking.XFrameOptionsMiddleware"
    ),
    "also without CSP and language": (
        "middleware.security.SecurityMiddleware,middleware.common.CommonMiddleware,"
        "middleware.clickjacking.XFrameOptionsMiddleware,"
        "lms.core.csp.SiteCSPMiddleware,lms.core.middleware.ChosenLanguageMiddleware"
    ),
}


def variant_env(env: dict, dropped: str) -> dict:
    return {**env, "DJANGO_SETTINGS_MODULE": "tests.bench.dropped_settings", DROP_ENV: dropped}


def measure(variants: dict[str, str], args) -> dict[str, list[float]]:
    """Requests/s ÷ the bare view's, per round, for each variant."""
    env = bench_env()
    bare = {**env, "DJANGO_SETTINGS_MODULE": "tests.bench.bare_settings"}
    targets = {"bare Django": (bare, "django.core.wsgi:get_wsgi_application()")}
    for name, dropped in variants.items():
        targets[name] = (variant_env(env, dropped), "lms.wsgi:application")
    servers = {}
    try:
        for name, (server_env, app) in targets.items():
            port = free_port()
            servers[name] = (
                start_server(server_env, port, 2, app),
                f"http://127.0.0.1:{port}/_bench/minimal",
            )
        per_round = measure_in_rounds(
            [(name, url, {}) for name, (_s, url) in servers.items()], args
        )
    finally:
        for server, _url in servers.values():
            stop_server(server)
    return {
        name: [r[name]["rps"] / (r["bare Django"]["rps"] or 1) for r in per_round]
        for name in variants
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help='"name=part,part": the bench site without the middleware matching the parts',
    )
    args = parser.parse_args(argv)
    variants = dict(v.split("=", 1) for v in args.variant) or DEFAULT_VARIANTS
    ratios = measure(variants, args)
    print(
        f"/_bench/minimal, gunicorn 2 sync workers, {args.connections} connections; ÷ bare = median of rounds"
    )
    for name, values in ratios.items():
        rounds = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:<45} ÷ bare {statistics.median(values):.2f}  (rounds: {rounds})")


if __name__ == "__main__":
    main()
