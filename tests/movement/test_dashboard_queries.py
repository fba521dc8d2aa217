"""The dashboard, the quarterly snapshot and the ranking read each table once
per page, whatever the number of units, learners and indicators (the
province-scale bench found the unit tree, the denominators and the targets
read again for every indicator and every quarter of the trend)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.units.models import UnitKind
from movement.figures_cache import figures_changed

pytestmark = pytest.mark.django_db


def reads_of(captured, table: str) -> int:
    return sum(1 for q in captured if re.search(rf'FROM "{table}"', q["sql"]))


def dashboard_queries(client, unit):
    url = reverse("movement:dashboard", args=[unit.code])
    client.get(url)  # warm per-process caches (content types, site)
    figures_changed()  # measure the figures being computed, not served from the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return captured


def subtree_reads(captured) -> int:
    """Whole-subtree reads of the unit table (scope checks stop at one row)."""
    return sum(
        1
        for q in captured
        if 'FROM "units_unit"' in q["sql"] and "LIKE" in q["sql"] and "LIMIT" not in q["sql"]
    )


def test_dashboard_reads_the_unit_tree_and_figures_once(client, manager, residents, ward):
    client.force_login(manager)
    captured = dashboard_queries(client, ward["ward"])
    assert subtree_reads(captured) == 1
    assert reads_of(captured, "movement_populationfigure") == 1
    assert reads_of(captured, "movement_target") == 1
    assert reads_of(captured, "movement_reportedindicatorvalue") == 1


def test_dashboard_queries_do_not_grow_with_villages_or_learners(
    client, manager, residents, ward, make_unit, make_user, certify
):
    client.force_login(manager)
    before = len(dashboard_queries(client, ward["ward"]))
    for index in range(5):
        village = make_unit(
            f"Tổ dân phố thêm {index}", UnitKind.RESIDENTIAL_GROUP, parent=ward["ward"]
        )
        for _person in range(3):
            certify(make_user(home_unit=village, audience="resident"))
    after = len(dashboard_queries(client, ward["ward"]))
    assert after == before


def test_the_quarterly_snapshot_reads_the_unit_tree_once(manager, residents, ward):
    from movement import indicators
    from movement.actions import period_for
    from movement.reports import snapshot

    year, quarter = indicators.quarter_of(timezone.localdate())
    with CaptureQueriesContext(connection) as captured:
        snapshot.build(ward["ward"], period_for(year, quarter))
    assert subtree_reads(captured) == 1
    assert reads_of(captured, "movement_populationfigure") == 1
    assert reads_of(captured, "movement_target") == 1


def warm_dashboard_queries(client, unit):
    url = reverse("movement:dashboard", args=[unit.code])
    client.get(url)  # the figures kept, per-process caches warm
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured]


def test_a_served_dashboard_checks_scope_once_whatever_the_depth(client, manager, ward):
    """With its figures kept, a dashboard's own reads are the unit, the period and a
    waiting report: no separate "manages anything?" check, and the breadcrumb's
    ancestors in one read, not one per level."""
    client.force_login(manager)
    own = warm_dashboard_queries(client, ward["ward"])
    below = warm_dashboard_queries(client, ward["g1"])
    assert not [sql for sql in own + below if sql.startswith('SELECT 1 AS "a"')]
    assert len(below) == len(own)


def test_dashboard_reads_the_certified_roll_up_once_for_every_quarter(
    client, manager, residents, ward
):
    """The figure of today and the trend's four quarters come from one read of the
    roll-up, summed by quarter, not one read per point."""
    client.force_login(manager)
    captured = dashboard_queries(client, ward["ward"])
    assert reads_of(captured, "movement_certifieddaily") == 1


def test_a_served_dashboard_reads_no_movement_table(client, manager, ward):
    """The period and whether a draft report waits are kept with the figures
    (a report's save stales them like any figure's source)."""
    client.force_login(manager)
    served = warm_dashboard_queries(client, ward["ward"])
    assert not [sql for sql in served if '"movement_' in sql]
