""" "Học tập của tôi" (the signed-in learner's home, /accounts/me/) does not
ask the database on every request what is the same on every request of that
learner: which tools their roles, permissions, units, team and ambassador
status give them. That answer is kept in the session under the permissions
generation (lms.accounts.admin_access, like the "Enrol learners" role check),
so a role, a unit, a team membership or an ambassador added shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.accounts.roles import Role, grant_role

pytestmark = pytest.mark.django_db

ROLE_AND_SCOPE_TABLES = (
    '"auth_group"',
    '"auth_permission"',
    '"movement_teammember"',
    '"movement_ambassador"',
    '"units_unit"',
)


def _warm(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured.captured_queries]


@pytest.fixture
def learner_on_a_course(client, make_user, make_course, make_item):
    course = make_course([make_item(f"Bài {n}") for n in range(3)], slug="cua-toi")
    learner = make_user()
    client.force_login(learner)
    client.post(reverse("courses:enrol", args=[course.slug]))
    return learner


def test_my_learning_asks_only_for_the_learners_own_rows_on_a_warm_request(
    client, learner_on_a_course
):
    body, sql = _warm(client, reverse("accounts:dashboard"))
    assert "Bài 0" in body
    checks = [q for q in sql if any(table in q for table in ROLE_AND_SCOPE_TABLES)]
    assert not checks, checks
    # session, user, enrolments, done steps, attempts, certificates, notifications
    assert len(sql) == 7, sql


def test_a_role_given_shows_its_tools_on_the_next_request(client, learner_on_a_course):
    url = reverse("accounts:dashboard")
    classes = 'data-tool="classes"'
    assert classes not in client.get(url).content.decode()
    assert classes not in client.get(url).content.decode()  # kept

    grant_role(learner_on_a_course, Role.INSTRUCTOR)
    assert classes in client.get(url).content.decode()
    learner_on_a_course.groups.clear()
    assert classes not in client.get(url).content.decode()


def test_a_home_unit_and_a_team_membership_show_on_the_next_request(
    client, learner_on_a_course, make_unit
):
    from movement.models import Ambassador, CommunityDigitalTeam, TeamMember

    url = reverse("accounts:dashboard")
    grant_role(learner_on_a_course, Role.UNIT_MANAGER)
    units = 'data-tool="units"'
    assert units not in client.get(url).content.decode()  # a manager without a unit
    ward = make_unit()
    learner_on_a_course.home_unit = ward
    learner_on_a_course.save(update_fields=["home_unit"])
    assert units in client.get(url).content.decode()

    team_page = 'data-tool="my_team"'
    assert team_page not in client.get(url).content.decode()
    team = CommunityDigitalTeam.objects.create(unit=ward, name="Tổ thôn 1")
    member = TeamMember.objects.create(team=team, user=learner_on_a_course, full_name="An")
    assert team_page in client.get(url).content.decode()
    member.delete()
    assert team_page not in client.get(url).content.decode()

    ambassador_page = 'data-tool="my_learners"'
    assert ambassador_page not in client.get(url).content.decode()
    Ambassador.objects.create(user=learner_on_a_course, unit=ward)
    assert ambassador_page in client.get(url).content.decode()


def test_a_learner_in_a_village_pays_one_query_for_the_home_units_full_name(
    client, learner_on_a_course, unit_tree
):
    learner_on_a_course.home_unit = unit_tree["village"]
    learner_on_a_course.save(update_fields=["home_unit"])
    body, sql = _warm(client, reverse("accounts:dashboard"))
    assert unit_tree["village"].full_name() in body
    assert len([q for q in sql if '"units_unit"' in q]) == 1, sql
