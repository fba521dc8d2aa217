"""The dashboard's figures come from the cache until something they are made of
is written: a second manager at the same meeting costs no subtree read, and a
certificate, a denominator or a new village shows on the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from lms.units.models import UnitKind
from movement import rollup

pytestmark = pytest.mark.django_db


def open_dashboard(client, unit):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("movement:dashboard", args=[unit.code]))
    assert response.status_code == 200
    subtree_reads = sum(
        1
        for q in captured
        if 'FROM "units_unit"' in q["sql"] and "LIKE" in q["sql"] and "LIMIT" not in q["sql"]
    )
    return response.content.decode(), subtree_reads


def test_a_second_manager_is_served_the_same_figures_without_reading_the_subtree(
    client, manager, make_user, residents, ward
):
    client.force_login(manager)
    first, reads = open_dashboard(client, ward["ward"])
    assert reads == 1
    colleague = make_user(Role.UNIT_MANAGER, username="quanly2", home_unit=ward["ward"])
    client.force_login(colleague)
    again, reads = open_dashboard(client, ward["ward"])
    assert reads == 0
    assert "Tổ dân phố 1" in again and "Tổ dân phố 2" in again
    assert again.count("%") == first.count("%")


def test_writes_show_on_the_next_request(
    client, manager, make_user, make_unit, residents, ward, certify
):
    client.force_login(manager)
    open_dashboard(client, ward["ward"])
    # A new village appears.
    make_unit("Tổ dân phố 9", UnitKind.RESIDENTIAL_GROUP, parent=ward["ward"], code="21001-09")
    body, reads = open_dashboard(client, ward["ward"])
    assert reads == 1 and "Tổ dân phố 9" in body
    # A denominator entered through the page.
    before = body
    fields = {
        "audience": "resident",
        "value": 10,
        "source": "Thống kê phường",
        "as_of": timezone.localdate().isoformat(),
    }
    response = client.post(
        reverse("movement:figures", args=[ward["g2"].code]),
        {"form": "population", **{f"population-{key}": value for key, value in fields.items()}},
    )
    assert response.status_code == 302
    body, reads = open_dashboard(client, ward["ward"])
    assert reads == 1 and body != before
    # A certificate for a resident of group 2 (the roll-up follows after commit).
    before = body
    certify(make_user(home_unit=ward["g2"], audience="resident"))
    body, reads = open_dashboard(client, ward["ward"])
    assert reads == 1 and body != before


def test_the_nightly_rebuild_makes_the_figures_stale(client, manager, residents, ward):
    client.force_login(manager)
    open_dashboard(client, ward["ward"])
    rollup.rebuild()  # bulk writes: no post_save, so the rebuild says so itself
    _body, reads = open_dashboard(client, ward["ward"])
    assert reads == 1
