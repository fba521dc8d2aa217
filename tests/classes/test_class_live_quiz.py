"""A live classroom quiz started from a class session marks its players present
(issue 12 §10): started on today's session page by an instructor of the class,
joined through the real join page, ended with the instructor's command; then the
attendance rows and the audit trail say who was there."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from assessments.live.models import LiveSession, Participant
from courses.classes.attendance import do_mark_attendance
from courses.models import AttendanceMark, ClassLiveQuiz
from lms.audit.models import AuditEvent
from tests.assessments.conftest import make_question, make_quiz  # noqa: F401
from tests.live.conftest import live_specs

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_quiz(make_question, make_quiz):  # noqa: F811
    questions = [make_question(spec) for spec in live_specs()[:2]]
    return make_quiz(questions, title="Trò chơi an toàn số")


@pytest.fixture
def today_session(community_class):
    return community_class.sessions.order_by("starts_at").first()


def start_url(community_class, session):
    return reverse("classes:start_quiz", args=[community_class.pk, session.pk])


def join(pin, *, user=None, name=""):
    """A phone joining through the join page; returns its client."""
    phone = Client()
    if user is not None:
        phone.force_login(user)
    response = phone.post(reverse("live:join"), {"pin": pin, "name": name})
    assert response.status_code == 302, response.content.decode()[:500]
    return phone


def test_players_on_the_roster_are_marked_present_when_the_quiz_ends(
    client,
    people,
    community_class,
    today_session,
    add_members,
    live_quiz,
    make_user,
    django_capture_on_commit_callbacks,
):
    early, player, removed, guest_member, stayed_home = add_members(5)
    outsider = make_user(username="ngoai", full_name="Người Ngoài Lớp")
    instructor = people["instructor"]
    # Marked by a tap before the quiz: the quiz must not mark them a second time.
    do_mark_attendance(
        actor=instructor,
        session=today_session,
        payload={"session": today_session.pk, "marks": [{"learner": early.pk}]},
    )
    client.force_login(instructor)
    page = client.get(reverse("classes:attendance", args=[community_class.pk, today_session.pk]))
    assert start_url(community_class, today_session) in page.content.decode()

    response = client.post(start_url(community_class, today_session), {"quiz": live_quiz.pk})
    live = LiveSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("live:control", args=[live.pk])
    assert ClassLiveQuiz.objects.get().session == today_session
    started = AuditEvent.objects.get(verb="courses.class_quiz_started")
    assert started.actor == instructor and started.extra["live_session"] == live.pk

    join(live.pin, user=early)
    join(live.pin, user=player)
    join(live.pin, user=removed)
    join(live.pin, user=outsider)
    join(live.pin, name="Khách Vãng Lai")  # a guest
    guest_phone = join(live.pin, name="Cô Tư")  # on the roster, joined without signing in
    intruder = Participant.objects.get(session=live, user=removed)
    client.post(reverse("live:remove", args=[live.pk, intruder.pk]))

    with django_capture_on_commit_callbacks(execute=True):
        ended = client.post(
            reverse("live:command", args=[live.pk]),
            json.dumps({"type": "end"}),
            content_type="application/json",
        )
    assert ended.status_code == 200

    marks = {
        mark.learner_id: mark
        for mark in AttendanceMark.objects.filter(session=today_session).select_related()
    }
    assert set(marks) == {early.pk, player.pk}
    assert marks[player.pk].status == "present" and marks[player.pk].via == "live"
    assert marks[player.pk].marked_by == instructor
    assert marks[early.pk].via == "tap"  # already present: not marked again
    event = AuditEvent.objects.filter(verb="courses.attendance_marked").latest("pk")
    assert event.extra["via"] == "live" and event.extra["live_session"] == live.pk
    assert event.extra["marks"] == {str(player.pk): "present"}
    assert event.target_id == str(community_class.pk)

    # The roster member who played as a guest signs in and keeps the result: present too.
    guest_phone.force_login(guest_member)
    with django_capture_on_commit_callbacks(execute=True):
        guest_phone.post(reverse("live:claim", args=[live.pk]))
    assert AttendanceMark.objects.get(session=today_session, learner=guest_member).via == "live"
    assert not AttendanceMark.objects.filter(learner__in=[outsider, removed, stayed_home]).exists()

    # Ending again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("live:command", args=[live.pk]),
            json.dumps({"type": "end"}),
            content_type="application/json",
        )
    assert AttendanceMark.objects.filter(session=today_session).count() == 3
    assert AuditEvent.objects.filter(verb="courses.attendance_marked").count() == 3


def test_a_quiz_started_elsewhere_marks_nobody(
    client, people, community_class, add_members, live_quiz, django_capture_on_commit_callbacks
):
    (member,) = add_members(1)
    client.force_login(people["instructor"])
    client.post(
        reverse("live:start"),
        {"quiz": live_quiz.pk, "mode": "instructor", "seconds_per_question": 30},
    )
    live = LiveSession.objects.get()
    join(live.pin, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("live:command", args=[live.pk]),
            json.dumps({"type": "end"}),
            content_type="application/json",
        )
    assert LiveSession.objects.get().status == "ended"
    assert not AttendanceMark.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("other_instructor", 404), ("learner", 403), ("manager", 403)]
)
def test_only_the_class_instructors_start_a_quiz_from_its_session(
    client, people, community_class, today_session, live_quiz, who, status
):
    client.force_login(people[who])
    response = client.post(start_url(community_class, today_session), {"quiz": live_quiz.pk})
    assert response.status_code == status
    assert not LiveSession.objects.exists() and not ClassLiveQuiz.objects.exists()


def test_the_start_form_is_only_shown_to_the_class_instructors(
    client, people, community_class, today_session
):
    client.force_login(people["manager"])
    page = client.get(reverse("classes:attendance", args=[community_class.pk, today_session.pk]))
    assert page.status_code == 200
    assert start_url(community_class, today_session) not in page.content.decode()


def test_no_quiz_for_another_day_nor_a_certificate_quiz(
    client,
    people,
    community_class,
    today_session,
    live_quiz,
    make_quiz,  # noqa: F811
):
    client.force_login(people["instructor"])
    next_week = community_class.sessions.order_by("starts_at").last()
    response = client.post(start_url(community_class, next_week), {"quiz": live_quiz.pk})
    assert response.status_code == 302 and "attendance" in response["Location"]
    certification = make_quiz(title="Bài kiểm tra hoàn thành", counts_for_certificate=True)
    response = client.post(start_url(community_class, today_session), {"quiz": certification.pk})
    assert response.status_code == 302
    assert not LiveSession.objects.exists() and not ClassLiveQuiz.objects.exists()


def test_an_instructors_absent_mark_is_not_overwritten_by_the_quiz(
    client,
    people,
    community_class,
    today_session,
    add_members,
    live_quiz,
    django_capture_on_commit_callbacks,
):
    """The instructor's own tap wins over the quiz's automatic "present": a learner
    marked absent who joined from home (and was not removed) stays absent; the quiz
    still fills the blanks, and the audit event names the mark it kept."""
    marked_absent, unmarked = add_members(2)
    client.force_login(people["instructor"])
    tapped = client.post(
        reverse("classes:attendance_batch", args=[community_class.pk]),
        json.dumps(
            {
                "session": today_session.pk,
                "marks": [{"learner": marked_absent.pk, "status": "absent"}],
            }
        ),
        content_type="application/json",
    )
    assert tapped.json()["changed"] == 1
    client.post(start_url(community_class, today_session), {"quiz": live_quiz.pk})
    live = LiveSession.objects.get()
    join(live.pin, user=marked_absent)
    join(live.pin, user=unmarked)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("live:command", args=[live.pk]),
            json.dumps({"type": "end"}),
            content_type="application/json",
        )

    marks = {m.learner_id: (m.status, m.via) for m in AttendanceMark.objects.all()}
    assert marks == {marked_absent.pk: ("absent", "tap"), unmarked.pk: ("present", "live")}
    event = AuditEvent.objects.filter(verb="courses.attendance_marked").latest("pk")
    assert event.extra["marks"] == {str(unmarked.pk): "present"}
    assert event.extra["kept"] == {str(marked_absent.pk): "absent"}

    # The instructor may still change their mind: a later tap wins.
    client.post(
        reverse("classes:attendance_batch", args=[community_class.pk]),
        json.dumps(
            {
                "session": today_session.pk,
                "marks": [{"learner": marked_absent.pk, "status": "present"}],
            }
        ),
        content_type="application/json",
    )
    assert AttendanceMark.objects.get(learner=marked_absent).status == "present"
