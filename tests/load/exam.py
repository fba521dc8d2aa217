"""The exam moment from outside the server: LEARNERS people press "Start" on
a 30-question quiz at the same instant (one connection each, token-authenticated
learner API), against gunicorn with several worker/thread/pool settings in turn,
on PostgreSQL and Redis. Beside each run's latencies it samples what the server
side did (tests/load/sampler.py): PostgreSQL sessions, what they waited on,
ungranted locks, CPU seconds per process kind. Figures, never assertions.

    python -m tests.load.exam [--learners 500] [--configs 2x1:pool,4x1:pool,...]
        [--answers 30 --think 0-1]

With ``--answers N`` the same learners then fetch their questions (one GET of
the attempt), save N answers each with a random think time before each
(``--think LOW-HIGH`` seconds), and press Submit at the same instant: the
three moments of issue 14, each with its own latencies and server CPU.

A config is WORKERSxTHREADS:pool|nopool|close — pool: Django's pool sized to the
threads; nopool: persistent connections (CONN_MAX_AGE=600); close: a new
connection per request (CONN_MAX_AGE=0, no pool).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import requests

from .environment import DB_URL, ensure_database, server_env, setup_django, uptime
from .report import pct
from .sampler import Sampler
from .servers import Stack, free_port, gunicorn, wait_for_port

QUESTIONS = 30
SLUG = f"load-exam-{QUESTIONS}"
DEFAULT_CONFIGS = "2x1:nopool,2x1:pool,4x1:nopool,4x1:pool,2x4:pool,4x4:pool,2x1:close,4x1:close"


def prepare(learners: int) -> list[str]:
    """The quiz (a random rule drawing 30 from a bank of 90) and the learners'
    API tokens; every earlier attempt at the quiz is removed."""
    import io

    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from assessments.models import Attempt, Quiz, QuizRule, RuleKind
    from lms.accounts.models import User
    from lms.framework.models import FrameworkVersion
    from tests.bench.exam_moment import _bank

    quiz = Quiz.objects.filter(slug=SLUG).first()
    if quiz is None:
        call_command("load_framework", stdout=io.StringIO())
        category = _bank(QUESTIONS)
        quiz = Quiz.objects.create(
            title="Tải thử: bắt đầu cùng lúc",
            slug=SLUG,
            audience="resident",
            framework=FrameworkVersion.objects.current(),
            is_published=True,
            max_attempts=0,
        )
        QuizRule.objects.create(
            quiz=quiz, position=0, kind=RuleKind.RANDOM, category=category, count=QUESTIONS
        )
    names = [f"load-exam-{i}" for i in range(learners)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        User(username=name, audience="resident", full_name="Học viên tải thử")
        for name in names
        if name not in existing
    )
    users = list(User.objects.filter(username__in=names).order_by("username"))
    have = set(Token.objects.filter(user__in=users).values_list("user_id", flat=True))
    Token.objects.bulk_create(
        Token(user=u, key=Token.generate_key()) for u in users if u.pk not in have
    )
    Attempt.objects.filter(quiz=quiz).delete()
    return list(Token.objects.filter(user__in=users).values_list("key", flat=True))


def config_env(kind: str, threads: int) -> dict:
    if kind == "pool":
        return server_env(DB_POOL_MIN_SIZE="1", DB_POOL_MAX_SIZE=str(threads))
    env = server_env(pool=False)
    if kind == "close":
        env["CONN_MAX_AGE"] = "0"
    return env


def press_start(port: int, tokens: list[str]) -> tuple[list[float], list[str]]:
    """Everyone presses Start at once: one thread, one connection each, released together."""
    moment = Moment()
    gate = threading.Barrier(len(tokens))

    def learner(token):
        with requests.Session() as session:
            session.headers["Authorization"] = f"Token {token}"
            gate.wait()
            moment.call(session, "post", f"http://127.0.0.1:{port}/api/v1/quizzes/{SLUG}/start/")

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        list(pool.map(learner, tokens))
    return moment.latencies, moment.errors


class Moment:
    """Latencies and errors of one kind of request, from many threads."""

    def __init__(self):
        self.latencies, self.errors = [], []

    def call(self, session, method, url, **kwargs):
        started = time.perf_counter()
        try:
            response = getattr(session, method)(url, timeout=120, **kwargs)
        except requests.RequestException as error:
            self.errors.append(type(error).__name__)
            return None
        if response.status_code in (200, 201):
            self.latencies.append(time.perf_counter() - started)
            return response.json()
        self.errors.append(f"HTTP {response.status_code}")
        return None

    def figures(self) -> dict:
        ms = [s * 1000 for s in self.latencies]
        return {
            "done": len(ms),
            "errors": len(self.errors),
            "error_kinds": sorted(set(self.errors))[:4],
            "p50_ms": pct(ms, 0.5),
            "p95_ms": pct(ms, 0.95),
        }


PHASES = ("start", "questions", "save", "submit")


def exam_moment(port, tokens, answers, think, sample) -> dict:
    """Each learner on its own thread and connection: Start together, fetch the
    questions, save ``answers`` answers (thinking ``think`` seconds before
    each), then Submit together. ``sample(phase)`` is a context manager
    wrapping each phase's window (the phases are separated by barriers)."""
    from tests.bench.classroom import response_for

    moments = {phase: Moment() for phase in PHASES}
    gate = threading.Barrier(len(tokens) + 1)
    base = f"http://127.0.0.1:{port}/api/v1"

    def learner(token, seed):
        rng = random.Random(seed)
        with requests.Session() as session:
            session.headers["Authorization"] = f"Token {token}"
            gate.wait()
            attempt = moments["start"].call(session, "post", f"{base}/quizzes/{SLUG}/start/")
            gate.wait()
            gate.wait()
            # The class's other Starts took seconds: this connection sat idle past the
            # server's keep-alive, and reusing it as the server closes it fails as a
            # ConnectionError (11 of 492 once). A phone connects afresh, so does this.
            session.close()
            full = attempt and moments["questions"].call(
                session, "get", f"{base}/attempts/{attempt['id']}/"
            )
            for question in (full or {}).get("questions", [])[:answers]:
                time.sleep(rng.uniform(*think))
                moments["save"].call(
                    session,
                    "put",
                    f"{base}/attempts/{attempt['id']}/answers/{question['position']}/",
                    json={"response": response_for(question)},
                )
            # A phone that sat on its last answer has no live connection left
            # (keep-alive long gone) and connects afresh; reusing one the server
            # is closing at that instant failed a few Submits as ConnectionError.
            session.close()
            gate.wait()
            gate.wait()
            if attempt:
                moments["submit"].call(session, "post", f"{base}/attempts/{attempt['id']}/submit/")
            gate.wait()

    results = {}
    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        futures = [pool.submit(learner, token, n) for n, token in enumerate(tokens)]
        for phase in ("start", "save", "submit"):
            with sample(phase) as sampler:
                started = time.perf_counter()
                for _ in range(2):  # released together, all done
                    gate.wait()
                elapsed = time.perf_counter() - started
            results[phase] = {**moments[phase].figures(), "all_done_s": round(elapsed, 1)}
            results[phase].update(sampler.summary())
            if phase == "save":
                results["questions"] = moments["questions"].figures()
                results["save"]["saves_per_s"] = round(len(moments["save"].latencies) / elapsed, 1)
        for future in futures:
            future.result()
    return results


