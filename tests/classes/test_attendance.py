"""Attendance: a batch of 60 in one request, idempotent, all-or-nothing; a
mark for another class's session refused with a clear message; the no-JS tap;
learners checking in by the session's signed, expiring QR token."""

import json

import pytest
from django.core import signing
from django.urls import reverse

from courses.classes.attendance import check_in_token
from courses.models import AttendanceMark
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _batch(client, community_class, payload):
    return client.post(
        reverse("classes:attendance_batch", args=[community_class.pk]),
        json.dumps(payload),
        content_type="application/json",
    )


def test_sixty_marks_in_one_request_and_sent_twice_counted_once(
    client, people, community_class, add_members, django_assert_max_num_queries
):
    learners = add_members(60)
    session = community_class.sessions.first()
    client.force_login(people["instructor"])
    payload = {
        "session": session.pk,
        "marks": [{"learner": u.pk, "status": "present"} for u in learners],
    }
    with django_assert_max_num_queries(20):
        response = _batch(client, community_class, payload)
    assert response.json() == {"ok": True, "received": 60, "changed": 60}
    again = _batch(client, community_class, payload)
    assert again.json()["changed"] == 0
    assert AttendanceMark.objects.filter(session=session, status="present").count() == 60
    assert AuditEvent.objects.filter(verb="courses.attendance_marked").count() == 1


def test_a_later_absent_replaces_present_without_a_second_row(
    client, people, community_class, add_members
):
    (learner,) = add_members(1)
    session = community_class.sessions.first()
    client.force_login(people["instructor"])
    marks = [
        {"learner": learner.pk, "status": "present"},
        {"learner": learner.pk, "status": "absent"},
    ]
    _batch(client, community_class, {"session": session.pk, "marks": marks})
    assert list(AttendanceMark.objects.values_list("status", flat=True)) == ["absent"]


def test_a_session_of_another_class_is_refused_and_nothing_changes(
    client, people, community_class, add_members, unit_tree
):
    from courses.classes.actions import do_add_session, do_create_class

    (learner,) = add_members(1)
    other = do_create_class(
        actor=people["manager"],
        unit=unit_tree["hoan_kiem"],
        name="Lớp khác",
        place_kind="school",
        place_name="Trường",
        instructors=[people["instructor"]],
    )
    from django.utils import timezone

    foreign = do_add_session(
        actor=people["manager"], community_class=other, starts_at=timezone.now()
    )
    client.force_login(people["instructor"])
    response = _batch(
        client, community_class, {"session": foreign.pk, "marks": [{"learner": learner.pk}]}
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith(
        "Lượt điểm danh này thuộc buổi học hoặc học viên của lớp khác"
    )
    # A learner of another class inside an otherwise good batch: the whole batch is refused.
    (stranger,) = add_members(1, target=other)
    session = community_class.sessions.first()
    marks = [{"learner": learner.pk}, {"learner": stranger.pk}]
    assert (
        _batch(client, community_class, {"session": session.pk, "marks": marks}).status_code == 400
    )
    assert not AttendanceMark.objects.exists()


def test_staff_of_another_unit_cannot_mark(client, people, community_class, add_members):
    (learner,) = add_members(1)
    session = community_class.sessions.first()
    client.force_login(people["other_instructor"])
    response = _batch(
        client, community_class, {"session": session.pk, "marks": [{"learner": learner.pk}]}
    )
    assert response.status_code == 404 and not AttendanceMark.objects.exists()


def test_the_tap_works_without_javascript(client, people, community_class, add_members):
    (learner,) = add_members(1)
    session = community_class.sessions.first()
    url = reverse("classes:attendance", args=[community_class.pk, session.pk])
    client.force_login(people["instructor"])
    page = client.get(url).content.decode()
    assert 'class="mark-button"' in page and learner.full_name in page
    client.post(url, {"learner": learner.pk, "status": "present"})
    assert AttendanceMark.objects.get(learner=learner).status == "present"
    assert 'aria-pressed="true"' in client.get(url).content.decode()


def test_learners_check_in_by_the_sessions_qr(
    client, people, community_class, add_members, make_user
):
    (learner,) = add_members(1)
    session = community_class.sessions.first()
    client.force_login(people["instructor"])
    qr_page = client.get(reverse("classes:check_in_code", args=[community_class.pk, session.pk]))
    assert "<svg" in qr_page.content.decode()
    url = reverse("classes:check_in", args=[check_in_token(session)])
    client.force_login(learner)
    assert client.post(url).status_code == 302
    client.post(url)  # scanned twice: still one mark
    mark = AttendanceMark.objects.get()
    assert (mark.learner, mark.status, mark.via) == (learner, "present", "qr")
    outsider = make_user(full_name="Người Ngoài")
    client.force_login(outsider)
    response = client.post(url)
    assert (
        response.status_code == 400
        and "Bạn chưa có tên trong danh sách lớp" in response.content.decode()
    )
    assert AttendanceMark.objects.count() == 1


def test_a_qr_check_in_does_not_undo_the_instructors_absent(
    client, people, community_class, add_members
):
    (learner,) = add_members(1)
    session = community_class.sessions.first()
    client.force_login(people["instructor"])
    _batch(
        client,
        community_class,
        {"session": session.pk, "marks": [{"learner": learner.pk, "status": "absent"}]},
    )
    client.force_login(learner)
    response = client.post(reverse("classes:check_in", args=[check_in_token(session)]))
    assert response.status_code == 400
    assert "Giảng viên đã đánh dấu bạn vắng mặt" in response.content.decode()
    mark = AttendanceMark.objects.get()
    assert (mark.status, mark.via) == ("absent", "tap")


def test_an_expired_or_forged_check_in_token_is_refused(
    client, community_class, add_members, settings
):
    (learner,) = add_members(1)
    session = community_class.sessions.first()
    client.force_login(learner)
    forged = signing.dumps({"session": session.pk}, salt="something else")
    assert client.post(reverse("classes:check_in", args=[forged])).status_code == 400
    settings.CLASS_CHECK_IN_MAX_AGE = -1
    response = client.post(reverse("classes:check_in", args=[check_in_token(session)]))
    assert response.status_code == 400 and "đã hết hạn" in response.content.decode()
    assert not AttendanceMark.objects.exists()
