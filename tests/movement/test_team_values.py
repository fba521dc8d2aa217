"""A community digital team member enters the area's reported figures from a
phone (plain HTTP form, no JavaScript), a manager sends back and accepts, the
accepted figure reaches the dashboard and the quarterly report; bad inputs."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from movement import actions, indicators
from movement.errors import OutsideScope
from movement.models import QuarterlyReport, ReportedIndicatorValue, ValueStatus
from movement.tasks import render_report_files
from tests.certificates.conftest import pdf_text

pytestmark = pytest.mark.django_db

# The smallest valid PNG (1 × 1 pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
VNEID = "vneid_confirmed"


@pytest.fixture
def teams(manager, make_user, ward):
    """A team in each residential group, each with a member who manages nothing."""
    today = timezone.localdate()
    for key, residents in (("g1", 40), ("g2", 50)):
        actions.do_record_population(
            actor=manager,
            unit=ward[key],
            audience="resident",
            value=residents,
            source="Thống kê dân số",
            as_of=today,
        )
    found = {}
    for key in ("g1", "g2"):
        team = actions.do_create_team(actor=manager, unit=ward[key], name=f"Tổ CNSCĐ {key}")
        member = make_user(home_unit=ward[key], full_name=f"Thành viên {key}")
        actions.do_add_member(actor=manager, team=team, full_name=member.full_name, user=member)
        found[key] = (team, member)
    return found


def _enter(
    client, team, value, evidence="Danh sách VNeID của Công an phường", follow=False, **extra
):
    return client.post(
        reverse("movement:team_values", args=[team.pk]),
        {"indicator": VNEID, "value": value, "evidence": evidence, **extra},
        follow=follow,
    )


def _vneid_on_dashboard(body: str) -> str:
    label = "Tài khoản VNeID đã kích hoạt và xác nhận kỹ năng"
    match = re.search(re.escape(label) + r"</th><td>(\d+)</td>", body)
    assert match, "the VNeID row is on the dashboard"
    return match.group(1)


def test_member_enters_manager_sends_back_member_corrects_manager_accepts(
    client, manager, ward, teams, tmp_path, django_capture_on_commit_callbacks
):
    team, member = teams["g1"]
    client.force_login(member)
    page = client.get(reverse("movement:team_values", args=[team.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    # A plain form posted by the browser itself: nothing needs JavaScript.
    assert '<form method="post" enctype="multipart/form-data"' in body

    photo = SimpleUploadedFile("danh-sach.png", PNG, content_type="image/png")
    response = _enter(client, team, 30, evidence_file=photo)
    assert response.status_code == 302
    first = ReportedIndicatorValue.objects.get()
    assert (first.status, first.value, first.team, first.unit) == (
        ValueStatus.PENDING,
        30,
        team,
        ward["g1"],
    )
    assert first.evidence_file.name.endswith(".png")
    # The member opens their own evidence; a pending figure does not count yet.
    assert client.get(reverse("movement:evidence", args=[first.pk])).status_code == 200

    client.force_login(manager)
    dashboard_url = reverse("movement:dashboard", args=[ward["ward"].code])
    assert _vneid_on_dashboard(client.get(dashboard_url).content.decode()) == "0"
    figures_url = reverse("movement:figures", args=[ward["ward"].code])
    assert "Số liệu của các tổ đang chờ bạn xem xét" in client.get(figures_url).content.decode()
    review_url = reverse("movement:review_value", args=[ward["ward"].code, first.pk])
    no_reason = client.post(review_url, {"decision": "return", "reason": ""}, follow=True)
    assert "Hãy ghi lý do trả lại" in no_reason.content.decode()
    client.post(review_url, {"decision": "return", "reason": "Thiếu danh sách tổ 1"})
    first.refresh_from_db()
    assert (first.status, first.return_reason) == (ValueStatus.RETURNED, "Thiếu danh sách tổ 1")

    client.force_login(member)
    history = client.get(reverse("movement:team_values", args=[team.pk])).content.decode()
    assert "Đã trả lại: Thiếu danh sách tổ 1" in history
    assert _enter(client, team, 37, evidence="Danh sách đủ 3 tổ").status_code == 302
    corrected = ReportedIndicatorValue.objects.latest("id")
    assert corrected.status == ValueStatus.PENDING

    client.force_login(manager)
    review_url = reverse("movement:review_value", args=[ward["ward"].code, corrected.pk])
    accepted = client.post(review_url, {"decision": "accept"}, follow=True)
    assert "Đã chấp nhận" in accepted.content.decode()
    corrected.refresh_from_db()
    assert corrected.status == ValueStatus.ACCEPTED and corrected.reviewed_by == manager
    again = client.post(review_url, {"decision": "return", "reason": "x"}, follow=True)
    assert "Số liệu này đã được xem xét." in again.content.decode()
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="movement.value_").values_list("verb", flat=True)
    )
    assert sorted(verbs) == sorted(
        ["movement.value_reported"] * 2 + ["movement.value_returned", "movement.value_accepted"]
    )

    assert _vneid_on_dashboard(client.get(dashboard_url).content.decode()) == "37"
    client.force_login(member)
    own_page = client.get(reverse("movement:team_values", args=[team.pk])).content.decode()
    assert re.search(r"xác nhận kỹ năng</th><td>37</td>", own_page)
    client.force_login(manager)

    # The quarterly report carries it, in the XLSX and the PDF.
    year, quarter = indicators.quarter_of(timezone.localdate())
    url = reverse("movement:reports", args=[ward["ward"].code])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"form": "prepare", "year": year, "quarter": quarter})
    report = QuarterlyReport.objects.get()
    render_report_files.apply(args=[report.pk])
    xlsx = client.get(reverse("movement:download", args=[report.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))["Chỉ tiêu"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=6, values_only=True)}
    vneid = rows["Tài khoản VNeID đã kích hoạt và xác nhận kỹ năng"]
    assert vneid[1:4] == ("Người dân", 37, 90)
    pdf = client.get(reverse("movement:download", args=[report.pk, "pdf"]))
    words = " ".join(pdf_text(b"".join(pdf.streaming_content), tmp_path).split())
    assert "Tài khoản VNeID đã kích hoạt và xác nhận kỹ năng Người dân 37 90" in words


def test_a_negative_value_is_refused(client, teams):
    team, member = teams["g1"]
    client.force_login(member)
    response = _enter(client, team, -5)
    assert response.status_code == 400
    assert "Số người không được là số âm." in response.content.decode()
    assert not ReportedIndicatorValue.objects.exists()


def test_a_value_above_the_residents_is_kept_and_flagged(client, manager, ward, teams):
    team, member = teams["g1"]
    client.force_login(member)
    response = _enter(client, team, 41, follow=True)
    assert "Số liệu này vượt số người dân (40): hãy kiểm tra lại." in response.content.decode()
    entry = ReportedIndicatorValue.objects.get()
    assert entry.above_denominator
    assert AuditEvent.objects.get(verb="movement.value_reported").extra["above_denominator"]
    client.force_login(manager)
    page = client.get(reverse("movement:figures", args=[ward["ward"].code])).content.decode()
    assert "Vượt quá tổng số người: vui lòng kiểm tra lại mẫu số." in page
    # 40 of 40 residents is not above them; the manager's own entry counts at once.
    assert _enter(client, team, 40).status_code == 302
    latest = ReportedIndicatorValue.objects.latest("id")
    assert not latest.above_denominator and latest.status == ValueStatus.ACCEPTED


def test_a_closed_quarter_refuses_entries_and_reviews(client, manager, make_user, ward, teams):
    team, member = teams["g1"]
    client.force_login(member)
    _enter(client, team, 12)
    pending = ReportedIndicatorValue.objects.get()
    admin = make_user(Role.ADMINISTRATOR, username="quantri")
    year, quarter = indicators.quarter_of(timezone.localdate())
    actions.do_close_period(actor=admin, year=year, quarter=quarter)

    response = _enter(client, team, 13)
    assert response.status_code == 409
    assert "Quý này đã khóa sổ: không thể thay đổi số liệu nữa." in response.content.decode()
    assert ReportedIndicatorValue.objects.count() == 1

    client.force_login(manager)
    review_url = reverse("movement:review_value", args=[ward["ward"].code, pending.pk])
    refused = client.post(review_url, {"decision": "accept"}, follow=True)
    assert "Quý này đã khóa sổ" in refused.content.decode()
    pending.refresh_from_db()
    assert pending.status == ValueStatus.PENDING


def test_a_member_of_another_units_team_cannot_enter_or_review(client, ward, teams):
    team, member = teams["g1"]
    other_team, stranger = teams["g2"]
    client.force_login(member)
    _enter(client, team, 9, evidence_file=SimpleUploadedFile("a.png", PNG))
    entry = ReportedIndicatorValue.objects.get()

    client.force_login(stranger)
    assert client.get(reverse("movement:team_values", args=[team.pk])).status_code == 404
    assert _enter(client, team, 99).status_code == 404
    assert client.get(reverse("movement:evidence", args=[entry.pk])).status_code == 404
    review_url = reverse("movement:review_value", args=[ward["g1"].code, entry.pk])
    assert client.post(review_url, {"decision": "accept"}).status_code == 404
    # Their own team's page enters for their own unit only.
    assert _enter(client, other_team, 8).status_code == 302
    assert ReportedIndicatorValue.objects.latest("id").unit == ward["g2"]
    entry.refresh_from_db()
    assert entry.status == ValueStatus.PENDING and ReportedIndicatorValue.objects.count() == 2

    # The action refuses too, whatever the caller.
    with pytest.raises(OutsideScope):
        actions.do_team_report_value(
            actor=stranger, team=team, indicator=VNEID, value=1, evidence="x"
        )


def test_evidence_files_are_checked_by_their_bytes_and_size(client, teams, settings):
    team, member = teams["g1"]
    client.force_login(member)
    fake = SimpleUploadedFile("anh.png", b"#!/bin/sh\necho not a photo\n", content_type="image/png")
    response = _enter(client, team, 5, evidence_file=fake)
    assert response.status_code == 400
    assert "Tệp minh chứng phải là ảnh" in response.content.decode()
    settings.MOVEMENT_EVIDENCE_MAX_MB = 0
    response = _enter(client, team, 5, evidence_file=SimpleUploadedFile("a.png", PNG))
    assert response.status_code == 400 and "MB" in response.content.decode()
    assert not ReportedIndicatorValue.objects.exists()
