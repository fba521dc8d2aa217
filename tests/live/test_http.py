"""The pages and the JSON fallback with the Django test client."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments.live import actions
from assessments.live.actions import cookie_name
from assessments.live.models import LiveAnswer, Participant, Status
from lms.accounts.roles import Role

from .conftest import on_phone, right_answer

pytestmark = pytest.mark.django_db


def join_as(client, session, name):
    response = client.post(reverse("live:join"), {"pin": session.pin, "name": name})
    assert response.status_code == 302, response.content[:500]
    return Participant.objects.get(session=session, display_name=name)


def test_join_page_and_wrong_pin(client, session):
    page = client.get(reverse("live:join") + f"?pin={session.pin}")
    assert page.status_code == 200 and session.pin.encode() in page.content
    wrong = client.post(reverse("live:join"), {"pin": "000000", "name": "An"})
    assert wrong.status_code == 404
    assert "Không có" in wrong.content.decode() or "No quiz" in wrong.content.decode()


def test_pin_guessing_is_rate_limited_per_ip(client, session, settings):
    settings.LIVE_PIN_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(reverse("live:join"), {"pin": "111111", "name": "An"})
    blocked = client.post(reverse("live:join"), {"pin": session.pin, "name": "An"})
    assert blocked.status_code == 429
    other_ip = client.post(
        reverse("live:join"), {"pin": session.pin, "name": "An"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_ip.status_code == 302


def test_names_are_validated_and_escaped(client, session, instructor):
    bad = client.post(reverse("live:join"), {"pin": session.pin, "name": "<img src=x>"})
    assert bad.status_code == 400
    assert b"<img src=x>" not in bad.content
    long = client.post(reverse("live:join"), {"pin": session.pin, "name": "a" * 200})
    assert long.status_code == 400
    empty = client.post(reverse("live:join"), {"pin": session.pin, "name": " "})
    assert empty.status_code == 400
    Participant.objects.create(
        session=session, display_name="<b>x</b>", name_key="<b>x</b>", token="t", rejoin_code="A"
    )
    client.force_login(instructor)
    report = client.get(reverse("live:report", args=[session.pk]))
    assert b"&lt;b&gt;x&lt;/b&gt;" in report.content and b"<b>x</b>" not in report.content


def test_phone_page_state_answer_and_claim(client, session, instructor, make_user):
    ann = join_as(client, session, "An")
    assert client.cookies[cookie_name(session.pk)].value == ann.token
    page = client.get(reverse("live:play", args=[session.pk]))
    assert page.status_code == 200 and b"live.js" in page.content
    state = client.get(reverse("live:state", args=[session.pk])).json()
    assert state["status"] == "lobby" and state["me"]["name"] == "An"

    actions.do_advance(session, instructor)
    url = reverse("live:answer", args=[session.pk])
    body = {"q": 0, "response": on_phone(ann, 0, right_answer(session, 0)), "id": "h1"}
    first = client.post(url, body, content_type="application/json")
    assert first.status_code == 200 and first.json()["duplicate"] is False
    again = client.post(url, {**body, "response": "x"}, content_type="application/json")
    assert again.json()["duplicate"] is True
    assert LiveAnswer.objects.count() == 1
    for bad, code in [
        (b"not json", "malformed"),
        # An was the only one: the question closed when she answered.
        (b'{"q": 1, "response": "1"}', "not_accepting"),
        (b'{"q": 0}', "malformed"),
        (b"{" + b" " * 5000 + b"}", "too_large"),
    ]:
        reply = client.post(url, bad, content_type="application/json")
        assert reply.status_code >= 400 and reply.json()["code"] == code

    actions.do_end(session, instructor)
    learner = make_user(Role.LEARNER)
    client.force_login(learner)
    claimed = client.post(reverse("live:claim", args=[session.pk]))
    assert claimed.status_code == 302
    ann.refresh_from_db()
    assert ann.user == learner


def test_without_cookie_the_phone_goes_back_to_join(client, session):
    response = client.get(reverse("live:play", args=[session.pk]))
    assert response.status_code == 302 and response.url == reverse("live:join")
    assert client.get(reverse("live:state", args=[session.pk])).status_code == 403


def test_instructor_pages_and_http_commands(client, session, instructor, make_user):
    join_as(client, session, "An")
    client.force_login(instructor)
    for name in ("control", "report"):
        assert client.get(reverse(f"live:{name}", args=[session.pk])).status_code == 200
    present = client.get(f"/live/{session.pin}/present")
    assert present.status_code == 200
    assert b"<svg" in present.content and session.pin[:3].encode() in present.content
    assert b"/live" in present.content
    state = client.get(reverse("live:state", args=[session.pk]) + "?role=screen").json()
    assert state["extras"]["participants"] == 1
    command = reverse("live:command", args=[session.pk])
    done = client.post(
        command, {"type": "next", "rev": state["rev"]}, content_type="application/json"
    )
    assert done.status_code == 200
    session.refresh_from_db()
    assert session.status == Status.QUESTION

    other = make_user(Role.INSTRUCTOR)
    client.force_login(other)
    refused = client.post(command, {"type": "end"}, content_type="application/json")
    assert refused.status_code == 403
    assert client.get(reverse("live:report", args=[session.pk])).status_code == 404
    assert client.get(f"/live/{session.pin}/present").status_code == 404
    session.refresh_from_db()
    assert session.status == Status.QUESTION


def test_start_page_creates_a_session(client, instructor, live_questions, make_user):
    client.force_login(make_user(Role.LEARNER))
    assert client.get(reverse("live:start")).status_code in (302, 403)
    client.force_login(instructor)
    assert client.get(reverse("live:start")).status_code == 200
    response = client.post(
        reverse("live:start"),
        {
            "questions": [q.pk for q in live_questions],
            "mode": "instructor",
            "seconds_per_question": 20,
            "speed_bonus": "on",
        },
    )
    assert response.status_code == 302
    session = instructor.live_sessions.get()
    assert session.seconds_per_question == 20 and not session.streak_bonus


def test_exports_neutralise_formulas(client, session, instructor):
    evil = actions.do_join(session, name="=HYPERLINK(1)")
    actions.do_join(session, name="Bình")
    actions.do_advance(session, instructor)
    actions.do_answer(evil, 0, right_answer(session, 0))
    actions.do_end(session, instructor)
    client.force_login(instructor)
    raw = client.get(reverse("live:export", args=[session.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig"))))
    names = [row[1] for row in rows[1:3]]
    assert "'=HYPERLINK(1)" in names and "Bình" in names
    xlsx = client.get(reverse("live:export", args=[session.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = [row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(1)" in cells
    assert book.worksheets[1].max_row == 1 + 5


def test_session_results_follow_the_results_rule(client, session, instructor, make_user, unit_tree):
    """Issue 9, point 3: a live session's report and exports are for the
    instructor who ran it and administrators; nobody else finds them."""
    actions.do_join(session, name="An")
    urls = [
        reverse("live:report", args=[session.pk]),
        reverse("live:export", args=[session.pk, "csv"]),
        reverse("live:export", args=[session.pk, "xlsx"]),
    ]
    outsiders = [
        make_user(Role.INSTRUCTOR, home_unit=unit_tree["hoan_kiem"]),
        make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hanoi"]),
        make_user(Role.LEARNER),
    ]
    for outsider in outsiders:
        client.force_login(outsider)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    for reader in (instructor, make_user(Role.ADMINISTRATOR)):
        client.force_login(reader)
        assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    # Reading is not running: an administrator cannot command someone else's session.
    command = reverse("live:command", args=[session.pk])
    refused = client.post(command, {"type": "end"}, content_type="application/json")
    assert refused.status_code == 403


def test_report_and_files_show_quotes_once_and_type_names(client, session, instructor):
    """Issue 15 §1: the stored stem says ``&quot;``; the report page, the CSV and
    the XLSX show a quotation mark (never ``&quot;`` or ``&amp;quot;``), and
    question types by name, not code."""
    from assessments.models import QuestionVersion

    first = session.questions.get(position=0)
    QuestionVersion.objects.filter(pk=first.question_version_id).update(
        stem="<p>&quot;Chúc mừng bạn trúng thưởng&quot; &amp; gửi mã OTP?</p>"
    )
    actions.do_join(session, name="An")
    actions.do_end(session, instructor)
    client.force_login(instructor)
    client.cookies["django_language"] = "vi"
    shown = '"Chúc mừng bạn trúng thưởng" & gửi mã OTP?'

    page = client.get(reverse("live:report", args=[session.pk])).content.decode()
    assert "&amp;quot;" not in page and "&amp;amp;" not in page
    assert "&quot;Chúc mừng bạn trúng thưởng&quot; &amp; gửi mã OTP?" in page  # escaped once
    assert "Đúng/Sai" in page and ">truefalse<" not in page

    raw = client.get(reverse("live:export", args=[session.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    question_rows = rows[rows.index([]) + 1 :]
    assert question_rows[1][1] == shown and "&quot;" not in raw
    assert {row[2] for row in question_rows[1:]} >= {"Một lựa chọn", "Đúng/Sai"}

    xlsx = client.get(reverse("live:export", args=[session.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert cells[0][1] == shown
    assert {row[2] for row in cells} >= {"Một lựa chọn", "Đúng/Sai"}


def test_the_instructor_is_told_which_questions_are_left_out_before_starting(
    client, instructor, live_questions, bank, make_quiz
):
    """Issue 15 §1: short answer, matching and essays cannot be played live; the
    controls say which ones before the instructor presses Start."""
    quiz = make_quiz([*live_questions, *bank])
    client.force_login(instructor)
    client.cookies["django_language"] = "vi"
    response = client.post(
        reverse("live:start"),
        {"quiz": quiz.pk, "mode": "instructor", "seconds_per_question": 30, "confirm_taps": "on"},
    )
    assert response.status_code == 302
    session = instructor.live_sessions.get()
    left_out = {q.name for q in bank if q.qtype not in actions.LIVE_QTYPES}
    assert left_out and {item["name"] for item in session.left_out} == left_out
    assert session.questions.count() == len(live_questions) + len(bank) - len(left_out)
    page = client.get(response["Location"]).content.decode()
    assert "data-left-out" in page
    for name in left_out:
        assert name in page
    assert "Trả lời ngắn" in page or "Ghép nối" in page or "Tự luận" in page

    # The session was asked to confirm each tap: phones are told so in the state.
    assert session.confirm_taps
    ann = actions.do_join(session, name="An")
    client.cookies[cookie_name(session.pk)] = ann.token
    state = client.get(reverse("live:state", args=[session.pk])).json()
    assert state["confirm_taps"] is True
    actions.do_advance(session, instructor)
    assert "data-left-out" not in client.get(response["Location"]).content.decode()
