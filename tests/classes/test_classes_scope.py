"""Who sees which class: instructors their own, unit managers their unit's,
learners none (their own attendance only), everyone else 403/404."""

import pytest
from django.urls import reverse

from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_instructor_and_manager_of_the_ward_open_the_class(client, people, community_class):
    url = reverse("classes:detail", args=[community_class.pk])
    for who in ("instructor", "manager"):
        client.force_login(people[who])
        response = client.get(url)
        assert response.status_code == 200
        assert "Nhà văn hóa tổ dân phố số 1" in response.content.decode()


@pytest.mark.parametrize("who", ["other_instructor", "far_manager"])
def test_staff_of_another_unit_get_404(client, people, community_class, who):
    client.force_login(people[who])
    for name in ("detail", "report", "report_export", "cards", "import_roster", "add_learner"):
        assert client.get(reverse(f"classes:{name}", args=[community_class.pk])).status_code == 404
    assert community_class.pk not in [
        c.pk for c in client.get(reverse("classes:index")).context["classes"]
    ]


def test_a_learner_is_refused_the_staff_pages(client, people, community_class):
    client.force_login(people["learner"])
    assert client.get(reverse("classes:index")).status_code == 403
    assert client.get(reverse("classes:detail", args=[community_class.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, community_class):
    response = client.get(reverse("classes:detail", args=[community_class.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_manager_creates_a_class_with_an_audit_event(client, people, unit_tree):
    client.force_login(people["manager"])
    response = client.post(
        reverse("classes:create"),
        {
            "name": "Lớp Bình dân học vụ số thôn 1",
            "unit": unit_tree["village"].pk,
            "place_kind": "cultural_post_office",
            "place_name": "Điểm bưu điện văn hóa xã",
            "place_address": "Số 1 đường Làng",
            "instructors": [people["instructor"].pk],
        },
    )
    assert response.status_code == 302
    from courses.models import CommunityClass

    created = CommunityClass.objects.get(name="Lớp Bình dân học vụ số thôn 1")
    assert list(created.instructors.all()) == [people["instructor"]]
    assert AuditEvent.objects.filter(
        verb="courses.class_created", target_id=str(created.pk)
    ).exists()


def test_a_manager_cannot_open_a_class_outside_their_units(client, people, unit_tree):
    client.force_login(people["manager"])
    response = client.post(
        reverse("classes:create"),
        {"name": "X", "unit": unit_tree["son_mai"].pk, "place_kind": "school", "place_name": "Y"},
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors


def test_an_instructor_creating_a_class_teaches_it(client, people, unit_tree):
    client.force_login(people["instructor"])
    client.post(
        reverse("classes:create"),
        {
            "name": "Lớp tối",
            "unit": unit_tree["hoan_kiem"].pk,
            "place_kind": "school",
            "place_name": "Trường",
        },
    )
    from courses.models import CommunityClass

    assert people["instructor"] in CommunityClass.objects.get(name="Lớp tối").instructors.all()


def test_adding_a_session_is_audited(client, people, community_class):
    client.force_login(people["instructor"])
    response = client.post(
        reverse("classes:detail", args=[community_class.pk]),
        {"starts_at": "2026-12-05T19:30", "duration_minutes": 90, "topic": "Dịch vụ công"},
    )
    assert response.status_code == 302
    assert community_class.sessions.filter(topic="Dịch vụ công").exists()
    assert AuditEvent.objects.filter(verb="courses.class_session_added").count() == 3


def test_learner_sees_only_their_own_attendance(client, people, community_class, add_members):
    from courses.classes.attendance import do_mark_attendance

    first, second = add_members(2)
    session = community_class.sessions.first()
    do_mark_attendance(
        actor=people["instructor"],
        session=session,
        payload={"session": session.pk, "marks": [{"learner": first.pk, "status": "present"}]},
    )
    client.force_login(first)
    page = client.get(reverse("classes:mine")).content.decode()
    assert "Lớp kỹ năng số tổ dân phố số 1" in page and "có mặt" in page
    client.force_login(second)
    page = client.get(reverse("classes:mine")).content.decode()
    assert "có mặt" not in page
