"""The actions behind every transport: joining, answering, advancing, results."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.live import actions, errors
from assessments.live.models import CompetencyOutcome, LiveAnswer, LiveSession, Participant, Status
from lms.accounts.roles import Role

from .conftest import right_answer, wrong_answer

pytestmark = pytest.mark.django_db


def test_start_gives_a_six_digit_pin_and_the_live_questions(session):
    assert len(session.pin) == 6 and session.pin.isdigit()
    assert session.status == Status.LOBBY
    assert session.questions.count() == 5


def test_start_from_a_quiz_uses_the_quiz_selection(instructor, live_questions, bank, make_quiz):
    quiz = make_quiz([*live_questions, *bank])
    session = actions.do_start_session(instructor, quiz=quiz)
    qtypes = {q.question_version.question_spec.qtype for q in session.questions.all()}
    # Essays, matching and short answers are left out of live sessions.
    assert qtypes <= set(actions.LIVE_QTYPES)
    assert session.questions.count() == 5 + 5
    assert session.quiz == quiz


def test_only_instructors_start_sessions(make_user, live_questions):
    with pytest.raises(errors.NotInstructor):
        actions.do_start_session(make_user(Role.LEARNER), questions=live_questions)


def test_pins_are_unique_among_active_sessions(make_session, monkeypatch):
    first = make_session()
    pins = iter([first.pin, first.pin, "654321"])
    monkeypatch.setattr(actions.starting, "_new_pin", lambda: next(pins))
    second = make_session()
    assert second.pin == "654321"
    # Once ended, a PIN may be used again.
    LiveSession.objects.filter(pk=first.pk).update(status=Status.ENDED)
    monkeypatch.setattr(actions.starting, "_new_pin", lambda: first.pin)
    assert make_session().pin == first.pin


def test_find_session_rejects_wrong_pins_and_limits_guessing(session, settings):
    settings.LIVE_PIN_FAILURE_LIMIT = 3
    assert actions.access_session_by_pin(session.pin, ip="1.2.3.4") == session
    for pin in ("000000", "12", "abcdef"):
        with pytest.raises(errors.SessionNotFound):
            actions.access_session_by_pin(pin, ip="1.2.3.4")
    with pytest.raises(errors.TooManyGuesses):
        actions.access_session_by_pin(session.pin, ip="1.2.3.4")  # even the right PIN now waits
    assert actions.access_session_by_pin(session.pin, ip="5.6.7.8") == session  # another IP is fine


def test_an_ended_session_is_not_found(session, instructor):
    actions.do_end(session, instructor)
    with pytest.raises(errors.SessionNotFound):
        actions.access_session_by_pin(session.pin, ip="1.1.1.1")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", "bad_name"),
        ("   ", "bad_name"),
        ("x" * 200, "bad_name"),
        ("<b>Lan</b>", "bad_name"),
        ("Lan<script>", "bad_name"),
        ("Đm thằng", "bad_name"),
        ("dit me", "bad_name"),
        ("VCL", "bad_name"),
    ],
)
def test_bad_names_are_refused(session, name, code):
    with pytest.raises(errors.LiveError) as caught:
        actions.do_join(session, name=name)
    assert caught.value.code == code
    assert not Participant.objects.exists()


def test_names_are_unique_within_a_session_ignoring_case_and_spaces(session, make_session):
    actions.do_join(session, name="Bà Lớn")  # "lớn" is not "lồn": marks matter
    with pytest.raises(errors.NameTaken):
        actions.do_join(session, name="  bà   lớn ")
    other = make_session()
    assert actions.do_join(other, name="Bà Lớn")  # another session is another namespace


def test_signed_in_learner_joins_once(session, make_user):
    learner = make_user(Role.LEARNER, full_name="Trần Thị Bình")
    first = actions.do_join(session, user=learner)
    assert first.display_name == "Trần Thị Bình"
    assert actions.do_join(session, user=learner) == first


def test_locked_lobby_and_removed_participants(session, instructor, make_user):
    learner = make_user(Role.LEARNER)
    inside = actions.do_join(session, user=learner)
    actions.do_lock(session, instructor, True)
    with pytest.raises(errors.LobbyLocked):
        actions.do_join(session, name="Muộn")
    assert actions.do_join(session, user=learner) == inside  # already in: welcome back
    actions.do_remove_participant(session, instructor, inside.pk)
    with pytest.raises(errors.NotParticipant):
        actions.access_participant(session.pk, inside.token)


def test_only_the_sessions_instructor_commands(session, make_user):
    other = make_user(Role.INSTRUCTOR)
    for call in (
        lambda: actions.do_advance(session, other),
        lambda: actions.do_end(session, other),
        lambda: actions.do_lock(session, other),
        lambda: actions.do_remove_participant(session, other, 1),
    ):
        with pytest.raises(errors.NotInstructor):
            call()
    session.refresh_from_db()
    assert session.status == Status.LOBBY and not session.locked


def test_rejoin_code_moves_to_another_phone(session):
    participant = actions.do_join(session, name="Hoa")
    old_token = participant.token
    moved = actions.do_rejoin(session, participant.rejoin_code.lower(), ip="9.9.9.9")
    assert moved.pk == participant.pk and moved.token != old_token
    with pytest.raises(errors.NotParticipant):
        actions.access_participant(session.pk, old_token)
    with pytest.raises(errors.LiveError):
        actions.do_rejoin(session, "ZZZZZZ", ip="9.9.9.9")


def test_a_whole_instructor_paced_session(session, instructor, make_user):
    learner = make_user(Role.LEARNER)
    ann = actions.do_join(session, user=learner)
    bao = actions.do_join(session, name="Bảo")
    actions.do_advance(session, instructor)
    session.refresh_from_db()
    assert session.status == Status.QUESTION and session.current_index == 0
    result = actions.do_answer(ann, 0, right_answer(session, 0))
    assert result.created and result.answer.points > 500
    # A double tap returns the stored answer, even with another response.
    again = actions.do_answer(ann, 0, wrong_answer(session, 0))
    assert not again.created and again.answer.pk == result.answer.pk
    assert again.answer.response == right_answer(session, 0)
    # Everyone answered: the question closes by itself.
    actions.do_answer(bao, 0, wrong_answer(session, 0))
    session.refresh_from_db()
    assert session.status == Status.REVEAL
    for position in range(1, 5):
        actions.do_advance(session, instructor)
        actions.do_answer(ann, position, right_answer(session, position))
        session.refresh_from_db()
        assert session.status == Status.QUESTION  # Bảo has not answered
        actions.do_advance(session, instructor)  # show the answer
    actions.do_advance(session, instructor)
    session.refresh_from_db()
    assert session.status == Status.ENDED
    ann.refresh_from_db()
    assert ann.correct_count == 5 and ann.streak == 5
    stored = LiveAnswer.objects.filter(participant=ann).values_list("points", "streak_points")
    assert ann.score == sum(p + s for p, s in stored) > 5 * 500
    outcomes = CompetencyOutcome.objects.filter(user=learner)
    assert outcomes.exists()
    profile = actions.competency_profile(learner)
    assert all(row["percent"] == 100.0 for row in profile.values())


def test_stale_next_does_not_skip_a_question(session, instructor):
    actions.do_join(session, name="An")
    actions.do_advance(session, instructor)
    session.refresh_from_db()
    rev = session.revision
    actions.do_advance(session, instructor, rev=rev)  # reveal
    actions.do_advance(session, instructor, rev=rev)  # the second tap of a double tap
    session.refresh_from_db()
    assert session.status == Status.REVEAL and session.current_index == 0


def test_answers_refused_when_not_acceptable(session, instructor):
    ann = actions.do_join(session, name="An")
    actions.do_join(session, name="Bảo")
    with pytest.raises(errors.NotAccepting):
        actions.do_answer(ann, 0, right_answer(session, 0))  # still in the lobby
    actions.do_advance(session, instructor)
    with pytest.raises(errors.WrongQuestion):
        actions.do_answer(ann, 1, right_answer(session, 1))
    with pytest.raises(errors.WrongQuestion):
        actions.do_answer(ann, 99, "1")
    with pytest.raises(errors.BadRequest):
        actions.do_answer(ann, "0", "1")
    with pytest.raises(errors.BadAnswer):
        actions.do_answer(ann, 0, "no-such-choice")
    with pytest.raises(errors.BadAnswer):
        actions.do_answer(ann, 0, {"weird": ["shape"]})
    LiveSession.objects.filter(pk=session.pk).update(
        question_deadline=timezone.now() - timedelta(seconds=5)
    )
    with pytest.raises(errors.TimeUp):
        actions.do_answer(ann, 0, right_answer(session, 0))
    assert not LiveAnswer.objects.exists()


def test_extra_time_lets_one_participant_answer_later(session, instructor):
    ann = actions.do_join(session, name="An")
    actions.do_join(session, name="Bảo")
    actions.do_advance(session, instructor)
    actions.do_give_extra_time(session, instructor, ann.pk, 20)
    LiveSession.objects.filter(pk=session.pk).update(
        question_deadline=timezone.now() - timedelta(seconds=5)
    )
    ann.refresh_from_db()
    assert actions.do_answer(ann, 0, right_answer(session, 0)).created
    session.refresh_from_db()
    assert not actions.do_tick(session)  # An's extra time keeps the question open


def test_tick_closes_and_auto_advances(make_session, instructor, settings):
    settings.LIVE_REVEAL_SECONDS = 0
    session = make_session(auto_advance=True)
    actions.do_join(session, name="An")
    actions.do_advance(session, instructor)
    LiveSession.objects.filter(pk=session.pk).update(
        question_deadline=timezone.now() - timedelta(seconds=5)
    )
    session.refresh_from_db()
    assert actions.do_tick(session)
    session.refresh_from_db()
    assert session.status == Status.REVEAL
    assert actions.do_tick(session)
    session.refresh_from_db()
    assert session.status == Status.QUESTION and session.current_index == 1


def test_learner_paced_session(make_session, instructor):
    session = make_session(mode="learner", deadline=timezone.now() + timedelta(hours=1))
    ann = actions.do_join(session, name="An")
    actions.do_advance(session, instructor)
    session.refresh_from_db()
    assert session.status == Status.RUNNING
    with pytest.raises(errors.WrongQuestion):
        actions.do_answer(ann, 2, right_answer(session, 2))
    for position in range(5):
        ann.refresh_from_db()
        assert actions.do_answer(ann, position, right_answer(session, position)).created
    ann.refresh_from_db()
    assert ann.answer_count == 5 and ann.correct_count == 5
    LiveSession.objects.filter(pk=session.pk).update(deadline=timezone.now() - timedelta(seconds=5))
    session.refresh_from_db()
    assert actions.do_tick(session)
    session.refresh_from_db()
    assert session.status == Status.ENDED


def test_guest_claims_result_into_account(session, instructor, make_user):
    guest = actions.do_join(session, name="Khách")
    actions.do_advance(session, instructor)
    actions.do_answer(guest, 0, right_answer(session, 0))
    actions.do_end(session, instructor)
    learner = make_user(Role.LEARNER)
    actions.do_claim_guest_result(guest, learner)
    guest.refresh_from_db()
    assert guest.user == learner
    assert CompetencyOutcome.objects.filter(user=learner, session=session).exists()
    with pytest.raises(errors.LiveError):
        actions.do_claim_guest_result(guest, make_user(Role.LEARNER))


@pytest.mark.parametrize(
    ("kind", "phone", "screen"),
    [
        ("sync", None, None),
        ("ping", None, None),
        ("tick", None, None),
        ("answer", None, "forbidden"),
        ("next", "forbidden", None),
        ("reveal", "forbidden", None),
        ("end", "forbidden", None),
        ("lock", "forbidden", None),
        ("remove", "forbidden", None),
        ("extra_time", "forbidden", None),
        ("dance", "unknown_type", "unknown_type"),
    ],
)
def test_every_websocket_message_kind_has_a_permission_rule(kind, phone, screen):
    for role, expected in (("play", phone), ("screen", screen)):
        if expected is None:
            actions.check_message_allowed(kind, role)
        else:
            with pytest.raises(errors.LiveError) as refused:
                actions.check_message_allowed(kind, role)
            assert refused.value.code == expected


def test_commands_need_the_sessions_instructor(session, make_user):
    other = make_user(Role.INSTRUCTOR, audience="", full_name="Thầy khác")
    ann = actions.do_join(session, name="An")
    for kind, message in [
        ("next", {}),
        ("reveal", {}),
        ("end", {}),
        ("lock", {"locked": True}),
        ("remove", {"participant": ann.pk}),
        ("extra_time", {"participant": ann.pk, "seconds": 15}),
    ]:
        with pytest.raises(errors.NotInstructor):
            actions.do_command(session.pk, other, kind, message)
    session.refresh_from_db()
    ann.refresh_from_db()
    assert session.status == Status.LOBBY and not session.locked
    assert not ann.removed and ann.extra_seconds == 0


def test_removing_a_participant_writes_an_audit_event(session, instructor):
    from lms.audit.models import AuditEvent

    ann = actions.do_join(session, name="An")
    actions.do_remove_participant(session, instructor, ann.pk)
    actions.do_remove_participant(session, instructor, ann.pk)  # once is enough
    event = AuditEvent.objects.get(verb="live.participant_removed")
    assert event.actor == instructor and event.target_id == str(ann.pk)
    assert event.extra == {"session": session.pk, "name": "An"}


def test_the_projector_lookup_is_the_instructors_own(session, instructor, make_user):
    assert actions.access_presented_session(session.pin, instructor) == session
    with pytest.raises(errors.NotInstructor):
        actions.access_presented_session(session.pin, make_user(Role.INSTRUCTOR, audience=""))


def test_an_answer_read_before_its_streak_changed_is_scored_from_the_stored_row(
    session, instructor
):
    """Without a row lock the score update is conditional on the row being as
    read; when it is not (a reveal broke the streak meanwhile), the answer's
    streak bonus is computed again from the stored row."""
    from assessments.live.actions import answers

    ann = actions.do_join(session, name="An")
    actions.do_advance(session, instructor)
    actions.do_answer(ann, 0, right_answer(session, 0))  # everyone answered: reveal
    actions.do_advance(session, instructor)  # question 1
    read = actions.access_participant(session.pk, ann.token)
    assert read.streak == 1
    Participant.objects.filter(pk=ann.pk).update(streak=0)  # changed after the read
    result = answers._record(read, 1, right_answer(session, 1), from_phone=False)
    assert result.created and result.answer.streak_points == 0
    ann.refresh_from_db()
    stored = LiveAnswer.objects.filter(participant=ann).values_list("points", "streak_points")
    assert ann.streak == 1 and ann.answer_count == 2
    assert ann.score == sum(p + s for p, s in stored)
    assert LiveAnswer.objects.get(pk=result.answer.pk).streak_points == 0
