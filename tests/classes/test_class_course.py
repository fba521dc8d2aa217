"""The class ⇄ course link (issue 12 §7): setting the course of a class enrols its
whole roster in one audited step, and learners added later follow it too."""

import pytest
from django.urls import reverse

from courses.models import CommunityClass, Enrolment
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def enrolled(course):
    return set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True))


def test_setting_the_course_enrols_the_roster_and_later_members(
    client, people, community_class, add_members, class_course
):
    members = add_members(3)
    instructor = people["instructor"]
    client.force_login(instructor)
    response = client.post(
        reverse("classes:set_course", args=[community_class.pk]),
        {"course": class_course.pk, "enrol_roster": "on"},
    )
    assert response.status_code == 302
    assert CommunityClass.objects.get(pk=community_class.pk).course == class_course
    assert enrolled(class_course) == {m.pk for m in members}
    assert set(Enrolment.objects.values_list("source", "enrolled_by")) == {
        ("instructor", instructor.pk)
    }
    linked = AuditEvent.objects.get(verb="courses.class_course_set")
    assert linked.actor == instructor
    assert linked.extra == {"course": class_course.pk, "enrolled": 3}
    batch = AuditEvent.objects.get(verb="courses.learners_enrolled")
    assert batch.extra["class"] == community_class.pk
    assert sorted(batch.extra["learners"]) == sorted(m.pk for m in members)
    page = client.get(reverse("classes:detail", args=[community_class.pk])).content.decode()
    assert class_course.title in page

    community_class.refresh_from_db()  # as the next request reads it
    (late,) = add_members(1)  # joins the class at the third session
    assert late.pk in enrolled(class_course)

    # Setting it again enrols nobody twice.
    client.post(
        reverse("classes:set_course", args=[community_class.pk]),
        {"course": class_course.pk, "enrol_roster": "on"},
    )
    assert Enrolment.objects.filter(course=class_course).count() == 4
    assert AuditEvent.objects.filter(verb="courses.learners_enrolled").count() == 2


def test_the_course_can_be_set_without_enrolling_and_cleared(
    client, people, community_class, add_members, class_course
):
    add_members(2)
    client.force_login(people["manager"])
    url = reverse("classes:set_course", args=[community_class.pk])
    client.post(url, {"course": class_course.pk})
    assert CommunityClass.objects.get(pk=community_class.pk).course == class_course
    assert not Enrolment.objects.exists()
    client.post(url, {"course": ""})
    assert CommunityClass.objects.get(pk=community_class.pk).course is None
    assert AuditEvent.objects.filter(verb="courses.class_course_set").count() == 2


def test_an_unpublished_course_changes_nothing(
    client, people, community_class, add_members, class_course
):
    add_members(2)
    class_course.live = False
    class_course.save()
    client.force_login(people["instructor"])
    client.post(
        reverse("classes:set_course", args=[community_class.pk]),
        {"course": class_course.pk, "enrol_roster": "on"},
    )
    assert CommunityClass.objects.get(pk=community_class.pk).course is None
    assert not Enrolment.objects.exists()
    assert not AuditEvent.objects.filter(verb="courses.class_course_set").exists()


@pytest.mark.parametrize(("who", "status"), [("far_manager", 404), ("learner", 403)])
def test_only_the_class_staff_set_its_course(
    client, people, community_class, class_course, who, status
):
    client.force_login(people[who])
    response = client.post(
        reverse("classes:set_course", args=[community_class.pk]),
        {"course": class_course.pk, "enrol_roster": "on"},
    )
    assert response.status_code == status
    assert CommunityClass.objects.get(pk=community_class.pk).course is None
