"""Role changes reach the audit trail whoever's form makes them (Django's or
Wagtail's admin), naming the administrator who saved."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_granting_a_role_in_the_admin_is_recorded_with_the_administrator(
    client, make_user, unit_tree
):
    admin = make_user(Role.ADMINISTRATOR, full_name="Quản trị")
    person = make_user(Role.LEARNER, full_name="Lê Thị Hoa", home_unit=unit_tree["hoan_kiem"])
    instructors = Group.objects.get(name=Role.INSTRUCTOR.value)
    learners = Group.objects.get(name=Role.LEARNER.value)
    AuditEvent.objects.all().delete()
    client.force_login(admin)
    joined = timezone.localtime(person.date_joined)
    response = client.post(
        reverse("admin:accounts_user_change", args=[person.pk]),
        {
            "username": person.username,
            "is_active": "on",
            "groups": [learners.pk, instructors.pk],
            "date_joined_0": joined.strftime("%Y-%m-%d"),
            "date_joined_1": joined.strftime("%H:%M:%S"),
            "full_name": person.full_name,
            "home_unit": unit_tree["hoan_kiem"].pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    event = AuditEvent.objects.get(verb="accounts.roles_changed")
    assert event.actor == admin
    assert event.target_id == str(person.pk) and event.unit == unit_tree["hoan_kiem"]
    assert event.extra == {"added": [Role.INSTRUCTOR.value]}


def test_taking_a_role_away_from_the_group_side_is_recorded(make_user):
    person = make_user(Role.UNIT_MANAGER)
    managers = Group.objects.get(name=Role.UNIT_MANAGER.value)
    managers.user_set.remove(person)
    event = AuditEvent.objects.filter(verb="accounts.roles_changed").latest("id")
    assert event.actor is None  # a command or the shell: the system
    assert event.extra == {"removed": [Role.UNIT_MANAGER.value]}


def test_signing_up_as_a_learner_is_not_a_role_change(make_user):
    make_user(Role.LEARNER)
    assert not AuditEvent.objects.filter(verb="accounts.roles_changed").exists()
