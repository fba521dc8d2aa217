"""Who may do what with courses: enrolment of others by role and scope, the
bulk enrolment page, the editors' admin, and the certificate rule."""

import pytest
from django.urls import reverse

from courses.completion import completed_courses_rule, course_completed
from courses.enrolment import do_enrol_learners
from courses.errors import CannotEnrol
from courses.models import CourseCompletion, Enrolment
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent


@pytest.fixture
def course(make_course, three_items):
    return make_course(three_items)


@pytest.fixture
def people(make_user, unit_tree):
    ward, village = unit_tree["hoan_kiem"], unit_tree["village"]
    return {
        "instructor": make_user(Role.INSTRUCTOR, home_unit=ward, audience=""),
        "manager": make_user(Role.UNIT_MANAGER, home_unit=ward, audience=""),
        "editor": make_user(Role.EDITOR, audience=""),
        "learner": make_user(Role.LEARNER, home_unit=village),
        "other_learner": make_user(Role.LEARNER, home_unit=village),
        "far_learner": make_user(Role.LEARNER, home_unit=unit_tree["son_mai"]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["instructor", "manager"])
def test_instructors_and_managers_enrol_learners_of_their_units(role, people, course):
    actor = people[role]
    learners = [people["learner"], people["other_learner"]]
    assert do_enrol_learners(actor, course, learners) == 2
    assert do_enrol_learners(actor, course, learners) == 0  # idempotent
    assert Enrolment.objects.filter(course=course).count() == 2
    event = AuditEvent.objects.get(verb="courses.learners_enrolled")
    assert event.actor == actor and sorted(event.extra["learners"]) == sorted(
        learner.pk for learner in learners
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["instructor", "manager"])
def test_a_learner_outside_the_scope_stops_the_whole_batch(role, people, course):
    with pytest.raises(CannotEnrol):
        do_enrol_learners(people[role], course, [people["learner"], people["far_learner"]])
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "learner"])
def test_learners_and_editors_cannot_enrol_others(role, people, course):
    with pytest.raises(CannotEnrol):
        do_enrol_learners(people[role], course, [people["other_learner"]])
    assert not Enrolment.objects.exists()


@pytest.mark.django_db
def test_bulk_enrolment_page(client, people, course):
    client.force_login(people["learner"])
    url = reverse("courses:enrol_learners", args=[course.slug])
    assert client.get(url).status_code == 403

    client.force_login(people["manager"])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"identifiers": f"{people['learner'].username}\nkhong-ai-ca"})
    assert "Không tìm thấy tài khoản: khong-ai-ca" in bad.content.decode()
    assert not Enrolment.objects.exists()
    outside = client.post(url, {"identifiers": people["far_learner"].username})
    assert "Bạn không được ghi danh những học viên này" in outside.content.decode()
    assert not Enrolment.objects.exists()
    good = client.post(
        url, {"identifiers": f"{people['learner'].username}\n{people['other_learner'].username}"}
    )
    assert good.status_code == 302
    assert set(Enrolment.objects.values_list("source", flat=True)) == {"bulk"}
    assert Enrolment.objects.count() == 2


@pytest.mark.django_db
def test_course_admin_by_role(client, people):
    from lms.accounts.roles import sync_roles

    sync_roles()
    url = reverse("wagtailsnippets_courses_course:list")
    client.force_login(people["editor"])
    assert client.get(url).status_code == 200
    client.force_login(people["learner"])
    assert client.get(url).status_code in (302, 403)


@pytest.mark.django_db
def test_completion_rule_for_the_certificate(people, make_course, three_items, framework):
    learner = people["learner"]
    optional_course = make_course(three_items[:1], slug="khong-bat-buoc")
    assert completed_courses_rule(learner, "resident", framework) is True
    required = make_course(three_items[1:], slug="bat-buoc", certificate_framework=framework)
    reason = completed_courses_rule(learner, "resident", framework)
    assert reason.code == "course_not_completed" and reason.params["slug"] == "bat-buoc"
    assert completed_courses_rule(learner, "student", framework) is True  # other audience
    CourseCompletion.objects.create(user=learner, course=required)
    assert completed_courses_rule(learner, "resident", framework) is True
    assert course_completed(learner, required) and not course_completed(learner, optional_course)
