"""What the certificate verify page would reach against the project's minimal
view if its row were not read on every visit (issue 14's "≥ 0.5 of the
minimal view"; numbers for the note, never asserted in tests):

    python -m tests.bench.verify_floor [--rounds 4] [--seconds 6]

Two gunicorn servers (2 sync workers, as ``make bench``), both up, measured in
turn within each round: the site as shipped, and the site whose verify page
reads a certificate's row once per process and then trusts it
(``verify_row_once_wsgi``). The second is never deployed: reading the row on
every visit is what makes a revocation, or a row altered behind the
application's back, show on the very next visit (assessments/certificates/
verify_page.py). The gap between the two is what that read costs. Run
``make bench`` once first (it migrates, seeds and collects the static files)."""

from __future__ import annotations

import argparse
import statistics

from tests.bench.__main__ import (
    ROOT,
    bench_env,
    demo_certificate_code,
    free_port,
    measure_in_rounds,
    start_server,
    stop_server,
)

SERVERS = {
    "as shipped (row read every visit)": "lms.wsgi:application",
    "row read once per process": "tests.bench.verify_row_once_wsgi:application",
}


def read_row_once():
    """Make the kept verify page read each certificate's row once per process
    (a memo in front of verify_page's two row functions). Returns the undo."""
    from assessments.certificates import verify_page

    memo: dict[str, tuple | None] = {}
    send, read = verify_page.send_row_query, verify_page.read_row_early
    remembered = object()  # "sent" for a row already read: the middleware then reads it

    def send_once(code):
        return remembered if code in memo else send(code)

    def read_once(request, code, sent):
        if sent is remembered:
            setattr(request, verify_page._ROW_ATTR, (code, memo[code]))
            return memo[code]
        memo[code] = read(request, code, sent)
        return memo[code]

    verify_page.send_row_query, verify_page.read_row_early = send_once, read_once

    def undo():
        verify_page.send_row_query, verify_page.read_row_early = send, read

    return undo


def measure(args) -> dict[str, list[float]]:
    """The verify page's requests/s ÷ the minimal view's on the same server, per
    round, for each server."""
    env = {**bench_env(), "PYTHONPATH": str(ROOT)}
    verify = f"/certificates/verify/{demo_certificate_code(env)}/"
    servers = {}
    try:
        for name, app in SERVERS.items():
            port = free_port()
            servers[name] = (start_server(env, port, 2, app), f"http://127.0.0.1:{port}")
        targets = [
            ((name, path), base + path, {})
            for name, (_server, base) in servers.items()
            for path in ("/_bench/minimal", verify)
        ]
        per_round = measure_in_rounds(targets, args)  # its warm-up keeps the page
    finally:
        for server, _base in servers.values():
            stop_server(server)
    return {
        name: [
            r[(name, verify)]["rps"] / (r[(name, "/_bench/minimal")]["rps"] or 1) for r in per_round
        ]
        for name in servers
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args(argv)
    print("certificate verify page ÷ minimal view, same server and round; median of rounds")
    for name, values in measure(args).items():
        rounds = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:<38} {statistics.median(values):.2f}  (rounds: {rounds})")


if __name__ == "__main__":
    main()
