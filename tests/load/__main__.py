"""Load test of live sessions: real WebSocket clients over loopback against
uvicorn workers with PostgreSQL and Redis (127.0.0.1 only; it stops by itself).

    python -m tests.load [--participants 500] [--questions 20] [--window 10]
                         [--try-larger 1000] [--skip-split]

Scenarios: one uvicorn with --workers 2 on one port; then two uvicorn
processes on different ports sharing the Redis channel layer, participants
split between them. Per scenario it prints answers sent/acknowledged/stored
(0 lost, 0 duplicated), acknowledgement p50/p95, "next question" fan-out p95
to all phones, every-event coverage, and memory per connected participant.

Needs LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hocvuso_load,
created when missing) and LOAD_REDIS_URL (default redis://127.0.0.1:6379/14).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
DB_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hocvuso_load")
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/14")
BOUNDS = {"ack_p95_ms": 300, "fanout_p95_ms": 1000}


def env() -> dict:
    values = dict(os.environ)
    values.update(
        DJANGO_SETTINGS_MODULE="lms.settings.bench",
        DATABASE_URL=DB_URL,
        REDIS_URL=REDIS_URL,
        CHANNELS_PREFIX=f"hvsload{os.getpid()}",
        CACHE_KEY_PREFIX=f"hvsload{os.getpid()}",
        CONN_MAX_AGE="600",
        LOG_LEVEL="WARNING",
        LIVE_PIN_FAILURE_LIMIT="100000",
    )
    return values


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_database():
    import psycopg

    parts = urlparse(DB_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode:
        sys.exit(done.stdout[-3000:] + done.stderr[-3000:])


def setup_django():
    os.environ.update(env())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_session(participants: int, questions: int):
    """An instructor, ``questions`` single-choice questions and a session with
    ``participants`` joined guests (through the real join action)."""
    from assessments.actions import QuestionData, category_for_path, do_create_question
    from assessments.live import actions
    from assessments.scoring.spec import Choice, QuestionSpec
    from lms.accounts.models import User
    from lms.accounts.roles import Role, grant_role

    suffix = f"{int(time.time())}{random.randint(0, 999)}"
    teacher = User.objects.create(username=f"load-teacher-{suffix}", full_name="Load")
    grant_role(teacher, Role.INSTRUCTOR)
    teacher = User.objects.get(pk=teacher.pk)
    category = category_for_path(f"Tải thử/{suffix}")
    bank = []
    for n in range(questions):
        spec = QuestionSpec(
            id="",
            qtype="single",
            choices=tuple(
                Choice(str(i), f"Lựa chọn {i}", 1.0 if i == 1 else 0.0) for i in range(1, 5)
            ),
        )
        bank.append(
            do_create_question(
                QuestionData(
                    name=f"Câu {n}",
                    stem=f"<p>Câu hỏi số {n + 1}?</p>",
                    spec=spec,
                    category=category,
                    status="published",
                    competencies=[],
                    audiences=[],
                )
            )
        )
    session = actions.do_start_session(
        teacher,
        questions=bank,
        options=actions.SessionOptions(title="Tải thử", seconds_per_question=30),
    )
    people = [actions.do_join(session, name=f"Người {i}") for i in range(participants)]
    return teacher, session, people


def start_servers(ports: list[int], workers: int) -> list[subprocess.Popen]:
    procs = []
    for port in ports:
        procs.append(
            subprocess.Popen(
                [
                    sys.executable, "-m", "uvicorn", "lms.asgi:application",
                    "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                    "--log-level", "warning", "--ws", "websockets-sansio", "--backlog", "4096",
                ],
                cwd=ROOT,
                env=env(),
            )
        )  # fmt: skip
    deadline = time.time() + 60
    for port in ports:
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
    time.sleep(1.0)
    return procs


def rss_kb(procs) -> int:
    """Resident memory of the server processes and their workers."""
    pids = set()
    for proc in procs:
        pids.add(proc.pid)
        for line in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split():
            pids.add(int(line))
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def pct(values, q):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Phone:
    def __init__(self, participant, port):
        self.p = participant
        self.port = port
        self.ws = None
        self.seen = {}  # position -> time the question arrived
        self.acks = []
        self.sent = 0
        self.duplicates = 0
        self.errors = []
        self.waiters = {}
        self.states = 0
        self.options = {}
        self.revealed = set()

    async def connect(self):
        import websockets

        from assessments.live.actions import cookie_name

        url = f"ws://127.0.0.1:{self.port}/ws/live/{self.p.session_id}/play/"
        self.ws = await websockets.connect(
            url,
            additional_headers={
                "Cookie": f"{cookie_name(self.p.session_id)}={self.p.token}",
                "Origin": f"http://127.0.0.1:{self.port}",
            },
            open_timeout=60,
            ping_interval=None,
            max_queue=None,
        )
        first = json.loads(await self.ws.recv())
        assert first["type"] == "state", first
        self.reader = asyncio.create_task(self.read())

    async def read(self):
        try:
            async for raw in self.ws:
                now = time.perf_counter()
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "state":
                    self.states += 1
                    question = message.get("question")
                    if message["status"] == "reveal" and question:
                        self.revealed.add(question["position"])
                    if message["status"] == "question" and question:
                        self.seen.setdefault(question["position"], now)
                        self.options[question["position"]] = [
                            o["value"] for o in question["options"]
                        ]
                elif kind == "ack":
                    waiter = self.waiters.pop(message["id"], None)
                    if waiter:
                        waiter.set_result((now, message))
                elif kind == "error":
                    self.errors.append(message.get("code"))
                    if self.waiters:  # errors carry no id: one answer is in flight at a time
                        self.waiters.pop(next(iter(self.waiters))).set_result((now, message))
        except Exception:  # noqa: S110 - closed at the end of the run
            pass

    async def answer(self, position, delay, retry):
        await asyncio.sleep(delay)
        loop = asyncio.get_running_loop()
        for attempt in range(2 if retry else 1):
            msg_id = f"{position}-{attempt}"
            future = loop.create_future()
            self.waiters[msg_id] = future
            started = time.perf_counter()
            response = random.choice(self.options.get(position) or ["?"])
            await self.ws.send(
                json.dumps({"type": "answer", "q": position, "response": response, "id": msg_id})
            )
            self.sent += attempt == 0
            try:
                at, message = await asyncio.wait_for(future, 20)
            except TimeoutError:
                self.errors.append("ack-timeout")
                continue
            if message["type"] == "error":
                continue
            if attempt == 0:
                self.acks.append((at - started) * 1000)
            elif message["duplicate"]:
                self.duplicates += 1

    async def close(self):
        await self.ws.close()


async def run_scenario(label, participants, questions, window, ports, workers):
    from asgiref.sync import sync_to_async
    from django.db import connections

    from assessments.live import actions
    from assessments.live.models import LiveAnswer, LiveSession

    teacher, session, people = await sync_to_async(make_session, thread_sensitive=True)(
        participants, questions
    )
    procs = start_servers(ports, workers)
    try:
        phones = [Phone(p, ports[i % len(ports)]) for i, p in enumerate(people)]
        warm = max(1, len(phones) // 10)  # the first connections also load code: not counted
        base_rss = 0
        for start in range(0, len(phones), 50):
            batch = phones[start : start + 50]
            await asyncio.gather(*(phone.connect() for phone in batch))
            if not base_rss and start + len(batch) >= warm:
                await asyncio.sleep(0.5)
                base_rss, warm = rss_kb(procs), start + len(batch)
        await asyncio.sleep(1)
        per_participant_kb = (rss_kb(procs) - base_rss) / max(1, len(phones) - warm)

        fanouts, missed = [], 0
        for position in range(questions):
            sent_at = time.perf_counter()
            await sync_to_async(actions.do_advance)(
                await sync_to_async(LiveSession.objects.get)(pk=session.pk), teacher
            )  # lobby→Q1, or reveal→next
            limit = time.perf_counter() + 15
            while time.perf_counter() < limit and not all(position in p.seen for p in phones):
                await asyncio.sleep(0.01)
            for phone in phones:
                if position in phone.seen:
                    fanouts.append((phone.seen[position] - sent_at) * 1000)
                else:
                    missed += 1
            await asyncio.gather(
                *(
                    phone.answer(position, random.uniform(0, window), random.random() < 0.05)
                    for phone in phones
                )
            )
            # All answered closes the question; the instructor talks over the
            # answer and the top five for a moment, then moves on.
            limit = time.perf_counter() + 15
            while time.perf_counter() < limit and not all(position in p.revealed for p in phones):
                await asyncio.sleep(0.05)
            await asyncio.sleep(1.0)
        await sync_to_async(actions.do_end)(
            await sync_to_async(LiveSession.objects.get)(pk=session.pk), teacher
        )
        await asyncio.sleep(1)
        sent = sum(p.sent for p in phones)
        acked = sum(len(p.acks) for p in phones)
        stored = await sync_to_async(LiveAnswer.objects.filter(session=session).count)()
        acks = [ms for p in phones for ms in p.acks]
        errors = [e for p in phones for e in p.errors]
        result = {
            "scenario": label,
            "participants": participants,
            "questions": questions,
            "servers": f"{len(ports)} process(es) × {workers} worker(s)",
            "answers_sent": sent,
            "answers_acked": acked,
            "answers_stored": stored,
            "lost": sent - stored,
            "duplicate_retries_acked_as_duplicate": sum(p.duplicates for p in phones),
            "ack_p50_ms": round(pct(acks, 0.5), 1),
            "ack_p95_ms": round(pct(acks, 0.95), 1),
            "fanout_p50_ms": round(pct(fanouts, 0.5), 1),
            "fanout_p95_ms": round(pct(fanouts, 0.95), 1),
            "next_question_missed": missed,
            "errors": len(errors),
            "error_codes": dict(__import__("collections").Counter(errors)),
            "memory_per_participant_kb": round(per_participant_kb, 1),
        }
        result["holds_bounds"] = (
            result["lost"] == 0
            and missed == 0
            and result["ack_p95_ms"] < BOUNDS["ack_p95_ms"]
            and result["fanout_p95_ms"] < BOUNDS["fanout_p95_ms"]
        )
        await asyncio.gather(*(phone.close() for phone in phones), return_exceptions=True)
        return result
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        await sync_to_async(connections.close_all)()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--try-larger", type=int, default=1000)
    parser.add_argument("--skip-split", action="store_true")
    args = parser.parse_args()
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    ensure_database()
    setup_django()
    started = time.time()
    results = []
    plan = [("one port, uvicorn workers", args.participants, [free_port()], args.workers)]
    if not args.skip_split:
        plan.append(("two processes, one Redis", args.participants, [free_port(), free_port()], 1))
    if args.try_larger:
        plan.append(("larger session", args.try_larger, [free_port()], args.workers))
    for label, size, ports, workers in plan:
        result = asyncio.run(run_scenario(label, size, args.questions, args.window, ports, workers))
        results.append(result)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    print(f"# bounds: ack p95 < {BOUNDS['ack_p95_ms']} ms, next-question fan-out p95 < "
          f"{BOUNDS['fanout_p95_ms']} ms, 0 lost; total {time.time() - started:.0f} s")  # fmt: skip
    held = [r["participants"] for r in results if r["holds_bounds"]]
    print(f"# largest session holding the bounds: {max(held) if held else 'none'}")


if __name__ == "__main__":
    main()
