"""Load test of live sessions, driven like a real classroom from outside the
server (127.0.0.1 only; it stops by itself):

    python -m tests.load [--phones 500] [--questions 13] [--arrival 10]
                         [--topology uvicorn|nginx|both|scale-out] [--pool on|off]

The instructor signs in through the login form and opens the session through
the /live/new/ form; every phone joins through the /live/ form with its own
cookies, opens its WebSocket, thinks 0.5–5 s per question, taps twice 5 % of
the time and drops and reconnects mid-question 2 % of the time (tests/load/phone.py).

Topologies: "uvicorn" (one uvicorn, --asgi-workers 2, serves pages and /ws/),
"nginx" (the shipped deploy/nginx.conf → gunicorn for pages, uvicorn for /ws/),
"scale-out" (nginx → two gunicorn and two uvicorn processes sharing PostgreSQL
and Redis: phones land on both uvicorn nodes and must hear the same fan-out).

Printed per run (one JSON line): time for every phone to join, join errors,
answers sent/acked/stored (0 lost, double taps acked as duplicates), ack p50/p95,
next-question fan-out p95 (command sent → phone), reveal p95 (last answer sent
→ phone), end p95, reconnects back on the current question, keys seen before
the reveal, the screen's answer counts against the stored answers, PostgreSQL
connections at peak, server memory, and `uptime` (the machine is shared).

Needs LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hocvuso_load,
created when missing) and LOAD_REDIS_URL (default redis://127.0.0.1:6379/14).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
from urllib.parse import urlparse

from .browser import in_thread
from .environment import DB_URL, ensure_database, server_env, setup_django, uptime
from .instructor import Instructor, make_instructor_and_bank
from .phone import Phone
from .report import live_figures
from .sampler import Sampler
from .servers import Stack

TOPOLOGIES = {
    "uvicorn": {"topology": "uvicorn", "asgi_nodes": 1, "asgi_workers": 2},
    "nginx": {"topology": "nginx", "asgi_nodes": 1, "asgi_workers": 2, "web_nodes": 1},
    "scale-out": {"topology": "nginx", "asgi_nodes": 2, "asgi_workers": 1, "web_nodes": 2},
}


async def wait_until(condition, seconds: float) -> None:
    limit = time.perf_counter() + seconds
    while time.perf_counter() < limit and not condition():
        await asyncio.sleep(0.01)


async def run_session(stack: Stack, args, username: str, bank: list[int]) -> dict:
    base = f"http://127.0.0.1:{stack.port}"
    rng = random.Random(args.seed)
    # Servers here are warm, as in a class: each worker has served pages before.
    warm = [Phone(-1, base, "", rng) for _ in range(16)]
    await asyncio.gather(*(in_thread(p.browser.get, "/live/", "warm-up") for p in warm))
    teacher = Instructor(base, username)
    await in_thread(teacher.open_session, bank)
    await teacher.connect_screen()

    phones = [Phone(i, base, teacher.pin, random.Random(rng.random())) for i in range(args.phones)]

    async def arrive(phone):
        await asyncio.sleep(rng.uniform(0, args.arrival))
        await phone.join()

    join_started = time.perf_counter()
    await asyncio.gather(*(arrive(phone) for phone in phones))
    join_seconds = time.perf_counter() - join_started
    playing = [p for p in phones if p.joined_in is not None]
    await asyncio.sleep(1)

    timeline = {"next": [], "reveal": [], "end": None}
    for position in range(len(bank)):
        sent = await teacher.command("next")
        await wait_until(lambda pos=position: all(pos in p.seen for p in playing), 20)
        timeline["next"].append(sent)
        await asyncio.gather(*(phone.play(position) for phone in playing))
        last_answer = max((p.last_sent.get(position, 0) for p in playing), default=0)
        await wait_until(lambda pos=position: all(pos in p.revealed for p in playing), 5)
        if not all(position in p.revealed for p in playing):  # someone's answer failed
            last_answer = await teacher.command("reveal")
            await wait_until(lambda pos=position: all(pos in p.revealed for p in playing), 20)
        timeline["reveal"].append(last_answer)
        await asyncio.sleep(1.0)  # the instructor talks over the answer
    timeline["end"] = await teacher.command("next")
    await wait_until(lambda: all(p.ended_at for p in playing), 20)
    await asyncio.sleep(1)

    figures = await in_thread(live_figures, teacher, phones, timeline, join_seconds)
    await asyncio.gather(*(p.close() for p in phones), teacher.close(), return_exceptions=True)
    await asyncio.sleep(1)
    figures["websocket_upgrades_per_node"] = stack.websocket_nodes() or None
    return figures


def run(label: str, args, username: str, bank: list[int]) -> dict:
    env = server_env(pool=args.pool == "on")
    with Stack(env, **TOPOLOGIES[label]) as stack:
        database = urlparse(DB_URL).path.lstrip("/")
        with Sampler(DB_URL, database, stack.roots) as sampler:
            figures = asyncio.run(run_session(stack, args, username, bank))
        pg = sampler.summary()
        return {
            "scenario": label,
            "servers": stack.describe(),
            "pool": args.pool,
            "phones": args.phones,
            "questions": len(bank),
            **figures,
            "pg_connections_peak": pg["pg_connections_peak"],
            "cpu_seconds": pg["cpu_seconds"],
            "uptime": uptime(),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--questions", type=int, default=13)
    parser.add_argument("--arrival", type=float, default=10.0, help="phones arrive over N s")
    parser.add_argument("--topology", default="uvicorn", choices=[*TOPOLOGIES, "both", "all"])
    parser.add_argument("--pool", default="on", choices=["on", "off"])
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    env = server_env()
    ensure_database(env)
    setup_django(env)
    labels = {"both": ["uvicorn", "nginx"], "all": list(TOPOLOGIES)}.get(
        args.topology, [args.topology]
    )
    print(f"# {uptime()}", flush=True)
    for label in labels:
        username, bank = make_instructor_and_bank(args.questions)
        print(json.dumps(run(label, args, username, bank), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
