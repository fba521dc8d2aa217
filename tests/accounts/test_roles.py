import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.accounts.roles import ROLE_PERMISSIONS, Role


@pytest.mark.django_db
def test_every_role_group_exists_with_its_permissions():
    for role, wanted in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        if wanted == ["*"]:
            assert len(granted) > 100
        else:
            assert set(wanted) <= granted, (role, set(wanted) - granted)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "can_open_cms_admin"),
    [
        (Role.LEARNER, False),
        (Role.INSTRUCTOR, False),
        (Role.UNIT_MANAGER, False),
        (Role.EDITOR, True),
        (Role.REVIEWER, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_library_admin_is_for_editors_reviewers_and_administrators(
    client, make_user, role, can_open_cms_admin
):
    client.force_login(make_user(role))
    response = client.get(reverse("wagtailadmin_home"))
    if can_open_cms_admin:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/login" in response.url


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.LEARNER, Role.INSTRUCTOR, Role.EDITOR, Role.UNIT_MANAGER])
def test_django_admin_is_for_administrators_only(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get("/django-admin/").status_code == 302
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert client.get("/django-admin/").status_code == 200


@pytest.mark.django_db
def test_people_list_shows_only_people_in_the_managers_scope(client, make_user, unit_tree):
    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])
    make_user(full_name="Trần Văn Trong", home_unit=unit_tree["village"])
    make_user(full_name="Lê Thị Ngoài", home_unit=unit_tree["son_mai"])
    client.force_login(manager)
    body = client.get(reverse("accounts:manage_people")).content.decode()
    assert "Trần Văn Trong" in body
    assert "Lê Thị Ngoài" not in body


@pytest.mark.django_db
def test_people_list_is_forbidden_for_learners(client, make_user):
    client.force_login(make_user(Role.LEARNER))
    assert client.get(reverse("accounts:manage_people")).status_code == 403


@pytest.mark.django_db
def test_permissions_of_the_last_installed_app_reach_their_roles():
    """Roles sync after every app's permissions exist, whatever the app order."""
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    declared = [
        name
        for names in ROLE_PERMISSIONS.values()
        for name in names
        if name.startswith(f"{last.label}.")
    ]
    assert declared, f"no role declares a permission of {last.label}"
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for group in Group.objects.all()
        for p in group.permissions.filter(content_type__app_label=last.label)
    }
    assert set(declared) <= granted
