"""The hot paths of a live session cost the same number of queries with 3 or
30 participants (issue 14 §5): a join, an answer, a reveal. Each phone's own
result travels inside the reveal fan-out, so no phone queries anything then.
Counts include the work done after the commit (events, fan-out)."""

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.live import actions, events
from assessments.live.models import LiveAnswer, Participant, Status

from .conftest import on_phone, right_answer

pytestmark = pytest.mark.django_db

# Upper bounds (SQLite, savepoints included): fixed, whatever the hall's size.
JOIN_QUERIES = 8
# An answer: the participant with its session, then one transaction holding
# the INSERT and a conditional UPDATE of the score (no row lock, no re-read).
ANSWER_QUERIES = 5
REVEAL_QUERIES = 16


def _room(make_session, instructor, size, capture):
    session = make_session(title=f"Lớp {size}")
    with capture(execute=True):
        people = [actions.do_join(session, name=f"Người {n}") for n in range(size)]
        actions.do_advance(session, instructor)
    return session, people


def _queries(capture, func) -> int:
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        func()
    return len(queries)


def _join_answer_reveal(make_session, instructor, size, capture) -> dict:
    session, people = _room(make_session, instructor, size, capture)
    counts = {"join": _queries(capture, lambda: actions.do_join(session, name="Người mới"))}
    first, second = people[:2]
    with capture(execute=True):  # the first answer after a join also recounts the hall
        actions.do_answer(first, 0, right_answer(session, 0))
    response = on_phone(second, 0, right_answer(session, 0))
    counts["answer"] = _queries(
        capture, lambda: actions.do_answer_with_token(session.pk, second.token, 0, response)
    )
    assert LiveAnswer.objects.filter(session=session).count() == 2
    counts["reveal"] = _queries(capture, lambda: actions.do_advance(session, instructor))
    session.refresh_from_db()
    assert session.status == Status.REVEAL
    return counts


def test_join_answer_and_reveal_cost_the_same_with_3_or_30_participants(
    make_session, instructor, django_capture_on_commit_callbacks
):
    small = _join_answer_reveal(make_session, instructor, 3, django_capture_on_commit_callbacks)
    large = _join_answer_reveal(make_session, instructor, 30, django_capture_on_commit_callbacks)
    assert small == large, (small, large)
    assert small["join"] <= JOIN_QUERIES, small
    assert small["answer"] <= ANSWER_QUERIES, small
    assert small["reveal"] <= REVEAL_QUERIES, small


