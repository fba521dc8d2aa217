"""Issue 9, point 1: a unit manager issues reset codes for learners only, every
code is on the audit trail, and the learner is told at the next sign-in."""

import re

import pytest
from django.urls import reverse

from lms.accounts import actions
from lms.accounts.models import PasswordResetCode
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.errors import NotFound

NEW_PASSWORD = "Mot-mat-khau-moi-2025"

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(make_user, unit_tree):
    return make_user(Role.UNIT_MANAGER, username="quanly", home_unit=unit_tree["hoan_kiem"])


def issue_code(client, manager, person):
    client.force_login(manager)
    response = client.post(reverse("accounts:issue_reset_code", args=[person.pk]))
    client.logout()
    return response


def code_in(response) -> str:
    return re.search(r'class="big-code"[^>]*>(\d{8})<', response.content.decode()).group(1)


def test_a_manager_cannot_take_over_the_superuser(client, manager, make_user, unit_tree):
    """The attack as reported: quanly issues a code for admin, resets admin's
    password anonymously and signs in to the Django admin as superuser."""
    admin = make_user(Role.ADMINISTRATOR, username="admin", home_unit=unit_tree["hoan_kiem"])
    admin.is_superuser = True
    admin.save()
    response = issue_code(client, manager, admin)
    found = re.search(r'class="big-code"[^>]*>(\d{8})<', response.content.decode())
    client.post(
        reverse("accounts:reset_with_code"),
        {
            "identifier": "admin",
            "code": found.group(1) if found else "12345678",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    client.post(reverse("accounts:login"), {"username": "admin", "password": NEW_PASSWORD})
    admin_page = client.get("/django-admin/")
    assert admin_page.status_code == 302, "the manager took over the superuser"
    assert response.status_code == 404
    assert not PasswordResetCode.objects.filter(user=admin).exists()
    admin.refresh_from_db()
    assert not admin.check_password(NEW_PASSWORD)


def _superuser(make_user, home_unit):
    user = make_user(None, home_unit=home_unit)
    user.is_superuser = True
    user.is_staff = True
    user.save()
    return user


def _staff_flag_only(make_user, home_unit):
    user = make_user(Role.LEARNER, home_unit=home_unit)
    user.is_staff = True
    user.save()
    return user


def _direct_permission(make_user, home_unit):
    from django.contrib.auth.models import Permission

    user = make_user(Role.LEARNER, home_unit=home_unit)
    user.user_permissions.add(Permission.objects.get(codename="view_attempt"))
    return user


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda mk, unit: mk(Role.INSTRUCTOR, home_unit=unit), id="instructor"),
        pytest.param(lambda mk, unit: mk(Role.EDITOR, home_unit=unit), id="editor"),
        pytest.param(lambda mk, unit: mk(Role.REVIEWER, home_unit=unit), id="reviewer"),
        pytest.param(lambda mk, unit: mk(Role.UNIT_MANAGER, home_unit=unit), id="manager"),
        pytest.param(lambda mk, unit: mk(Role.ADMINISTRATOR, home_unit=unit), id="administrator"),
        pytest.param(_superuser, id="superuser"),
        pytest.param(_staff_flag_only, id="staff-status"),
        pytest.param(_direct_permission, id="direct-permission"),
    ],
)
def test_no_code_for_staff_accounts_in_scope(client, manager, make_user, unit_tree, build):
    staff = build(make_user, unit_tree["village"])
    response = issue_code(client, manager, staff)
    assert response.status_code == 404
    assert not PasswordResetCode.objects.exists()
    assert not AuditEvent.objects.filter(verb="accounts.reset_code_issued").exists()


def test_the_action_itself_refuses_staff_whoever_calls_it(manager, make_user, unit_tree):
    instructor = make_user(Role.INSTRUCTOR, home_unit=unit_tree["village"])
    with pytest.raises(NotFound):
        actions.do_issue_reset_code(user=instructor, issued_by=manager)
    # An administrator (all units in scope) is refused too: staff reset by email or in the admin.
    admin = _superuser(make_user, unit_tree["hanoi"])
    with pytest.raises(NotFound):
        actions.do_issue_reset_code(user=instructor, issued_by=admin)
    assert not PasswordResetCode.objects.exists()


