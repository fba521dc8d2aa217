"""Reading the audit trail: who may, which events each reader sees, the
filters (accent-insensitive actor), pages, and the XLSX export that records
itself."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.accounts.actions import do_issue_reset_code
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.audit.record import record_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(make_user, unit_tree):
    """A manager of Phường Hoàn Kiếm; events there, in its village, elsewhere."""
    manager = make_user(
        Role.UNIT_MANAGER, full_name="Trần Thị Bình", home_unit=unit_tree["hoan_kiem"]
    )
    resident = make_user(full_name="Lê Văn Cường", home_unit=unit_tree["village"])
    far_manager = make_user(
        Role.UNIT_MANAGER, full_name="Phạm Minh Đức", home_unit=unit_tree["son_mai"]
    )
    far_resident = make_user(full_name="Võ Thị Em", home_unit=unit_tree["son_mai"])
    # Granting these roles was recorded (the system did it): not what these tests read.
    AuditEvent.objects.filter(verb="accounts.roles_changed").delete()
    do_issue_reset_code(user=resident, issued_by=manager)  # unit: the village
    do_issue_reset_code(user=far_resident, issued_by=far_manager)  # unit: Xã Sơn Mai
    # Without a unit: seen by managers of the acting person's home unit.
    record_event(actor=manager, verb="assessments.results_exported", target=resident)
    record_event(actor=far_manager, verb="assessments.results_exported", target=far_resident)
    return {"manager": manager, "far_manager": far_manager, "resident": resident}


def shown(response) -> list[tuple[str, str]]:
    html = response.content.decode()
    import re

    return re.findall(r'<tr data-verb="([a-z_.]+)">\s*<td>[^<]*</td>\s*<td>([^<]*)</td>', html)


@pytest.mark.parametrize("role", [Role.LEARNER, Role.INSTRUCTOR, Role.EDITOR])
def test_people_without_a_scope_are_refused(client, make_user, unit_tree, role, trail):
    client.force_login(make_user(role, home_unit=unit_tree["hoan_kiem"]))
    for url in (reverse("audit:trail"), reverse("audit:export")):
        response = client.get(url)
        assert response.status_code == 403
        assert "Bạn không thể mở trang này" in response.content.decode()
    assert not AuditEvent.objects.filter(verb="audit.exported").exists()


def test_visitors_are_asked_to_sign_in(client):
    response = client.get(reverse("audit:trail"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_manager_reads_only_their_units_subtree(client, trail):
    client.force_login(trail["manager"])
    response = client.get(reverse("audit:trail"))
    assert response.status_code == 200
    rows = shown(response)
    assert sorted(verb for verb, _who in rows) == [
        "accounts.reset_code_issued",
        "assessments.results_exported",
    ]
    assert {who for _verb, who in rows} == {"Trần Thị Bình"}
    html = response.content.decode()
    assert "Cấp mã đặt lại mật khẩu" in html  # the verb in words
    assert "Phạm Minh Đức" not in html and "Võ Thị Em" not in html


def test_a_superuser_reads_everything(client, make_user, trail):
    admin = make_user(None, full_name="Quản trị")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    verbs = [verb for verb, _who in shown(client.get(reverse("audit:trail")))]
    assert verbs.count("accounts.reset_code_issued") == 2
    assert verbs.count("assessments.results_exported") == 2


def test_filters_actor_without_marks_verb_unit_and_dates(client, make_user, trail, unit_tree):
    admin = make_user(Role.ADMINISTRATOR, full_name="Quản trị")
    client.force_login(admin)
    url = reverse("audit:trail")
    by_actor = shown(client.get(url, {"actor": "binh"}))
    assert {who for _verb, who in by_actor} == {"Trần Thị Bình"}
    assert len(by_actor) == 2
    assert {who for _v, who in shown(client.get(url, {"actor": "DUC"}))} == {"Phạm Minh Đức"}
    by_verb = shown(client.get(url, {"verb": "assessments.results_exported"}))
    assert [verb for verb, _who in by_verb] == ["assessments.results_exported"] * 2
    by_unit = shown(client.get(url, {"unit": "00070"}))  # the ward and its village
    assert [(verb, who) for verb, who in by_unit] == [
        ("accounts.reset_code_issued", "Trần Thị Bình")
    ]
    AuditEvent.objects.filter(actor=trail["far_manager"]).update(
        created_at=timezone.now() - timedelta(days=10)
    )
    today = timezone.localdate()
    recent = shown(client.get(url, {"since": (today - timedelta(days=1)).isoformat()}))
    assert "Phạm Minh Đức" not in {who for _verb, who in recent}
    old = shown(client.get(url, {"until": (today - timedelta(days=5)).isoformat()}))
    assert {who for _verb, who in old} == {"Phạm Minh Đức"}


def test_a_manager_cannot_filter_by_a_unit_outside_the_scope(client, trail):
    client.force_login(trail["manager"])
    response = client.get(reverse("audit:trail"), {"unit": "21700"})
    assert "Không có đơn vị nào có mã này trong phạm vi của bạn." in response.content.decode()
    assert "Võ Thị Em" not in response.content.decode()


def test_pages_keep_the_filters(client, trail):
    for _index in range(60):
        record_event(actor=trail["manager"], verb="assessments.quiz_changed")
    client.force_login(trail["manager"])
    first = client.get(reverse("audit:trail"), {"verb": "assessments.quiz_changed"})
    assert len(shown(first)) == 50
    html = first.content.decode()
    assert "verb=assessments.quiz_changed&amp;page=2" in html
    second = client.get(reverse("audit:trail"), {"verb": "assessments.quiz_changed", "page": 2})
    assert len(shown(second)) == 10


def test_the_export_is_scoped_in_vietnamese_and_recorded(client, trail):
    client.force_login(trail["manager"])
    response = client.get(reverse("audit:export"), {"actor": "bình"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "Thời gian",
        "Người thực hiện",
        "Hành động",
        "Mã hành động",
        "Đối tượng",
        "Loại đối tượng",
        "Đơn vị",
        "Chi tiết",
    ]
    assert sorted(row[2] for row in values[1:]) == [
        "Cấp mã đặt lại mật khẩu",
        "Xuất kết quả bài kiểm tra",
    ]
    assert all(row[1] == trail["manager"].username for row in values[1:])
    event = AuditEvent.objects.get(verb="audit.exported")
    assert event.actor == trail["manager"]
    assert event.extra["rows"] == 2 and event.extra["filters"]["actor"] == "bình"


def test_the_home_page_offers_the_trail_to_managers_only(client, trail, make_user):
    client.force_login(trail["manager"])
    assert reverse("audit:trail") in client.get(reverse("accounts:dashboard")).content.decode()
    client.force_login(make_user(Role.INSTRUCTOR))
    assert reverse("audit:trail") not in client.get(reverse("accounts:dashboard")).content.decode()
