"""A manager sets up a team and an ambassador through the coverage page; the
quarter's calendar prepares drafts and reminds managers; a province sees its
communes' submitted reports rolled up; the dashboard's queries do not grow
with learners."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from movement import actions
from movement.models import (
    AmbassadorAssignment,
    CommunityDigitalTeam,
    QuarterlyReport,
    TeamMember,
    TeamTarget,
)
from movement.reports.schedule import prepare_and_remind
from movement.tasks import render_report_files

pytestmark = pytest.mark.django_db


def post(client, at, form, **data):
    payload = {"form": form, **{f"{form}-{key}": value for key, value in data.items()}}
    return client.post(reverse("movement:coverage", args=[at.code]), payload)


def test_manager_sets_up_a_team_and_an_ambassador(client, manager, ward, residents, make_user):
    client.force_login(manager)
    assert post(client, ward["ward"], "team", unit=ward["g1"].pk, name="Tổ số 1").status_code == 302
    team = CommunityDigitalTeam.objects.get()
    volunteer = make_user(home_unit=ward["g1"], phone="+84912000111", username="hoa")
    response = post(
        client,
        ward["ward"],
        "member",
        team=team.pk,
        full_name="Lê Thị Hoa",
        phone="0912000111",
        role="leader",
        account="0912 000 111",
    )
    assert response.status_code == 302
    assert TeamMember.objects.get().user == volunteer
    year = timezone.localdate().year
    response = post(
        client,
        ward["ward"],
        "team_target",
        team=team.pk,
        year=year,
        quarter=1,
        kind="guidance_visit",
        count=30,
    )
    assert response.status_code == 302 and TeamTarget.objects.get().count == 30

    holder = residents["g1"][0]
    assert post(client, ward["ward"], "ambassador", account=holder.username).status_code == 302
    ambassador = holder.digital_ambassador
    learner = residents["g2"][1]
    response = post(
        client, ward["ward"], "assignment", ambassador=ambassador.pk, account=learner.username
    )
    assert response.status_code == 302, [
        line for line in response.content.decode().splitlines() if "alert" in line
    ]
    assert AmbassadorAssignment.objects.get().learner == learner
    body = client.get(reverse("movement:coverage", args=[ward["ward"].code])).content.decode()
    assert "1 người học có đại sứ số kèm cặp." in body
    # Each ambassador's results: learners followed 1, of whom certified 0.
    assert "<td>Người dân g1-0</td><td>Phường Lê Ích Mộc</td><td>1</td><td>0</td>" in body
    assert AuditEvent.objects.filter(verb__startswith="movement.").count() == 5

    # Someone outside the manager's units is not found, and nothing changes.
    stranger = make_user(home_unit=ward["other"], username="xa-khac")
    response = post(
        client, ward["ward"], "assignment", ambassador=ambassador.pk, account=stranger.username
    )
    assert response.status_code == 400
    assert "Không có tài khoản" in response.content.decode()
    assert AmbassadorAssignment.objects.count() == 1


def test_the_calendar_prepares_drafts_and_reminds_once(manager, ward, settings):
    manager.email = "quanly@example.vn"
    manager.save()
    assert prepare_and_remind(datetime.date(2026, 11, 20)) == 0  # not the last month yet
    assert not QuarterlyReport.objects.exists()
    assert prepare_and_remind(datetime.date(2026, 12, 1)) == 1
    report = QuarterlyReport.objects.get()
    assert (report.unit, report.period.quarter, report.status) == (ward["ward"], 4, "draft")
    assert len(mail.outbox) == 1 and "Báo cáo quý 4/2026" in mail.outbox[0].subject
    assert "15/12/2026" in mail.outbox[0].body
    assert prepare_and_remind(datetime.date(2026, 12, 2)) == 0  # reminded once
    assert prepare_and_remind(datetime.date(2026, 12, 15)) == 0  # due date passed


def test_the_dashboard_shows_the_waiting_draft(client, manager, ward):
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    actions.do_prepare_report(actor=None, unit=ward["ward"], year=year, quarter=quarter)
    client.force_login(manager)
    body = client.get(reverse("movement:dashboard", args=[ward["ward"].code])).content.decode()
    assert f"Dự thảo báo cáo quý {quarter}/{year} đang chờ" in body


def test_a_province_sees_its_communes_reports_rolled_up(
    client, manager, ward, residents, make_user, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    actions.do_record_population(
        actor=manager,
        unit=ward["ward"],
        audience="resident",
        value=20,
        source="TK",
        as_of=today,
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = actions.do_prepare_report(
            actor=manager, unit=ward["ward"], year=year, quarter=quarter
        )
        actions.do_submit_report(actor=manager, report=report)
    render_report_files.apply(args=[report.pk])
    province_manager = make_user(Role.UNIT_MANAGER, home_unit=ward["province"])
    client.force_login(province_manager)
    body = client.get(reverse("movement:reports", args=[ward["province"].code])).content.decode()
    assert "Phường Lê Ích Mộc" in body
    assert (
        "<td>3</td><td>20</td><td>15,0 %</td>" in body
        or "<td>3</td><td>20</td><td>15.0 %</td>" in body
    )
    pdf = client.get(reverse("movement:download", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200
    client.force_login(make_user(Role.UNIT_MANAGER, home_unit=ward["other"]))
    assert client.get(reverse("movement:download", args=[report.pk, "pdf"])).status_code == 404


def test_dashboard_queries_do_not_grow_with_learners(
    client, manager, ward, make_user, certify, django_assert_max_num_queries
):
    client.force_login(manager)
    url = reverse("movement:dashboard", args=[ward["ward"].code])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from movement.figures_cache import figures_changed

    figures_changed()  # measure the figures being computed, not served from the cache
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(15):
        certify(make_user(home_unit=ward["g1"], full_name=f"Thêm {index}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_beat_runs_the_drafts_and_the_roll_up_every_day(settings):
    """The calendar above only acts when beat calls it: both jobs are in the
    schedule, daily, under the names of registered tasks."""
    from celery.schedules import crontab

    from lms.celery import app
    from movement import tasks

    by_task = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for task in (tasks.prepare_quarterly_drafts, tasks.rebuild_rollup):
        entry = by_task[task.name]
        assert task.name in app.tasks
        assert isinstance(entry["schedule"], crontab)
        assert entry["schedule"].day_of_month == set(range(1, 32))
        assert len(entry["schedule"].hour) == 1
