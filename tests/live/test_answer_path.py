"""The answer's hot path through the real ASGI stack (issue 14 §5): what one
answer and one state delivery cost in thread hops and statements, and the
screens' coalesced answer counts."""

import contextlib

import pytest
from asgiref.sync import SyncToAsync
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.live import actions
from assessments.live.models import LiveAnswer

from .conftest import on_phone, phone, right_answer, screen, wrong_answer

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.timeout(120, func_only=True),
]


@contextlib.contextmanager
def thread_hops():
    """Counts sync_to_async calls (each a trip to a thread and back) in any thread."""
    hops = []
    original = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        hops.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await original(self, *args, **kwargs)

    SyncToAsync.__call__ = counted
    try:
        yield hops
    finally:
        SyncToAsync.__call__ = original


@pytest.fixture
def hall(session, instructor, sockets, client):
    people = [actions.do_join(session, name=f"Người {n}") for n in range(3)]
    phones = [phone(sockets, person)[0] for person in people]
    teacher, first = screen(sockets, session, instructor, client)
    teacher.send({"type": "next", "rev": first["rev"]})
    for socket in [*phones, teacher]:
        socket.receive_until("state", status="question")
    return {"session": session, "people": people, "phones": phones, "teacher": teacher}


def test_an_answer_takes_one_trip_to_a_thread_and_a_state_none_per_phone(hall):
    session, people, phones, teacher = (
        hall["session"],
        hall["people"],
        hall["phones"],
        hall["teacher"],
    )
    response = on_phone(people[0], 0, right_answer(session, 0))
    with thread_hops() as hops:
        phones[0].send({"type": "answer", "q": 0, "response": response, "id": "a"})
        assert phones[0].receive_until("ack")["id"] == "a"
    assert len(hops) == 1, hops
    teacher.receive_until("count")
    with thread_hops() as hops:
        teacher.send({"type": "reveal"})
        for socket in phones:
            socket.receive_until("state", status="reveal")
        teacher.receive_until("state", status="reveal")
    # The command, and the screen's own extras: nothing per phone.
    assert len(hops) == 2, hops


def test_the_screens_last_count_is_the_number_of_stored_answers(hall):
    session, people, phones, teacher = (
        hall["session"],
        hall["people"],
        hall["phones"],
        hall["teacher"],
    )
    for person, socket in zip(people[:2], phones, strict=False):
        for tap in ("1", "2"):  # a double tap is stored once and counted once
            response = on_phone(person, 0, wrong_answer(session, 0))
            socket.send({"type": "answer", "q": 0, "response": response, "id": tap})
        socket.receive_until("ack", id="1")
        assert socket.receive_until("ack", id="2")["duplicate"] is True
    counts = [teacher.receive_until("count")["count"]]
    while counts[-1] < 2:
        counts.append(teacher.receive_until("count")["count"])
    assert counts == sorted(counts) and counts[-1] == 2
    assert LiveAnswer.objects.filter(session=session).count() == 2
    assert teacher.nothing()


def test_an_answer_reads_one_row_and_writes_in_one_statement_on_postgresql(hall):
    session, first, person = hall["session"], hall["people"][0], hall["people"][1]
    # The first answer after the joins counts the hall once (livecache.active_participants).
    actions.do_answer(first, 0, right_answer(session, 0))
    response = on_phone(person, 0, right_answer(session, 0))
    with CaptureQueriesContext(connection) as queries:
        result = actions.do_answer_with_token(session.pk, person.token, 0, response)
    assert result.created
    statements = [
        q["sql"].split(None, 1)[0].upper()
        for q in queries.captured_queries
        if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))
    ]
    writes = [s for s in statements if s != "SELECT"]
    assert statements.count("SELECT") == 1, statements
    assert len(writes) == (1 if connection.vendor == "postgresql" else 2), statements


def test_the_fixed_sql_read_gives_the_rows_the_orm_gives(hall):
    """rows.participant_by_token passes each value through Django's converters:
    datetimes, booleans and JSON come back as the ORM's own read gives them."""
    from assessments.live import rows
    from assessments.live.models import LiveSession, Participant

    session, person = hall["session"], hall["people"][2]
    LiveSession.objects.filter(pk=session.pk).update(left_out=[{"name": "Câu 9", "qtype": "essay"}])
    Participant.objects.filter(pk=person.pk).update(extra_seconds=15, score=1200)
    fast = rows.participant_by_token(session.pk, person.token)
    orm = Participant.objects.select_related("session").get(pk=person.pk)
    for model, a, b in ((Participant, fast, orm), (LiveSession, fast.session, orm.session)):
        for field in model._meta.concrete_fields:
            assert getattr(a, field.attname) == getattr(b, field.attname), field.name
    assert fast.session.left_out == [{"name": "Câu 9", "qtype": "essay"}]
    assert fast.session.question_deadline.tzinfo is not None
    assert rows.participant_by_token(session.pk, "not-a-token") is None
    Participant.objects.filter(pk=person.pk).update(removed=True)
    assert rows.participant_by_token(session.pk, person.token) is None