class Gunicorn:
    """One gunicorn on its own port (the default), as a Stack-like context."""

    def __init__(self, env, workers, threads):
        self.env, self.workers, self.threads = env, workers, threads

    def __enter__(self):
        self.port = free_port()
        self.server = gunicorn(self.port, self.workers, self.threads, self.env)
        self.roots = {self.server.pid: "gunicorn"}
        wait_for_port(self.port)
        return self

    def __exit__(self, *exc):
        self.server.terminate()
        try:
            self.server.wait(60)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()


def run_config(
    config: str, learners: int, scale_out: bool, answers: int = 0, think=(0.0, 1.0)
) -> dict:
    shape, kind = config.split(":")
    workers, threads = (int(x) for x in shape.split("x"))
    tokens = prepare(learners)
    env = config_env(kind, threads)
    servers = (
        Stack(
            env,
            topology="nginx",
            web_nodes=2,
            web_workers=workers,
            web_threads=threads,
            asgi_nodes=2,
            asgi_workers=1,
        )
        if scale_out
        else Gunicorn(env, workers, threads)
    )
    with servers:
        port = servers.port
        for _ in range(4 * workers):  # every worker has loaded its code and the quiz's pool
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_bench/minimal", timeout=60)
        warm = tokens[-workers * threads :]
        press_start(port, warm)
        database = urlparse(DB_URL).path.lstrip("/")
        if answers:
            measured = tokens[: learners - len(warm)]
            return {
                "config": config + (" ×2 nodes behind nginx" if scale_out else ""),
                "learners": len(measured),
                "answers": answers,
                "think_s": think,
                **exam_moment(
                    port,
                    measured,
                    answers,
                    think,
                    lambda _p: Sampler(DB_URL, database, servers.roots),
                ),
                "uptime": uptime(),
            }
        with Sampler(DB_URL, database, servers.roots) as sampler:
            started = time.perf_counter()
            latencies, errors = press_start(port, tokens[: learners - len(warm)])
            all_done = time.perf_counter() - started
        ms = [s * 1000 for s in latencies]
        return {
            "config": config + (" ×2 nodes behind nginx" if scale_out else ""),
            "workers": workers,
            "threads": threads,
            "connections": kind,
            "started": len(latencies),
            "errors": len(errors),
            "error_kinds": sorted(set(errors))[:4],
            "p50_ms": pct(ms, 0.5),
            "p95_ms": pct(ms, 0.95),
            "all_done_s": round(all_done, 1),
            **sampler.summary(),
            "uptime": uptime(),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--configs", default=DEFAULT_CONFIGS)
    parser.add_argument(
        "--scale-out", action="store_true", help="two gunicorn nodes behind the shipped nginx"
    )
    parser.add_argument(
        "--answers", type=int, default=0, help="then save this many answers each and Submit"
    )
    parser.add_argument("--think", default="0-1", help="think time before each answer, LOW-HIGH s")
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split("-"))
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    env = server_env()
    ensure_database(env)
    setup_django(env)
    for config in args.configs.split(","):
        print(
            json.dumps(
                run_config(config, args.learners, args.scale_out, args.answers, think),
                ensure_ascii=False,
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
