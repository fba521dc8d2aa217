"""Fixtures for live sessions: a small bank of live-friendly questions, an
instructor, a session, and helpers to talk to the real ASGI stack."""

import asyncio
import contextlib
import gc
import json
import threading

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings

from assessments.live import actions, state
from assessments.live.actions import cookie_name
from assessments.scoring import correct_response
from assessments.scoring.spec import Choice, NumericAnswer, OrderItem, QuestionSpec
from lms.accounts.roles import Role
from tests.assessments.conftest import bank, framework, make_question, make_quiz  # noqa: F401

ORIGIN = (b"origin", b"http://testserver")


def live_specs():
    return [
        QuestionSpec(
            id="",
            qtype="single",
            choices=(
                Choice("1", "Từ chối và gác máy", 1.0),
                Choice("2", "Đọc mã OTP cho họ", 0.0),
                Choice("3", "Gửi mã qua tin nhắn", 0.0),
            ),
        ),
        QuestionSpec(
            id="",
            qtype="truefalse",
            choices=(Choice("true", "True", 1.0), Choice("false", "False", 0.0)),
        ),
        QuestionSpec(
            id="",
            qtype="multiple",
            choices=(
                Choice("1", "Mật khẩu dài", 0.5),
                Choice("2", "Xác thực hai lớp", 0.5),
                Choice("3", "Dùng ngày sinh", 0.0),
            ),
        ),
        QuestionSpec(
            id="",
            qtype="ordering",
            items=(OrderItem("1", "Mở VNeID"), OrderItem("2", "Đăng nhập"), OrderItem("3", "Nộp")),
        ),
        QuestionSpec(id="", qtype="numerical", numeric_answers=(NumericAnswer(115, 0, 1.0),)),
    ]


@pytest.fixture
def live_questions(make_question):  # noqa: F811
    return [make_question(spec) for spec in live_specs()]


@pytest.fixture
def instructor(make_user):
    return make_user(Role.INSTRUCTOR, audience="", full_name="Cô Lan")


@pytest.fixture
def make_session(instructor, live_questions):
    def make(**options):
        return actions.do_start_session(
            instructor,
            questions=live_questions,
            options=actions.SessionOptions(**options),
        )

    return make


@pytest.fixture
def session(make_session):
    return make_session(title="Lớp An toàn số", seconds_per_question=30)


def _spec(session, position):
    return session.questions.get(position=position).question_version.question_spec


def right_answer(session, position):
    """A response that earns full credit on the question at ``position``."""
    spec = _spec(session, position)
    key = correct_response(spec)
    if spec.qtype == "multiple":
        return sorted(key)
    if spec.qtype == "ordering":
        return list(key)
    if spec.qtype == "numerical":
        return str(int(key))
    return key


def wrong_answer(session, position):
    spec = _spec(session, position)
    if spec.qtype in ("single", "multiple"):
        wrong = next(c.id for c in spec.choices if c.fraction <= 0)
        return wrong if spec.qtype == "single" else [wrong]
    if spec.qtype == "truefalse":
        return "false"
    if spec.qtype == "ordering":
        return [item.id for item in reversed(spec.items)]
    return "113"


def on_phone(participant, position, response):
    """``response`` (option ids) as that participant's phone sends it: places
    on its screen (see ``assessments.live.phone_options``)."""
    session = participant.session
    question = session.questions.select_related("question_version").get(position=position)
    return state.phone_response(session, participant.pk, question, response)


class Socket:
    """A WebsocketCommunicator driven from sync test code. Every call runs on
    one event loop in a background thread, where the application task lives."""

    def __init__(self, loop, path, cookies: dict):
        from lms.asgi import application

        self.loop = loop
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()
        self.comm = WebsocketCommunicator(application, path, headers=[ORIGIN, (b"cookie", cookie)])

    def _run(self, coro, timeout=30):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def connect(self):
        connected, _code = self._run(self.comm.connect(timeout=10))
        return connected

    def send(self, data):
        text = data if isinstance(data, str) else json.dumps(data)
        self._run(self.comm.send_to(text_data=text))

    def send_bytes(self, data: bytes):
        self._run(self.comm.send_to(bytes_data=data))

    def receive(self, timeout=5):
        return json.loads(self._run(self.comm.receive_from(timeout=timeout)))

    def receive_until(self, kind, timeout=5, **match):
        for _ in range(50):
            message = self.receive(timeout)
            if message.get("type") == kind and all(message.get(k) == v for k, v in match.items()):
                return message
        raise AssertionError(f"no {kind} message")

    def nothing(self, timeout=0.3):
        return self._run(self.comm.receive_nothing(timeout=timeout))

    def close(self):
        self._run(self.comm.disconnect(), timeout=10)


@contextlib.contextmanager
def socket_loop():
    """An event loop in a background thread, shut down whole afterwards: the
    consumers' database calls run in the loop's executor threads, and each keeps
    its own database connection until its thread ends. A loop only stopped
    would keep those threads, and their PostgreSQL sessions, until the run ends."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield loop
    finally:
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(loop.shutdown_default_executor(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        if not thread.is_alive():
            loop.close()
        # An ended thread's connection sits in reference cycles (the database
        # wrapper and its helpers): collect them now, which closes the session.
        gc.collect()


@pytest.fixture
def sockets():
    opened = []
    with socket_loop() as loop:

        def open_socket(path, cookies):
            socket = Socket(loop, path, cookies)
            opened.append(socket)
            return socket

        yield open_socket
        for socket in opened:
            with contextlib.suppress(Exception):  # already closed by the server
                socket.close()


def phone(sockets, participant):
    socket = sockets(
        f"/ws/live/{participant.session_id}/play/",
        {cookie_name(participant.session_id): participant.token},
    )
    assert socket.connect()
    first = socket.receive()
    assert first["type"] == "state"
    return socket, first


def screen(sockets, session, user, client):
    client.force_login(user)
    socket = sockets(
        f"/ws/live/{session.pk}/screen/",
        {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value},
    )
    assert socket.connect()
    first = socket.receive()
    assert first["type"] == "state"
    return socket, first
