"""The phone's own part of the state (``personal.personal_state``) through the
real actions: while a question is open it equals what the phone saw at the
last reveal, ranks included (the ranking runs in SQL)."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.live import actions, personal, visibility
from assessments.live.models import Status

from .conftest import right_answer, wrong_answer

pytestmark = pytest.mark.django_db

STANDING = ("score", "correct", "streak", "rank")
OUTCOME = st.sampled_from(["right", "wrong", None])


def views(session, people):
    session.refresh_from_db()
    shown = []
    for person in people:
        person.refresh_from_db()
        me = personal.personal_state(person, session)
        shown.append({key: me[key] for key in STANDING})
    return shown


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=st.lists(st.lists(OUTCOME, min_size=3, max_size=3), min_size=1, max_size=5))
def test_while_a_question_is_open_phones_see_the_last_reveal(make_session, instructor, plan):
    session = make_session()
    people = [actions.do_join(session, name=name) for name in ("An", "Bảo", "Chi")]
    last_reveal = views(session, people)
    assert all(v == {"score": 0, "correct": 0, "streak": 0, "rank": 1} for v in last_reveal)
    for position, row in enumerate(plan):
        actions.do_advance(session, instructor)  # the question opens
        for person, outcome in zip(people, row, strict=True):
            if outcome is not None:
                pick = right_answer if outcome == "right" else wrong_answer
                actions.do_answer(person, position, pick(session, position))
            session.refresh_from_db()
            if session.status == Status.QUESTION:  # the last answer closes it
                assert views(session, people) == last_reveal
        session.refresh_from_db()
        if session.status == Status.QUESTION:
            actions.do_advance(session, instructor)  # the reveal
        last_reveal = views(session, people)
        for person, shown in zip(people, last_reveal, strict=True):
            assert (shown["score"], shown["correct"], shown["streak"]) == (
                person.score,
                person.correct_count,
                person.streak,
            )
            others = [v["score"] for v in last_reveal if v is not shown]
            assert shown["rank"] == visibility.rank(shown["score"], others)


def test_mid_question_ranks_are_those_of_the_last_reveal(make_session, instructor):
    session = make_session()
    ann, bao, chi = (actions.do_join(session, name=name) for name in ("An", "Bảo", "Chi"))
    actions.do_advance(session, instructor)
    actions.do_answer(ann, 0, right_answer(session, 0))
    actions.do_answer(bao, 0, wrong_answer(session, 0))
    actions.do_advance(session, instructor)  # reveal: An leads
    actions.do_advance(session, instructor)  # question 1
    actions.do_answer(bao, 1, right_answer(session, 1))
    actions.do_answer(chi, 1, right_answer(session, 1))
    session.refresh_from_db()
    for person in (ann, bao, chi):
        person.refresh_from_db()
    shown = {p.display_name: personal.personal_state(p, session) for p in (ann, bao, chi)}
    assert shown["An"]["rank"] == 1 and shown["Bảo"]["rank"] == 2 and shown["Chi"]["rank"] == 2
    assert shown["Bảo"]["score"] == 0 and shown["Bảo"]["answer"] == {
        "q": 1,
        "response": shown["Bảo"]["answer"]["response"],
    }
    assert bao.score > 0  # stored already, shown only at the reveal


def test_learner_paced_phone_sees_its_results_only_at_the_end(make_session, instructor):
    session = make_session(mode="learner", deadline=timezone.now() + timezone.timedelta(hours=1))
    ann = actions.do_join(session, name="An")
    actions.do_advance(session, instructor)
    for position in range(3):
        ann.refresh_from_db()
        actions.do_answer(ann, position, right_answer(session, position))
    session.refresh_from_db()
    ann.refresh_from_db()
    me = personal.personal_state(ann, session)
    assert not set(STANDING) & set(me) and set(me["answer"]) == {"q", "response"}
    assert me["position"] == 3 and me["question"]["position"] == 3
    actions.do_end(session, instructor)
    session.refresh_from_db()
    me = personal.personal_state(ann, session)
    assert me["correct"] == 3 and me["score"] == ann.score and me["answer"]["correct"] is True
