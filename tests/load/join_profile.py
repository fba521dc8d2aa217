"""In-process cost of one phone joining a live session, step by step (issue 14 §5):

    python -m tests.load.join_profile [--phones 50] [--profile join_post] [--top 25]

Runs the real ASGI application (lms.asgi, settings lms.settings.bench) on the
load database (LOAD_DATABASE_URL / LOAD_REDIS_URL, see environment.py) without
HTTP: for each phone the join form GET, its POST, the play page, then the
WebSocket connect and its first state message. Prints, per step, CPU ms per
phone, SQL queries per phone and Redis commands per phone (cache and channel
layer), and with --profile the cProfile of one step."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import pstats
import re
import time
from collections import Counter

from .environment import ensure_database, server_env, setup_django

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_HANDLER: dict = {}
_CONTEXT_SIZES: list = []
_NUMBERS = itertools.count(1)
STEPS = ("join_get", "join_post", "play", "ws_connect")


class Tally:
    """SQL queries and Redis commands, by step."""

    def __init__(self):
        self.step = None
        self.sql = Counter()
        self.redis = Counter()
        self.cpu = Counter()
        self.commands = Counter()

    async def timed(self, name: str, coro_factory, profile: cProfile.Profile | None):
        """Await ``coro_factory()`` as step ``name``: its CPU, queries and Redis
        commands counted under that name, profiled when ``profile`` is given."""
        self.step = name
        if profile:
            profile.enable()
        started = time.process_time()
        try:
            return await coro_factory()
        finally:
            self.cpu[name] += time.process_time() - started
            if profile:
                profile.disable()
            self.step = None

    def install(self):
        import redis
        import redis.asyncio
        from django.db import connection
        from django.db.backends.signals import connection_created

        tally = self

        def sql_wrapper(execute, sql, params, many, context):
            if tally.step:
                tally.sql[tally.step] += 1
            return execute(sql, params, many, context)

        def hook(conn):
            conn.execute_wrappers.append(sql_wrapper)

        connection_created.connect(lambda connection, **kw: hook(connection), weak=False)
        if connection.connection is not None:
            hook(connection)

        sync_execute = redis.Redis.execute_command
        async_execute = redis.asyncio.Redis.execute_command

        def counted_sync(client, *args, **kwargs):
            tally._note_redis(args)
            return sync_execute(client, *args, **kwargs)

        async def counted_async(client, *args, **kwargs):
            tally._note_redis(args)
            return await async_execute(client, *args, **kwargs)

        redis.Redis.execute_command = counted_sync
        redis.asyncio.Redis.execute_command = counted_async

    def _note_redis(self, args):
        if self.step:
            self.redis[self.step] += 1
            self.commands[(self.step, str(args[0]))] += 1


async def one_phone(application, pin: str, tally: Tally, profile: cProfile.Profile | None, which):
    from channels.testing import WebsocketCommunicator
    from django.test import AsyncClient

    client = AsyncClient()
    # One handler for every phone, as in a server process (middleware loaded once).
    client.handler = _HANDLER.setdefault("handler", client.handler)

    def step(name, coro_factory):
        return tally.timed(name, coro_factory, profile if which == name else None)

    page = await step("join_get", lambda: client.get("/live/"))
    assert page.status_code == 200, page.status_code
    token = CSRF_INPUT.search(page.content.decode()).group(1)
    form = {"csrfmiddlewaretoken": token, "pin": pin, "name": f"Người {next(_NUMBERS)}", "key": ""}
    form["rejoin_code"] = ""
    posted = await step("join_post", lambda: client.post("/live/", form))
    assert posted.status_code == 302, (posted.status_code, posted.content[:400])
    play_url = posted["Location"]
    played = await step("play", lambda: client.get(play_url))
    assert played.status_code == 200, played.status_code
    session_id = int(play_url.rstrip("/").rsplit("/", 1)[-1])
    cookie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    headers = [(b"cookie", cookie.encode()), (b"origin", b"http://127.0.0.1")]
    headers.append((b"host", b"127.0.0.1"))

    async def connect():
        socket = WebsocketCommunicator(application, f"/ws/live/{session_id}/play/", headers)
        connected, _ = await socket.connect()
        assert connected
        first = await socket.receive_json_from(timeout=10)
        assert first["type"] == "state", first
        return socket

    socket = await step("ws_connect", connect)
    import contextvars

    names = Counter(var.name for var in contextvars.copy_context())
    _CONTEXT_SIZES.append((len(names), names.most_common(3)))
    return socket


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--profile", choices=STEPS)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--commands", action="store_true", help="Redis commands by name")
    args = parser.parse_args()
    env = server_env(ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
    ensure_database(env)
    setup_django(env)

    from asgiref.sync import sync_to_async

    from lms.asgi import application

    from .instructor import make_instructor_and_bank

    username, bank = make_instructor_and_bank(1)
    session = _open_session(username, bank)
    tally = Tally()
    tally.install()
    profile = cProfile.Profile(time.thread_time) if args.profile else None
    thread_profiles: list[cProfile.Profile] = []
    if profile:
        _profile_threads(tally, args.profile, thread_profiles)

    async def run():
        sockets = [await one_phone(application, session.pin, tally, None, None)]  # warm
        tally.sql.clear(), tally.redis.clear(), tally.cpu.clear(), tally.commands.clear()
        for _ in range(args.phones):
            sockets.append(await one_phone(application, session.pin, tally, profile, args.profile))
        for socket in sockets:
            await socket.disconnect()
        await sync_to_async(lambda: None)()

    asyncio.run(run())
    n = args.phones
    for name in STEPS:
        print(
            f"{name:11s} cpu {1000 * tally.cpu[name] / n:6.2f} ms  "
            f"sql {tally.sql[name] / n:5.2f}  redis {tally.redis[name] / n:5.2f}"
        )
    print("context vars in the loop's context, first/last:", _CONTEXT_SIZES[0], _CONTEXT_SIZES[-1])
    total = sum(tally.cpu.values())
    print(f"{'total':11s} cpu {1000 * total / n:6.2f} ms per phone ({n} phones)")
    if args.commands:
        for (name, command), count in sorted(tally.commands.items()):
            print(f"  {name:11s} {command:20s} {count / n:5.2f}")
    if profile:
        print_profile(profile, thread_profiles, args.sort, args.top)


def print_profile(profile, thread_profiles, sort: str, top: int) -> pstats.Stats:
    """The loop's profile with its threads' added, sorted and printed."""
    stats = pstats.Stats(profile)
    for extra in thread_profiles:
        stats.add(extra)
    stats.sort_stats(sort).print_stats(top)
    return stats


def _profile_threads(tally: Tally, which: str, found: list) -> None:
    """cProfile sees one thread: profile what sync_to_async runs in its threads too."""
    from asgiref.sync import SyncToAsync

    original = SyncToAsync.thread_handler

    def thread_handler(self, *args, **kwargs):
        if tally.step != which:
            return original(self, *args, **kwargs)
        profile = cProfile.Profile(time.thread_time)
        found.append(profile)
        return profile.runcall(original, self, *args, **kwargs)

    SyncToAsync.thread_handler = thread_handler


def _open_session(username, bank):
    from django.contrib.auth import get_user_model

    from assessments.live import actions
    from assessments.models import Question

    user = get_user_model().objects.get(username=username)
    return actions.do_start_session(
        user,
        quiz=None,
        questions=list(Question.objects.filter(pk__in=bank)),
        options=actions.SessionOptions(title="Hồ sơ"),
    )


if __name__ == "__main__":
    main()
