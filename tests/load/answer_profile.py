"""In-process cost of a live question's moments, per phone (issue 14 §5):

    python -m tests.load.answer_profile [--phones 60] [--questions 3]
                                        [--profile answer|next|reveal|end] [--sort tottime]

Runs the real ASGI application (lms.asgi, settings lms.settings.bench) on the
load database (LOAD_DATABASE_URL / LOAD_REDIS_URL, see environment.py) without
HTTP: the phones join (actions, not measured here: see join_profile.py), open
their WebSockets, and the instructor's screen is connected as on the control
page. Then, per question: "next" (the screen's command until every phone has
the question), "answer" (each phone in turn sends its answer and waits for the
ack; every 20th taps twice; one phone stays silent so the question stays
open), "reveal" (the command until every phone has its result); finally "end".

Prints per step CPU ms per phone (every thread of this process: the consumers,
their database threads and the channel layer), SQL queries, Redis commands,
sync_to_async and async_to_sync hops per phone, and the messages the screen
got; with --profile the cProfile of one step (threads included)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import time
from collections import Counter

from .environment import ensure_database, server_env, setup_django
from .join_profile import Tally, _profile_threads, print_profile

STEPS = ("next", "answer", "reveal", "end")
ORIGIN = (b"origin", b"http://127.0.0.1")
HOST = (b"host", b"127.0.0.1")


class Hops(Counter):
    """sync_to_async and async_to_sync calls, by step."""

    def install(self, tally: Tally) -> None:
        from asgiref.sync import AsyncToSync, SyncToAsync

        hops = self
        sync_call, async_call = SyncToAsync.__call__, AsyncToSync.__call__

        async def counted_sync(wrapper, *args, **kwargs):
            if tally.step:
                hops[(tally.step, "sync_to_async")] += 1
            return await sync_call(wrapper, *args, **kwargs)

        def counted_async(wrapper, *args, **kwargs):
            if tally.step:
                hops[(tally.step, "async_to_sync")] += 1
            return async_call(wrapper, *args, **kwargs)

        SyncToAsync.__call__ = counted_sync
        AsyncToSync.__call__ = counted_async


class Screen:
    """The instructor's control page: sends commands, keeps what it hears."""

    def __init__(self, socket):
        self.socket = socket
        self.rev = 0
        self.status = ""
        self.counts: dict[int, int] = {}
        self.heard = Counter()

    async def drain(self) -> None:
        while not await self.socket.receive_nothing(timeout=0.001):
            self.note(await self.socket.receive_json_from())

    def note(self, message: dict) -> None:
        self.heard[message["type"]] += 1
        if message["type"] == "state":
            self.rev, self.status = message["rev"], message["status"]
        elif message["type"] == "count" and message.get("q") is not None:
            self.counts[message["q"]] = max(self.counts.get(message["q"], 0), message["count"])

    async def wait_for(self, status: str) -> None:
        while self.status != status:
            self.note(await self.socket.receive_json_from(timeout=30))

    async def command(self, kind: str) -> None:
        await self.drain()
        await self.socket.send_json_to({"type": kind, "rev": self.rev})


async def state_with(socket, status: str) -> dict:
    """The phone's next state message in ``status`` (acks, counts skipped)."""
    while True:
        message = await socket.receive_json_from(timeout=30)
        if message.get("type") == "state" and message["status"] == status:
            return message


