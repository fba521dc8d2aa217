""" "Team targets met" and "learning corners active" from the platform's own
data: on the dashboard, in the quarterly report (XLSX and PDF read back) and
in the province's roll-up."""

import io
import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import ClassSession, CommunityClass
from lms.accounts.roles import Role
from movement import actions, indicators
from movement.models import QuarterlyReport
from movement.reports import snapshot
from movement.tasks import render_report_files
from tests.certificates.conftest import pdf_text

pytestmark = pytest.mark.django_db

TEAMS_LABEL = "Tổ công nghệ số cộng đồng đạt chỉ tiêu"
CORNERS_LABEL = "Điểm học tập cộng đồng hoạt động"


def _team(manager, unit, name, target=None, done=0, kind="guidance_visit"):
    team = actions.do_create_team(actor=manager, unit=unit, name=name)
    year, quarter = indicators.quarter_of(timezone.localdate())
    if target:
        actions.do_set_team_target(
            actor=manager, team=team, year=year, quarter=quarter, kind=kind, count=target
        )
    for _ in range(done):
        actions.do_log_activity(actor=manager, team=team, kind=kind, people=2)
    return team


def _class(unit, kind, place, session_at=None):
    community_class = CommunityClass.objects.create(
        name=f"Lớp {place}", unit=unit, place_kind=kind, place_name=place
    )
    if session_at is not None:
        ClassSession.objects.create(community_class=community_class, starts_at=session_at)
    return community_class


@pytest.fixture
def field(manager, make_user, ward):
    """Ward: g1's team met its target, g2's did not, the ward's own team set none.
    Places: g1's cultural house held a session today (named twice, one place),
    g2's cultural post office only has one planned; a school class does not count.
    The other commune: one team, target met."""
    other_manager = make_user(Role.UNIT_MANAGER, username="quanly-sm", home_unit=ward["other"])
    _team(manager, ward["g1"], "Tổ số 1", target=2, done=2)
    _team(manager, ward["g2"], "Tổ số 2", target=3, done=1, kind="class_held")
    _team(manager, ward["ward"], "Tổ của phường")
    _team(other_manager, ward["other"], "Tổ Sơn Mai", target=1, done=1)
    today_start = timezone.make_aware(datetime.combine(timezone.localdate(), time(0, 0)))
    _class(ward["g1"], "cultural_house", "Nhà văn hóa tổ 1", today_start)
    _class(ward["g1"], "cultural_house", "nhà văn hóa  Tổ 1")
    _class(
        ward["g2"], "cultural_post_office", "Bưu điện văn hóa", timezone.now() + timedelta(days=1)
    )
    _class(ward["g2"], "school", "Trường THCS", today_start)


def _counted_row(body: str, label: str) -> tuple[str, str]:
    match = re.search(re.escape(label) + r"</th><td>(\d+)</td><td>(\d+) ", body)
    assert match, f"{label} is on the dashboard"
    return match.group(1), match.group(2)


def test_the_dashboard_shows_both_indicators_with_their_units(client, manager, ward, field):
    client.force_login(manager)
    body = client.get(reverse("movement:dashboard", args=[ward["ward"].code])).content.decode()
    assert _counted_row(body, TEAMS_LABEL) == ("1", "2")
    assert _counted_row(body, CORNERS_LABEL) == ("1", "2")
    assert "Tổ công nghệ số và điểm học tập trong quý" in body
    assert "50,0 %" in body


def test_the_province_rolls_up_its_communes(client, make_user, ward, field):
    governor = make_user(Role.UNIT_MANAGER, username="quanly-tinh", home_unit=ward["province"])
    client.force_login(governor)
    body = client.get(reverse("movement:dashboard", args=[ward["province"].code])).content.decode()
    assert _counted_row(body, TEAMS_LABEL) == ("2", "3")
    assert _counted_row(body, CORNERS_LABEL) == ("1", "2")
    year, quarter = indicators.quarter_of(timezone.localdate())
    period = actions.period_for(year, quarter)
    rolled = snapshot.roll_up_rows(
        [snapshot.build(ward["ward"], period), snapshot.build(ward["other"], period)]
    )
    teams = next(row for row in rolled if row["indicator"] == "team_targets_met")
    assert (teams["achieved"], teams["denominator"], teams["rate"]) == (2, 3, "66.6")


def test_the_quarterly_report_carries_them(
    client, manager, ward, field, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    year, quarter = indicators.quarter_of(timezone.localdate())
    url = reverse("movement:reports", args=[ward["ward"].code])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"form": "prepare", "year": year, "quarter": quarter})
    report = QuarterlyReport.objects.get()
    render_report_files.apply(args=[report.pk])
    xlsx = client.get(reverse("movement:download", args=[report.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))["Chỉ tiêu"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert rows[TEAMS_LABEL][1:] == ("tổ có chỉ tiêu trong quý", 1, 2, 50.0, 100, 1)
    assert rows[CORNERS_LABEL][1:] == ("điểm học tập đã biết", 1, 2, 50.0, 100, 1)
    pdf = client.get(reverse("movement:download", args=[report.pk, "pdf"]))
    # Table cells wrap: read the words in order.
    words = " ".join(pdf_text(b"".join(pdf.streaming_content), tmp_path).split())
    assert f"{TEAMS_LABEL} tổ có chỉ tiêu trong quý 1 2 50,0 100 1" in words
    assert f"{CORNERS_LABEL} điểm học tập đã biết 1 2 50,0 100 1" in words


def test_a_commune_sets_its_own_target_and_ranks_its_groups_on_teams(client, manager, ward, field):
    client.force_login(manager)
    year = timezone.localdate().year
    response = client.post(
        reverse("movement:figures", args=[ward["ward"].code]),
        {
            "form": "target",
            "target-audience": "resident",
            "target-indicator": "learning_corners_active",
            "target-year": year,
            "target-percent": 50,
        },
    )
    assert response.status_code == 302
    body = client.get(reverse("movement:dashboard", args=[ward["ward"].code])).content.decode()
    corners = body[body.index(CORNERS_LABEL) :]
    assert re.search(r"50,0 %</td><td>50 %</td>", corners)

    actions.do_set_ranking(
        actor=manager, unit=ward["ward"], is_public=True, indicator="team_targets_met"
    )
    client.logout()
    board = client.get(reverse("movement:ranking", args=[ward["ward"].code])).content.decode()
    assert board.index("Tổ dân phố 1") < board.index("Tổ dân phố 2")