def test_the_manager_can_no_longer_issue_once_the_learner_becomes_staff(
    client, manager, make_user, unit_tree
):
    learner = make_user(home_unit=unit_tree["village"])
    from lms.accounts.roles import grant_role

    grant_role(learner, Role.INSTRUCTOR)
    assert issue_code(client, manager, learner).status_code == 404


def test_out_of_scope_learner_is_not_found(client, manager, make_user, unit_tree):
    outsider = make_user(home_unit=unit_tree["son_mai"])
    assert issue_code(client, manager, outsider).status_code == 404
    with pytest.raises(NotFound):
        actions.do_issue_reset_code(user=outsider, issued_by=manager)
    assert not PasswordResetCode.objects.exists()


def test_people_list_offers_codes_for_learners_only(client, manager, make_user, unit_tree):
    learner = make_user(full_name="Học Viên Một", home_unit=unit_tree["village"])
    instructor = make_user(
        Role.INSTRUCTOR, full_name="Giảng Viên Hai", home_unit=unit_tree["village"]
    )
    client.force_login(manager)
    html = client.get(reverse("accounts:manage_people")).content.decode()
    assert reverse("accounts:issue_reset_code", args=[learner.pk]) in html
    assert reverse("accounts:issue_reset_code", args=[instructor.pk]) not in html


def test_learner_code_is_recorded_and_the_learner_told_once(client, manager, make_user, unit_tree):
    learner = make_user(phone="+84987654321", home_unit=unit_tree["village"])
    response = issue_code(client, manager, learner)
    assert response.status_code == 200
    code = code_in(response)

    stored = PasswordResetCode.objects.get(user=learner)
    assert stored.issued_by == manager and stored.created_at is not None
    issued = AuditEvent.objects.get(verb="accounts.reset_code_issued")
    assert issued.actor == manager
    assert issued.target_id == str(learner.pk) and issued.target_type == "accounts.user"
    assert issued.unit == unit_tree["village"]

    response = client.post(
        reverse("accounts:reset_with_code"),
        {
            "identifier": "0987654321",
            "code": code,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    used = AuditEvent.objects.get(verb="accounts.password_reset_by_code")
    assert used.actor is None and used.target_id == str(learner.pk)
    assert used.extra["issued_by"] == manager.username

    login = {"username": "0987 654 321", "password": NEW_PASSWORD}
    page = client.post(reverse("accounts:login"), login, follow=True).content.decode()
    assert "Phường Hoàn Kiếm" in page
    assert "mật khẩu của bạn đã được đặt lại" in page.lower()
    client.logout()
    again = client.post(reverse("accounts:login"), login, follow=True).content.decode()
    assert "mật khẩu của bạn đã được đặt lại" not in again.lower()


def test_a_code_that_was_never_used_gives_no_notice(client, manager, make_user, unit_tree):
    from tests.conftest import PASSWORD

    learner = make_user(phone="+84987654321", home_unit=unit_tree["village"])
    issue_code(client, manager, learner)
    login = {"username": "0987654321", "password": PASSWORD}
    page = client.post(reverse("accounts:login"), login, follow=True).content.decode()
    assert "mật khẩu của bạn đã được đặt lại" not in page.lower()


def test_a_code_stops_working_when_its_learner_becomes_staff(client, manager, make_user, unit_tree):
    from lms.accounts.roles import grant_role

    learner = make_user(phone="+84987654321", home_unit=unit_tree["village"])
    code = code_in(issue_code(client, manager, learner))
    grant_role(learner, Role.INSTRUCTOR)
    response = client.post(
        reverse("accounts:reset_with_code"),
        {
            "identifier": "0987654321",
            "code": code,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    learner.refresh_from_db()
    assert not learner.check_password(NEW_PASSWORD)
    assert PasswordResetCode.objects.get(user=learner).used_at is not None
    assert not AuditEvent.objects.filter(verb="accounts.password_reset_by_code").exists()
