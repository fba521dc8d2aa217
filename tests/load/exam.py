"""The exam moment from outside the server: LEARNERS people press "Start" on
a 30-question quiz at the same instant (one connection each, token-authenticated
learner API; the phones are coroutines on one event loop, tests/load/api_client.py), against gunicorn with several worker/thread/pool settings in turn,
on PostgreSQL and Redis. Beside each run's latencies it samples what the server
side did (tests/load/sampler.py): PostgreSQL sessions, what they waited on,
ungranted locks, CPU seconds per process kind. Figures, never assertions.

    python -m tests.load.exam [--learners 500] [--configs 2x1:pool,4x1:pool,...]
        [--answers 30 --think 0-1]

With ``--answers N`` the same learners then fetch their questions (one GET of
the attempt), save N answers each with a random think time before each
(``--think LOW-HIGH`` seconds), and press Submit at the same instant: the
three moments of issue 14, each with its own latencies, the CPU per request of
the server, PostgreSQL and this client, and (``stored``) what the database holds
afterwards: attempts, Submits scored, answers saved.

A config is WORKERSxTHREADS:pool|nopool|close — pool: Django's pool sized to the
threads; nopool: persistent connections (CONN_MAX_AGE=600); close: a new
connection per request (CONN_MAX_AGE=0, no pool).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import subprocess
import time
import urllib.request
from urllib.parse import urlparse

from .api_client import Moment, Phone, event_loop
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
    """Everyone presses Start at once: one connection each, sent together."""
    moment = Moment()
    path = f"/api/v1/quizzes/{SLUG}/start/"

    async def everyone():
        phones = [Phone("127.0.0.1", port, token) for token in tokens]
        await asyncio.gather(*(moment.call(phone, "POST", path) for phone in phones))
        for phone in phones:
            phone.close()

    with contextlib.closing(event_loop()) as loop:
        loop.run_until_complete(everyone())
    return moment.latencies, moment.errors


def figures(moment: Moment) -> dict:
    ms = [s * 1000 for s in moment.latencies]
    return {
        "done": len(ms),
        "errors": len(moment.errors),
        "error_kinds": sorted(set(moment.errors))[:4],
        "p50_ms": pct(ms, 0.5),
        "p95_ms": pct(ms, 0.95),
    }


PHASES = ("start", "questions", "save", "submit")


async def _exam(port, tokens, answers, think, sample) -> dict:
    from tests.bench.classroom import response_for

    moments = {phase: Moment() for phase in PHASES}
    base = "/api/v1"
    phones = [Phone("127.0.0.1", port, token) for token in tokens]
    attempt_ids: list[int | None] = [None] * len(phones)
    results = {}

    async def start(index, phone):
        body = await moments["start"].call(phone, "POST", f"{base}/quizzes/{SLUG}/start/")
        attempt_ids[index] = body and json.loads(body)["id"]

    async def answer(index, phone, rng):
        attempt = attempt_ids[index]
        # The class's other Starts took seconds: this connection sat idle past the
        # server's keep-alive, and reusing it as the server closes it fails (11 of
        # 492 once). A phone connects afresh, so does this.
        phone.close()
        body = attempt and await moments["questions"].call(
            phone, "GET", f"{base}/attempts/{attempt}/"
        )
        for question in json.loads(body)["questions"][:answers] if body else []:
            await asyncio.sleep(rng.uniform(*think))
            # The saved answer is checked in the database after the run (``stored``),
            # not by parsing each response here.
            await moments["save"].call(
                phone,
                "PUT",
                f"{base}/attempts/{attempt}/answers/{question['position']}/",
                {"response": response_for(question)},
            )
        # A phone that sat on its last answer has no live connection left.
        phone.close()

    async def submit(index, phone):
        attempt = attempt_ids[index]
        if attempt:
            body = await moments["submit"].call(phone, "POST", f"{base}/attempts/{attempt}/submit/")
            if body and json.loads(body).get("points") is None:
                moments["submit"].errors.append("no score in the result")

    for phase, each in (
        ("start", lambda n, phone: start(n, phone)),
        ("save", lambda n, phone: answer(n, phone, random.Random(n))),
        ("submit", lambda n, phone: submit(n, phone)),
    ):
        with sample(phase) as sampler:
            started = time.perf_counter()
            await asyncio.gather(*(each(n, phone) for n, phone in enumerate(phones)))
            elapsed = time.perf_counter() - started
        results[phase] = {**figures(moments[phase]), "all_done_s": round(elapsed, 1)}
        results[phase].update(sampler.summary())
        counted = (moments["questions"], moments["save"]) if phase == "save" else (moments[phase],)
        results[phase]["cpu_ms_per_request"] = cpu_ms_per_request(sampler, *counted)
        if phase == "save":
            results["questions"] = figures(moments["questions"])
            results["save"]["saves_per_s"] = round(len(moments["save"].latencies) / elapsed, 1)
    for phone in phones:
        phone.close()
    # Requests sent again once on a fresh connection: the kept-alive one was
    # closed by the server as the request went out (as a browser does).
    results["resent"] = sum(phone.resent for phone in phones)
    return results, [pk for pk in attempt_ids if pk]


def cpu_ms_per_request(sampler, *moments: Moment) -> dict:
    """Each kind of process's CPU per request of the phase, in ms (the figure
    that says how many requests 2 cores can serve; latency on a shared machine
    says less)."""
    made = sum(len(moment.latencies) + len(moment.errors) for moment in moments)
    seconds = sampler.summary()["cpu_seconds"]
    return {kind: round(s * 1000 / made, 2) for kind, s in seconds.items()} if made else {}


def stored_outcome(attempt_ids: list[int]) -> dict:
    """What the database holds after the run: the real outcome of the saves and Submits."""
    from assessments.models import Attempt, AttemptSlot, AttemptState

    attempts = Attempt.objects.filter(pk__in=attempt_ids)
    return {
        "attempts": attempts.count(),
        "submitted_scored": attempts.filter(
            state=AttemptState.SUBMITTED, points__isnull=False
        ).count(),
        "answered_slots": AttemptSlot.objects.filter(attempt_id__in=attempt_ids)
        .exclude(response=None)
        .count(),
    }


def exam_moment(port, tokens, answers, think, sample) -> dict:
    """Each learner on its own connection: Start together, fetch the questions,
    save ``answers`` answers (thinking ``think`` seconds before each), then
    Submit together. ``sample(phase)`` is a context manager wrapping each
    phase's window (each phase ends when every learner is done with it)."""
    with contextlib.closing(event_loop()) as loop:
        results, attempt_ids = loop.run_until_complete(_exam(port, tokens, answers, think, sample))
    return {**results, "stored": stored_outcome(attempt_ids)}


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