async def run(application, args, session, screen_cookie, phones, tally, hops, profile):
    from channels.testing import WebsocketCommunicator

    from assessments.live.actions import cookie_name

    def socket(path, cookie):
        return WebsocketCommunicator(application, path, [(b"cookie", cookie), ORIGIN, HOST])

    screen_socket = socket(f"/ws/live/{session.pk}/screen/", screen_cookie)
    assert (await screen_socket.connect())[0]
    screen = Screen(screen_socket)
    screen.note(await screen_socket.receive_json_from(timeout=10))
    sockets = []
    for participant in phones:
        cookie = f"{cookie_name(session.pk)}={participant.token}".encode()
        phone = socket(f"/ws/live/{session.pk}/play/", cookie)
        assert (await phone.connect())[0]
        assert (await phone.receive_json_from(timeout=10))["type"] == "state"
        sockets.append(phone)

    def step(name, coro_factory):
        return tally.timed(name, coro_factory, profile if args.profile == name else None)

    async def everyone(status):
        await screen.wait_for(status)
        return await asyncio.gather(*(state_with(s, status) for s in sockets))

    async def answer_all(position, options):
        # The last phone stays silent: the question stays open until the reveal.
        for n, phone in enumerate(sockets[:-1]):
            taps = 2 if n % 20 == 7 else 1
            for tap in range(taps):
                await phone.send_json_to(
                    {"type": "answer", "q": position, "response": options[n % 4], "id": str(tap)}
                )
            for _tap in range(taps):
                while (message := await phone.receive_json_from(timeout=30))["type"] != "ack":
                    assert message["type"] != "error", message
            await screen.drain()

    answers = 0
    for position in range(args.questions):
        await screen.command("next")
        states = await step("next", lambda: everyone("question"))
        options = [o["value"] for o in states[0]["question"]["options"]]
        await step("answer", lambda p=position, o=options: answer_all(p, o))
        answers += len(sockets) - 1
        await screen.command("next")
        await step("reveal", lambda: everyone("reveal"))
        # The coalesced count's last message may follow the reveal: it must come.
        with contextlib.suppress(TimeoutError):
            while screen.counts.get(position, 0) < len(sockets) - 1:
                screen.note(await screen_socket.receive_json_from(timeout=5))
    await screen.command("next")
    await step("end", lambda: everyone("ended"))
    for phone in [screen_socket, *sockets]:
        await phone.disconnect()
    return screen, answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=60)
    parser.add_argument("--questions", type=int, default=3)
    parser.add_argument("--profile", choices=STEPS)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--commands", action="store_true", help="Redis commands by name")
    parser.add_argument("--dump", help="also write the profile's stats to this file")
    args = parser.parse_args()
    env = server_env(ALLOWED_HOSTS="127.0.0.1,localhost,testserver")
    ensure_database(env)
    setup_django(env)

    from asgiref.sync import sync_to_async
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from assessments.live import actions
    from assessments.live.models import LiveAnswer
    from lms.asgi import application

    from .instructor import make_instructor_and_bank
    from .join_profile import _open_session

    username, bank = make_instructor_and_bank(args.questions)
    session = _open_session(username, bank)
    phones = [actions.do_join(session, name=f"Máy {n}") for n in range(args.phones)]
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    screen_cookie = (
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    )

    tally, hops = Tally(), Hops()
    tally.install()
    hops.install(tally)
    profile = cProfile.Profile(time.thread_time) if args.profile else None
    thread_profiles: list[cProfile.Profile] = []
    if profile:
        _profile_threads(tally, args.profile, thread_profiles)

    async def main_run():
        found = await run(
            application, args, session, screen_cookie.encode(), phones, tally, hops, profile
        )
        await sync_to_async(lambda: None)()
        return found

    screen, answers = asyncio.run(main_run())
    per = {"next": args.phones * args.questions, "answer": answers}
    per |= {"reveal": args.phones * args.questions, "end": args.phones}
    for name in STEPS:
        n = per[name]
        print(
            f"{name:7s} cpu {1000 * tally.cpu[name] / n:6.2f} ms  "
            f"sql {tally.sql[name] / n:5.2f}  redis {tally.redis[name] / n:5.2f}  "
            f"sync_to_async {hops[(name, 'sync_to_async')] / n:4.2f}  "
            f"async_to_sync {hops[(name, 'async_to_sync')] / n:4.2f}  per phone"
        )
    stored = LiveAnswer.objects.filter(session=session).count()
    print(f"answers {answers} stored {stored}; screen heard {dict(screen.heard)}")
    print(f"screen's last counts {screen.counts}")
    if args.commands:
        for (name, command), count in sorted(tally.commands.items()):
            print(f"  {name:7s} {command:20s} {count / per[name]:5.2f}")
    if profile:
        stats = print_profile(profile, thread_profiles, args.sort, args.top)
        if args.dump:
            stats.dump_stats(args.dump)


if __name__ == "__main__":
    main()
