"""Issue 11 §2: the live pages answer an action's refusal through the one
decorator (lms/html_errors.py). Each refusal keeps its status, and the page,
the flash message or the JSON body says why in Vietnamese."""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.live import actions, errors
from assessments.live.actions import cookie_name
from assessments.scoring.spec import QuestionSpec
from lms.accounts.roles import Role
from tests.texts import in_vietnamese

pytestmark = pytest.mark.django_db


def shows(response, message) -> bool:
    return escape(in_vietnamese(message)) in response.content.decode()


def join(client, session, name="An", **extra):
    return client.post(reverse("live:join"), {"pin": session.pin, "name": name, **extra})


# --- the join form: every refusal on the form, with its status ---------------------------


def test_a_wrong_pin_is_404_on_the_form(client, session):
    response = client.post(reverse("live:join"), {"pin": "000000", "name": "An"})
    assert response.status_code == 404
    assert shows(response, errors.SessionNotFound.default_message)
    assert 'name="pin"' in response.content.decode()  # the form again, not the 404 page


def test_a_locked_lobby_is_403_on_the_form(client, session, instructor):
    actions.do_lock(session, instructor, True)
    response = join(client, session)
    assert response.status_code == 403
    assert shows(response, errors.LobbyLocked.default_message)
    assert 'name="pin"' in response.content.decode()


def test_a_taken_name_is_409_on_the_form(client, session):
    actions.do_join(session, name="An")
    response = join(client, session, name="An")
    assert response.status_code == 409
    assert shows(response, errors.NameTaken.default_message)


def test_a_wrong_rejoin_code_is_refused_on_the_form(client, session):
    response = join(client, session, rejoin_code="ZZZZZZ")
    assert response.status_code >= 400
    assert 'name="pin"' in response.content.decode()
    assert 'role="alert"' in response.content.decode() or "errorlist" in response.content.decode()


# --- the phone's page and the claim: a flash message and a redirect -------------------------


def test_play_without_a_seat_goes_back_to_join_with_the_reason(client, session):
    response = client.get(reverse("live:play", args=[session.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("live:join")
    assert shows(client.get(response["Location"]), errors.NotParticipant.default_message)


def test_claiming_someone_elses_seat_flashes_the_reason(client, session, make_user):
    client.force_login(make_user(Role.LEARNER))
    response = client.post(reverse("live:claim", args=[session.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("live:play", args=[session.pk])
    follow = client.get(reverse("live:join"))
    assert shows(follow, errors.NotParticipant.default_message)


# --- the JSON fallback: the WebSocket's error frame with the action's status ----------------


def error_frame(response) -> dict:
    body = json.loads(response.content)
    assert body["type"] == "error"
    return body


def test_state_without_a_seat_is_a_403_frame(client, session):
    response = client.get(reverse("live:state", args=[session.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 403
    frame = error_frame(response)
    assert frame["code"] == "not_participant"
    assert frame["message"] == in_vietnamese(errors.NotParticipant.default_message)


def test_the_screen_state_of_someone_elses_session_is_a_403_frame(client, session, make_user):
    client.force_login(make_user(Role.INSTRUCTOR, audience=""))
    response = client.get(reverse("live:state", args=[session.pk]) + "?role=screen")
    assert response.status_code == 403
    assert error_frame(response)["message"] == in_vietnamese(errors.NotInstructor.default_message)


def test_an_unreadable_answer_is_a_400_frame(client, session):
    join(client, session)
    response = client.post(
        reverse("live:answer", args=[session.pk]), "not json", content_type="application/json"
    )
    assert response.status_code == 400
    frame = error_frame(response)
    assert frame["code"] == "malformed"
    assert frame["message"] == in_vietnamese(errors.BadRequest.default_message)


def test_an_answer_with_no_question_open_is_a_409_frame(client, session):
    join(client, session)
    response = client.post(
        reverse("live:answer", args=[session.pk]),
        {"q": 0, "response": "1"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert error_frame(response)["message"] == in_vietnamese(errors.NotAccepting.default_message)


def test_a_command_from_someone_else_is_a_403_frame(client, session, make_user):
    client.force_login(make_user(Role.INSTRUCTOR, audience=""))
    response = client.post(
        reverse("live:command", args=[session.pk]), {"type": "end"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert error_frame(response)["message"] == in_vietnamese(errors.NotInstructor.default_message)


def test_an_unknown_command_is_a_400_frame(client, session, instructor):
    client.force_login(instructor)
    response = client.post(
        reverse("live:command", args=[session.pk]),
        {"type": "launch"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert error_frame(response)["code"] == "unknown_type"


# --- the instructor's pages: someone else's session is not found ----------------------------


def test_someone_elses_session_pages_are_404(client, session, make_user):
    client.force_login(make_user(Role.INSTRUCTOR, audience=""))
    for url in (
        reverse("live:control", args=[session.pk]),
        reverse("live:present", args=[session.pin]),
        reverse("live:report", args=[session.pk]),
        reverse("live:export", args=[session.pk, "csv"]),
    ):
        assert client.get(url).status_code == 404, url
    removal = client.post(reverse("live:remove", args=[session.pk, 1]))
    assert removal.status_code == 404


def test_removing_an_unknown_participant_is_404(client, session, instructor):
    client.force_login(instructor)
    response = client.post(reverse("live:remove", args=[session.pk, 999999]))
    assert response.status_code == 404


def test_starting_with_nothing_live_says_why_on_the_form(
    client, instructor, make_question, make_quiz
):
    only_essay = make_quiz([make_question(QuestionSpec(id="", qtype="essay"))], title="Tự luận")
    client.force_login(instructor)
    response = client.post(
        reverse("live:start"),
        {"quiz": only_essay.pk, "mode": "instructor", "seconds_per_question": 20},
    )
    assert response.status_code == 200  # the form again, as before the decorator
    assert shows(response, errors.NoQuestions.default_message)
    assert not instructor.live_sessions.exists()


def test_a_removed_player_cannot_come_back_with_the_old_cookie(client, session, instructor):
    join(client, session)
    participant = session.participants.get()
    actions.do_remove_participant(session, instructor, participant.pk)
    assert client.cookies[cookie_name(session.pk)].value == participant.token
    response = client.get(reverse("live:state", args=[session.pk]))
    assert response.status_code == 403