def test_each_phone_gets_its_own_result_inside_the_reveal_fan_out(
    make_session, instructor, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    session, (ann, bao, chi) = _room(make_session, instructor, 3, capture)
    layer = get_channel_layer()
    inboxes = {}
    for person in (ann, bao, chi):
        inboxes[person.pk] = async_to_sync(layer.new_channel)()
        for group in (session.group_name, events.participant_group(session.pk, person.pk)):
            async_to_sync(layer.group_add)(group, inboxes[person.pk])
    with capture(execute=True):
        actions.do_answer(ann, 0, right_answer(session, 0))
        actions.do_advance(session, instructor)
    got = {pk: _as_phone(async_to_sync(layer.receive)(inbox), pk) for pk, inbox in inboxes.items()}
    assert {m["state"]["status"] for m in got.values()} == {"reveal"}
    assert got[ann.pk]["me"]["name"] == ann.display_name
    assert got[ann.pk]["me"]["answer"]["correct"] is True
    assert got[ann.pk]["me"]["rank"] == 1
    assert got[bao.pk]["me"]["answer"] is None and got[bao.pk]["me"]["rank"] == 2
    assert got[ann.pk]["me"]["score"] == Participant.objects.get(pk=ann.pk).score > 0


def _as_phone(event: dict, participant_id: int) -> dict:
    """The state event as the phone's consumer reads it (consumers.live_state):
    its own part is ``me``, or its entry in the parts of all."""
    me = event["me"] if "me" in event else event["personal"][str(participant_id)]
    return {**event, "me": me}


@pytest.mark.skipif(
    not settings.CHANNEL_LAYERS["default"]["BACKEND"].startswith("channels_redis"),
    reason="the in-memory layer copies a message for each consumer: one message per phone there",
)
def test_a_reveal_reaches_every_phone_in_one_message_with_3_or_30_participants(
    make_session, instructor, django_capture_on_commit_callbacks
):
    """channels_redis hands a group message to all of a process's consumers as
    one object: the phones' own parts travel together, not as a group send
    (four Redis round trips) per phone."""
    layer = get_channel_layer()
    sent = []
    original = layer.group_send

    async def counted(group, message):
        sent.append(group)
        return await original(group, message)

    layer.group_send = counted
    try:
        for size in (3, 30):
            session, _people = _room(
                make_session, instructor, size, django_capture_on_commit_callbacks
            )
            sent.clear()
            with django_capture_on_commit_callbacks(execute=True):
                actions.do_advance(session, instructor)
            assert sorted(sent) == sorted([session.group_name, session.screens_group_name]), sent
    finally:
        del layer.group_send


def test_the_screens_count_is_the_number_of_stored_answers(
    make_session, instructor, django_capture_on_commit_callbacks
):
    from assessments.live import livecache, state

    capture = django_capture_on_commit_callbacks
    session, people = _room(make_session, instructor, 4, capture)
    with capture(execute=True):
        for person in people[:3]:
            actions.do_answer(person, 0, right_answer(session, 0))
            actions.do_answer(person, 0, right_answer(session, 0))  # a double tap
    session.refresh_from_db()
    stored = LiveAnswer.objects.filter(session=session).count()
    assert stored == 3
    assert livecache.answered(session, 0) == stored
    assert state.screen_extras(session)["answered"] == stored


def test_cached_state_never_outlives_its_session_row(make_session, instructor):
    """A recreated database may give a new session an old id (and revision):
    the key carries the session's creation instant, so the old state is never
    served to the new session."""
    from django.core.cache import cache

    from assessments.live import state
    from assessments.live.models import LiveSession

    old = make_session()
    state.public_state(old)
    stale_key = next(k for k in _state_keys(old) if cache.get(k) is not None)
    cache.set(stale_key, {**cache.get(stale_key), "title": "Phiên cũ", "stale": True})
    pk, revision = old.pk, old.revision
    old.delete()
    new = LiveSession.objects.create(pk=pk, pin="123456", title="Phiên mới", instructor=instructor)
    assert (new.pk, new.revision) == (pk, revision)
    fresh = state.public_state(new)
    assert fresh["title"] == "Phiên mới" and "stale" not in fresh


def _state_keys(session):
    from assessments.live import livecache

    return [livecache.key(session, "state", session.revision)]


def test_screens_get_a_bounded_number_of_count_updates_ending_on_the_exact_count(
    make_session, instructor, django_capture_on_commit_callbacks, settings
):
    """A hall answering at once must not send the screens one message per
    answer: at most LIVE_COUNT_UPDATES per question, the last one exact."""
    import asyncio

    settings.LIVE_COUNT_UPDATES = 5
    capture = django_capture_on_commit_callbacks
    session, people = _room(make_session, instructor, 20, capture)
    layer = get_channel_layer()
    inbox = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(session.screens_group_name, inbox)
    with capture(execute=True):
        for person in people:
            actions.do_answer(person, 0, right_answer(session, 0))

    async def drain():
        got = []
        while True:
            try:
                got.append(await asyncio.wait_for(layer.receive(inbox), 0.5))
            except TimeoutError:
                return got

    counts = [m["count"] for m in async_to_sync(drain)() if m["type"] == "live.count"]
    assert counts == [4, 8, 12, 16, 20]
