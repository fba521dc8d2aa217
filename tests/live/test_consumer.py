"""Every WebSocket message type through the real ASGI stack (origin check,
session auth, routing) on the configured channel layer: in memory by default,
Redis when REDIS_URL is set (the CI run)."""

import json

import pytest

from assessments.live import actions
from assessments.live.models import LiveAnswer, LiveSession, Participant, Status
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent

from .conftest import on_phone, phone, right_answer, screen, wrong_answer

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The body only: creating the test database under load is not the test.
    pytest.mark.timeout(120, func_only=True),
]


@pytest.fixture
def room(session, instructor, sockets, client):
    ann = actions.do_join(session, name="An")
    bao = actions.do_join(session, name="Bảo")
    ann_ws, ann_state = phone(sockets, ann)
    bao_ws, _ = phone(sockets, bao)
    teacher, teacher_state = screen(sockets, session, instructor, client)
    return {
        "session": session,
        "ann": ann,
        "bao": bao,
        "ann_ws": ann_ws,
        "bao_ws": bao_ws,
        "teacher": teacher,
        "ann_state": ann_state,
        "teacher_state": teacher_state,
    }


def test_connect_sends_state_with_personal_part(room):
    state = room["ann_state"]
    assert state["status"] == "lobby" and state["me"]["name"] == "An"
    assert state["me"]["rejoin_code"] == room["ann"].rejoin_code
    assert (
        "extras" in room["teacher_state"] and room["teacher_state"]["extras"]["participants"] == 2
    )


def test_without_a_token_the_phone_is_refused_with_a_message(session, sockets):
    socket = sockets(f"/ws/live/{session.pk}/play/", {})
    assert socket.connect()
    assert socket.receive()["code"] == "not_participant"


def test_a_participant_cannot_open_the_instructor_screen(session, sockets, make_user, client):
    learner = make_user(Role.LEARNER)
    client.force_login(learner)
    from django.conf import settings

    socket = sockets(
        f"/ws/live/{session.pk}/screen/",
        {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value},
    )
    assert socket.connect()
    assert socket.receive()["code"] == "forbidden"


def test_ping_sync_and_tick(room):
    ws = room["ann_ws"]
    ws.send({"type": "ping"})
    assert ws.receive()["type"] == "pong"
    ws.send({"type": "sync"})
    assert ws.receive()["type"] == "state"
    ws.send({"type": "tick"})
    assert ws.nothing()


def test_next_answer_ack_count_reveal_and_end(room):
    session, teacher, ann_ws, bao_ws = (
        room["session"],
        room["teacher"],
        room["ann_ws"],
        room["bao_ws"],
    )
    teacher.send({"type": "next", "rev": room["teacher_state"]["rev"]})
    question = ann_ws.receive_until("state", status="question")
    assert question["question"]["position"] == 0 and "stem" in question["question"]
    assert "reveal" in question and question["reveal"] is None  # no key before the reveal
    teacher.receive_until("state", status="question")
    bao_ws.receive_until("state", status="question")

    ann, bao = room["ann"], room["bao"]
    right = on_phone(ann, 0, right_answer(session, 0))
    ann_ws.send({"type": "answer", "q": 0, "response": right, "id": "x1"})
    ack = ann_ws.receive_until("ack")
    assert ack["id"] == "x1" and not ack["duplicate"] and ack["q"] == 0
    assert ack["answer"] == {"q": 0, "response": right}  # received, and nothing more
    assert teacher.receive_until("count")["count"] == 1
    # The same answer again (a retry after a reconnect) is acknowledged, not stored twice.
    wrong = on_phone(ann, 0, wrong_answer(session, 0))
    ann_ws.send({"type": "answer", "q": 0, "response": wrong, "id": "x2"})
    dup = ann_ws.receive_until("ack")
    assert dup["duplicate"] and dup["answer"]["response"] == right
    assert LiveAnswer.objects.count() == 1
    assert LiveAnswer.objects.get().response == right_answer(session, 0)  # mapped back to ids

    bao_ws.send({"type": "answer", "q": 0, "response": on_phone(bao, 0, wrong_answer(session, 0))})
    bao_ws.receive_until("ack")
    reveal = ann_ws.receive_until("state", status="reveal")  # everyone answered
    assert reveal["me"]["answer"]["correct"] is True and reveal["me"]["rank"] == 1
    assert reveal["reveal"]["answered"] == 2 and reveal["top"][0]["name"] == "An"
    assert sum(d["count"] for d in reveal["reveal"]["distribution"]) == 2

    teacher.send({"type": "end"})
    ended = bao_ws.receive_until("state", status="ended")
    assert ended["me"]["rank"] == 2
    assert LiveSession.objects.get(pk=session.pk).status == Status.ENDED


