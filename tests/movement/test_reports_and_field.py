"""Quarterly report read back from its XLSX and PDF; the public ranking; a team
member logs an activity; an ambassador follows learners."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from movement import actions
from movement.models import ActivityLog, QuarterlyReport
from movement.tasks import render_report_files
from tests.certificates.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_quarterly_report_files_carry_the_exact_figures(
    client, manager, ward, figures, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    year, quarter = timezone.localdate().year, (timezone.localdate().month - 1) // 3 + 1
    url = reverse("movement:reports", args=[ward["ward"].code])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"form": "prepare", "year": year, "quarter": quarter, "notes": "Ra quân tháng 11"}
        )
    assert response.status_code == 302
    report = QuarterlyReport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"form": "submit", "report": report.pk})
    # A worker renders the files in production; here the task is applied directly.
    render_report_files.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.is_submitted and report.versions.count() == 2
    assert AuditEvent.objects.filter(verb="movement.report_submitted").count() == 1

    xlsx = client.get(reverse("movement:download", args=[report.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))["Chỉ tiêu"]
    assert [c.value for c in sheet[5]][:3] == ["Chỉ tiêu", "Đối tượng", "Số người đạt"]
    resident = [c.value for c in sheet[6]]
    assert resident[2:] == [3, 13, 23.0, 80, 8]
    pdf = client.get(reverse("movement:download", args=[report.pk, "pdf"]))
    text = pdf_text(b"".join(pdf.streaming_content), tmp_path)
    assert f"QUÝ {quarter}/{year}" in text
    assert "PHƯỜNG LÊ ÍCH MỘC" in text
    assert "23,0" in text and "Tổ dân phố 2" in text
    # The files name the ward's figures for an office: who took which is recorded.
    downloads = AuditEvent.objects.filter(verb="movement.report_downloaded").order_by("pk")
    assert [(e.actor_id, e.target_id, e.extra["format"]) for e in downloads] == [
        (manager.pk, str(report.pk), "xlsx"),
        (manager.pk, str(report.pk), "pdf"),
    ]
    assert {e.unit_id for e in downloads} == {ward["ward"].pk}

    # Frozen: no more values, no second submission, nothing changed.
    again = client.post(url, {"form": "prepare", "year": year, "quarter": quarter})
    assert again.status_code == 409
    assert "đã gửi" in again.content.decode()


def test_a_future_quarter_is_refused(client, manager, ward):
    client.force_login(manager)
    response = client.post(
        reverse("movement:reports", args=[ward["ward"].code]),
        {"form": "prepare", "year": timezone.localdate().year + 1, "quarter": 1},
    )
    assert response.status_code == 400
    assert "chưa bắt đầu" in response.content.decode()
    assert not QuarterlyReport.objects.exists()


def test_the_public_ranking(client, manager, ward, figures):
    url = reverse("movement:ranking", args=[ward["ward"].code])
    assert client.get(url).status_code == 404  # not public until the ward says so
    actions.do_set_ranking(actor=manager, unit=ward["ward"], is_public=True)
    body = client.get(url).content.decode()
    assert body.index("Tổ dân phố 1") < body.index("Tổ dân phố 2")  # 66,6 % vs 10,0 %
    assert "Người dân g1-0" not in body


def test_a_team_member_logs_an_activity(client, manager, make_user, ward):
    team = actions.do_create_team(actor=manager, unit=ward["g1"], name="Tổ CNSCĐ số 1")
    member = make_user(home_unit=ward["g1"])
    actions.do_add_member(actor=manager, team=team, full_name="Lê Thị Hoa", user=member)
    client.force_login(member)
    assert client.get(reverse("movement:index"))["Location"] == reverse(
        "movement:team", args=[team.pk]
    )
    response = client.post(
        reverse("movement:team", args=[team.pk]), {"kind": "guidance_visit", "people": 3}
    )
    assert response.status_code == 302
    entry = ActivityLog.objects.get()
    assert (entry.kind, entry.people, entry.logged_by) == ("guidance_visit", 3, member)
    stranger = make_user(home_unit=ward["g2"])
    client.force_login(stranger)
    assert client.get(reverse("movement:team", args=[team.pk])).status_code == 404


def test_an_ambassador_follows_at_most_five(client, manager, make_user, ward, residents, settings):
    settings.MOVEMENT_AMBASSADOR_MAX_LEARNERS = 2
    holder = residents["g1"][0]
    ambassador = actions.do_make_ambassador(actor=manager, unit=ward["ward"], user=holder)
    actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=residents["g1"][1])
    actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=residents["g1"][2])
    with pytest.raises(actions.teams.AmbassadorError):
        actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=residents["g2"][1])
    client.force_login(holder)
    body = client.get(reverse("movement:ambassador")).content.decode()
    assert "Người dân g1-2" in body and "Giúp người học đăng ký một khóa học" in body
    client.force_login(manager)
    coverage = client.get(reverse("movement:coverage", args=[ward["ward"].code]))
    assert "2 người học có đại sứ số kèm cặp." in coverage.content.decode()
    not_certified = make_user(home_unit=ward["g2"], role=Role.LEARNER)
    with pytest.raises(actions.teams.AmbassadorError):
        actions.do_make_ambassador(actor=manager, unit=ward["ward"], user=not_certified)


def test_closing_a_quarter_freezes_its_values(manager, ward, make_user):
    from django.core.management import call_command

    from movement.models import ReportedIndicatorValue, ReportingPeriod

    year = timezone.localdate().year
    actions.do_report_value(
        actor=manager,
        unit=ward["ward"],
        indicator="vneid_confirmed",
        year=year,
        quarter=1,
        value=40,
        evidence="Danh sách công an phường",
    )
    make_user(Role.ADMINISTRATOR, username="quantri")
    call_command("close_quarter", year, 1, "--by", "quantri")
    assert ReportingPeriod.objects.get(year=year, quarter=1).is_closed
    with pytest.raises(actions.figures.PeriodClosed):
        actions.do_report_value(
            actor=manager,
            unit=ward["ward"],
            indicator="vneid_confirmed",
            year=year,
            quarter=1,
            value=99,
            evidence="sửa",
        )
    assert list(ReportedIndicatorValue.objects.values_list("value", flat=True)) == [40]
