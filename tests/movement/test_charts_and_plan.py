"""Issue 13, points 3 and 5: the dashboard's charts are SVG drawn by the
server (progress bars, a trend line per quarter) with their figures also in a
table, nothing fetched from another site; targets default from the plan (80 %
in 2025, 100 % in 2026; VNeID 40 % then 60 %) and a commune's own target is
inherited by its villages only; a denominator's earlier figures stay as history."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from movement import actions
from movement.measure import target_for
from movement.models import PopulationFigure

pytestmark = pytest.mark.django_db


def test_charts_are_server_svg_with_a_table_and_no_cdn(client, manager, ward, residents):
    today = timezone.localdate()
    actions.do_record_population(
        actor=manager, unit=ward["ward"], audience="resident", value=20, source="TK", as_of=today
    )
    client.force_login(manager)
    body = client.get(reverse("movement:dashboard", args=[ward["ward"].code])).content.decode()
    assert body.count('class="progress-bar"') >= 3  # the ward and its two groups
    trend = re.search(r'<svg class="trend".*?</svg>', body, re.S).group(0)
    assert trend.count("<circle") == 4 and "<polyline" in trend
    assert "Tỷ lệ được công nhận cuối mỗi quý" in body or "trend-caption" in body
    # Every script and stylesheet comes from the site itself.
    for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', body):
        assert src.startswith("/"), src


def test_targets_default_from_the_plan_and_are_inherited_downward(manager, ward):
    assert target_for(ward["g1"], "resident", "certified", 2025) == 80
    assert target_for(ward["g1"], "resident", "certified", 2026) == 100
    assert target_for(ward["g1"], "resident", "vneid_confirmed", 2025) == 40
    assert target_for(ward["g1"], "resident", "vneid_confirmed", 2026) == 60
    actions.do_set_target(
        actor=manager,
        unit=ward["ward"],
        audience="resident",
        year=2026,
        indicator="certified",
        percent=90,
    )
    assert target_for(ward["g1"], "resident", "certified", 2026) == 90
    assert target_for(ward["other"], "resident", "certified", 2026) == 100  # not the ward's
    actions.do_set_target(
        actor=manager,
        unit=ward["g2"],
        audience="resident",
        year=2026,
        indicator="certified",
        percent=70,
    )
    assert target_for(ward["g2"], "resident", "certified", 2026) == 70
    assert target_for(ward["g1"], "resident", "certified", 2026) == 90


def test_a_denominator_keeps_its_history_and_the_latest_counts(client, manager, ward, residents):
    today = timezone.localdate()
    for value, source in ((10, "Thống kê 2024"), (12, "Thống kê 2025")):
        actions.do_record_population(
            actor=manager,
            unit=ward["g2"],
            audience="resident",
            value=value,
            source=source,
            as_of=today,
        )
    assert PopulationFigure.objects.count() == 2
    client.force_login(manager)
    page = client.get(reverse("movement:figures", args=[ward["g2"].code])).content.decode()
    assert "Thống kê 2024" in page and "Thống kê 2025" in page
    dashboard = client.get(reverse("movement:dashboard", args=[ward["g2"].code])).content.decode()
    assert "(1 / 12)" in dashboard  # 1 certified of the latest figure, 12