def test_bad_messages_get_errors_and_the_connection_survives(room):
    session, ws = room["session"], room["ann_ws"]
    cases = [
        ("not json", "malformed"),
        (json.dumps([1, 2]), "malformed"),
        (json.dumps({"no": "type"}), "malformed"),
        (json.dumps({"type": "dance"}), "unknown_type"),
        (json.dumps({"type": "answer", "q": 0, "response": "x" * 5000}), "too_large"),
        (json.dumps({"type": "answer", "q": 0}), "malformed"),
        (json.dumps({"type": "answer", "q": 0, "response": "1"}), "not_accepting"),
        (json.dumps({"type": "next"}), "forbidden"),
        (json.dumps({"type": "reveal"}), "forbidden"),
        (json.dumps({"type": "end"}), "forbidden"),
        (json.dumps({"type": "lock", "locked": True}), "forbidden"),
        (json.dumps({"type": "remove", "participant": room["bao"].pk}), "forbidden"),
        (json.dumps({"type": "extra_time", "participant": 1, "seconds": 9}), "forbidden"),
    ]
    for text, code in cases:
        ws.send(text)
        reply = ws.receive()
        assert reply["type"] == "error" and reply["code"] == code, (text[:40], reply)
        assert reply["message"]
    ws.send_bytes(b"\x00\x01")
    assert ws.receive()["code"] == "malformed"

    room["teacher"].send({"type": "next"})
    ws.receive_until("state", status="question")
    for body, code in [
        ({"type": "answer", "q": 1, "response": right_answer(session, 1)}, "wrong_question"),
        ({"type": "answer", "q": "0", "response": "1"}, "malformed"),
        ({"type": "answer", "q": 0, "response": "no-such"}, "bad_answer"),
        ({"type": "answer", "q": 0, "response": {"a": 1}}, "bad_answer"),
    ]:
        ws.send(body)
        assert ws.receive_until("error")["code"] == code
    LiveSession.objects.filter(pk=session.pk).update(question_deadline="2000-01-01T00:00Z")
    ws.send(
        {"type": "answer", "q": 0, "response": on_phone(room["ann"], 0, right_answer(session, 0))}
    )
    assert ws.receive_until("error")["code"] == "time_up"
    assert not LiveAnswer.objects.exists()
    ws.send({"type": "ping"})
    assert ws.receive_until("pong")
    session.refresh_from_db()
    assert session.status == Status.QUESTION  # no participant command got through


def test_lock_remove_and_extra_time(room):
    teacher, session = room["teacher"], room["session"]
    teacher.send({"type": "lock", "locked": True})
    assert teacher.receive_until("state")["locked"] is True
    teacher.send({"type": "extra_time", "participant": room["ann"].pk, "seconds": 15})
    teacher.send({"type": "remove", "participant": room["bao"].pk})
    assert room["bao_ws"].receive_until("removed")
    roster = teacher.receive_until("roster")
    assert roster["removed"] == room["bao"].pk and roster["participants"] == 1
    assert Participant.objects.get(pk=room["ann"].pk).extra_seconds == 15
    assert Participant.objects.get(pk=room["bao"].pk).removed
    removal = AuditEvent.objects.get(verb="live.participant_removed")
    assert removal.target_id == str(room["bao"].pk) and removal.actor == room["session"].instructor
    assert removal.extra["name"] == "Bảo"
    assert AuditEvent.objects.filter(verb="live.extra_time_given").count() == 1
    teacher.send({"type": "remove", "participant": 999999})
    assert teacher.receive_until("error")["code"] == "no_participant"
    teacher.send({"type": "lock", "locked": "yes"})
    assert teacher.receive_until("error")["code"] == "malformed"
    assert session.participants.count() == 2


