"""The movement demo: one ward with residential groups, a team with a year of
activities, figures, a public ranking and a submitted report; safe to rerun."""

import pytest
from django.utils import timezone

from lms.accounts.roles import Role
from lms.units.models import UnitKind
from movement import demo
from movement.measure import progress_table
from movement.models import (
    ActivityLog,
    Ambassador,
    CommunityDigitalTeam,
    PopulationFigure,
    QuarterlyReport,
    RankingBoard,
    ReportedIndicatorValue,
    TeamMember,
)
from movement.tasks import render_report_files

pytestmark = pytest.mark.django_db


def test_demo_loads_once(
    make_unit, make_user, certify, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    ward = make_unit("Phường Hoàn Kiếm", UnitKind.WARD, code="00070")
    make_user(Role.UNIT_MANAGER, username="quanly", home_unit=ward)
    # The certificates demo's learner, who becomes the ward's digital ambassador.
    certify(make_user(username="hocvien", home_unit=ward))
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
    assert ward.children.count() == 3
    assert PopulationFigure.objects.count() == 3
    assert ActivityLog.objects.count() == 27
    assert ReportedIndicatorValue.objects.count() == 4
    # A year of reported figures: one per quarter, the last four quarters.
    assert ReportedIndicatorValue.objects.values("period").distinct().count() == 4
    assert CommunityDigitalTeam.objects.count() == 2
    ambassador = Ambassador.objects.get()
    # The demo learner can try both field pages on `make run`: their team, their learners.
    assert TeamMember.objects.filter(user=ambassador.user).exists()
    assert ambassador.assignments.filter(ended_at__isnull=True).exists()
    assert RankingBoard.objects.get(unit=ward).is_public
    report = QuarterlyReport.objects.get()
    assert report.is_submitted
    render_report_files.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.pdf and report.xlsx
    # The counted indicators are not zero: 1 of 2 teams, 1 of 1 learning corner.
    today = timezone.localdate()
    for indicator, expected in (("team_targets_met", (1, 2)), ("learning_corners_active", (1, 1))):
        own, _kids = progress_table(ward, "resident", indicator, today.year, today)
        assert (own.progress.achieved, own.progress.denominator) == expected
    assert any(row["indicator"] == "team_targets_met" for row in report.snapshot["rows"])
    demo.seed()
    assert ActivityLog.objects.count() == 27
