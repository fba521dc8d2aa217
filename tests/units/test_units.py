import pytest
from django.core.management import call_command
from django.urls import reverse

from lms.accounts.roles import Role
from lms.units.models import Unit, UnitKind


@pytest.mark.django_db
def test_load_units_loads_the_2025_structure_and_is_idempotent(capsys):
    call_command("load_units")
    assert Unit.objects.filter(kind__in=[UnitKind.PROVINCE, UnitKind.CITY]).count() == 34
    communes = Unit.objects.filter(
        kind__in=[UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE]
    )
    assert communes.count() == 3321
    assert not communes.filter(parent__isnull=True).exists()
    hoan_kiem = Unit.objects.get(code="00070")
    assert hoan_kiem.name == "Phường Hoàn Kiếm"
    assert hoan_kiem.parent.name == "Thành phố Hà Nội"
    assert hoan_kiem.path == "01/00070/"
    capsys.readouterr()
    call_command("load_units")
    assert "0 created, 0 updated, 3355 unchanged" in capsys.readouterr().out
    assert Unit.objects.count() == 3355


@pytest.mark.django_db
def test_units_api_lists_children_for_pickers(client, unit_tree):
    provinces = client.get("/api/v1/units/").json()
    assert [p["code"] for p in provinces] == ["01", "51"]
    children = client.get("/api/v1/units/", {"parent": "01"}).json()
    assert children == [
        {
            "code": "00070",
            "name": "Phường Hoàn Kiếm",
            "kind": "ward",
            "parent": "01",
            "has_children": True,
        }
    ]
    assert client.get("/api/v1/units/", {"parent": "no-such"}).status_code == 404


@pytest.fixture
def manager(make_user, unit_tree):
    return make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])


@pytest.mark.django_db
def test_manager_sees_units_in_scope_and_404_outside(client, manager, unit_tree):
    client.force_login(manager)
    assert client.get(reverse("units:manage")).url == reverse("units:detail", args=["00070"])
    inside = client.get(reverse("units:detail", args=["00070-001"]))
    assert inside.status_code == 200
    assert "Tổ dân phố số 1" in inside.content.decode()
    for outside in ["21700", "51", "01"]:
        assert client.get(reverse("units:detail", args=[outside])).status_code == 404
        assert client.get(f"/api/v1/units/{outside}/").status_code == 404
    assert client.get("/api/v1/units/00070/").json()["name"] == "Phường Hoàn Kiếm"


@pytest.mark.django_db
def test_learner_and_anonymous_cannot_open_unit_details(client, make_user, unit_tree):
    assert client.get("/api/v1/units/00070/").status_code in (401, 403)
    client.force_login(make_user(Role.LEARNER, home_unit=unit_tree["hoan_kiem"]))
    assert client.get(reverse("units:detail", args=["00070"])).status_code == 404
    assert client.get("/api/v1/units/00070/").status_code == 404


@pytest.mark.django_db
def test_manager_adds_a_village_under_their_commune(client, manager, unit_tree):
    client.force_login(manager)
    response = client.post(
        reverse("units:detail", args=["00070"]),
        {"name": "  Tổ dân phố   số 2 ", "kind": "residential_group"},
    )
    assert response.status_code == 302
    created = Unit.objects.get(name="Tổ dân phố số 2")
    assert created.parent == unit_tree["hoan_kiem"]
    assert created.path == "01/00070/00070-002/"
    # The same name twice: a clear message, nothing created.
    again = client.post(
        reverse("units:detail", args=["00070"]),
        {"name": "tổ dân phố số 2", "kind": "residential_group"},
    )
    assert again.status_code == 200
    assert "đã có" in again.content.decode()
    assert Unit.objects.filter(parent=unit_tree["hoan_kiem"]).count() == 2


@pytest.mark.django_db
def test_manager_cannot_add_villages_outside_scope(client, manager, unit_tree):
    client.force_login(manager)
    response = client.post(
        reverse("units:detail", args=["21700"]), {"name": "Thôn 1", "kind": "village"}
    )
    assert response.status_code == 404
    api = client.post(
        "/api/v1/units/local/",
        {"parent": "21700", "name": "Thôn 1", "kind": "village"},
        content_type="application/json",
    )
    assert api.status_code == 404
    assert not Unit.objects.filter(name="Thôn 1").exists()


@pytest.mark.django_db
def test_manager_adds_a_village_through_the_api(client, manager, unit_tree):
    client.force_login(manager)
    response = client.post(
        "/api/v1/units/local/",
        {"parent": "00070", "name": "Tổ dân phố số 9", "kind": "residential_group"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["parent"] == "00070"