def test_reconnecting_phone_gets_the_current_question_and_its_answer(room, sockets):
    session = room["session"]
    room["teacher"].send({"type": "next"})
    room["ann_ws"].receive_until("state", status="question")
    right = on_phone(room["ann"], 0, right_answer(session, 0))
    room["ann_ws"].send({"type": "answer", "q": 0, "response": right})
    room["ann_ws"].receive_until("ack")
    room["ann_ws"].close()
    _again, state = phone(sockets, room["ann"])
    assert state["status"] == "question" and state["question"]["position"] == 0
    assert state["me"]["answer"] == {"q": 0, "response": right}  # "recorded", not the choices


def test_two_sessions_never_see_each_others_events(room, make_session, sockets, instructor, client):
    other = make_session(title="Lớp khác")
    stranger = actions.do_join(other, name="Người lạ")
    stranger_ws, _ = phone(sockets, stranger)
    other_teacher, _ = screen(sockets, other, instructor, client)
    room["teacher"].send({"type": "next"})
    room["ann_ws"].receive_until("state", status="question")
    right = on_phone(room["ann"], 0, right_answer(room["session"], 0))
    room["ann_ws"].send({"type": "answer", "q": 0, "response": right})
    room["ann_ws"].receive_until("ack")
    assert stranger_ws.nothing(0.5)
    assert other_teacher.nothing(0.2)


def test_a_phone_may_not_use_another_sessions_token(room, make_session, sockets):
    other = make_session()
    from assessments.live.actions import cookie_name

    socket = sockets(f"/ws/live/{other.pk}/play/", {cookie_name(other.pk): room["ann"].token})
    assert socket.connect()
    assert socket.receive()["code"] == "not_participant"


def test_a_screen_cannot_answer_and_only_reads_what_anyone_connected_may(room):
    """Every message kind from the instructor's screen: commands run (tested
    above), an answer is refused and stores nothing, sync/ping/tick answer."""
    teacher, session = room["teacher"], room["session"]
    teacher.send({"type": "next"})
    teacher.receive_until("state", status="question")
    teacher.send({"type": "answer", "q": 0, "response": right_answer(session, 0)})
    assert teacher.receive_until("error")["code"] == "forbidden"
    assert not LiveAnswer.objects.exists()
    teacher.send({"type": "ping"})
    assert teacher.receive_until("pong")
    teacher.send({"type": "sync"})
    assert "extras" in teacher.receive_until("state")
    teacher.send({"type": "dance"})
    assert teacher.receive_until("error")["code"] == "unknown_type"


def test_a_phone_connects_without_reading_the_site_session(session, sockets, client, make_user):
    """A thousand phones connect at once: the phone's token is its identity, so
    its connection never reads the sign-in session (a read that every
    connection would otherwise queue for, one at a time, in one thread)."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from assessments.live.actions import cookie_name

    ann = actions.do_join(session, name="An")
    client.force_login(make_user(Role.LEARNER))
    reads = []
    load = SessionStore.load

    def counted_load(store):
        reads.append(store.session_key)
        return load(store)

    SessionStore.load = counted_load
    try:
        socket = sockets(
            f"/ws/live/{session.pk}/play/",
            {
                cookie_name(session.pk): ann.token,
                settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
            },
        )
        assert socket.connect()
        assert socket.receive()["me"]["name"] == "An"
    finally:
        SessionStore.load = load
    assert reads == []
