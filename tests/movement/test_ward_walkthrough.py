"""Issue 13's "done when", on the demo ward through the HTTP client: the ward's
manager sees how far the ward is from 80 % and which residential groups are
behind in two clicks (Phong trào → the dashboard), downloads the quarterly
report as a PDF to print, and opens the public ranking from the dashboard."""

import re

import pytest
from django.urls import reverse

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.units.models import UnitKind
from movement import demo
from movement.models import QuarterlyReport
from movement.tasks import render_report_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_ward(make_unit, make_user, django_capture_on_commit_callbacks):
    ward = make_unit("Phường Hoàn Kiếm", UnitKind.WARD, code=demo.DEMO_UNIT_CODE)
    make_user(Role.UNIT_MANAGER, username=demo.MANAGER, home_unit=ward)
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
    return ward


def links(body: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', body)


def test_a_ward_manager_answers_prints_and_shows_the_ranking(client, demo_ward):
    client.force_login(User.objects.get(username=demo.MANAGER))
    # Click 1: "Phong trào" leads to the ward's dashboard (click 2).
    assert reverse("movement:index") in links(
        client.get(reverse("accounts:dashboard")).content.decode()
    )
    dashboard = client.get(reverse("movement:index"), follow=True)
    body = dashboard.content.decode()
    assert dashboard.redirect_chain[-1][0] == reverse("movement:dashboard", args=["00070"])
    assert re.search(r"cần được công nhận để đạt 80 %|Đã đạt mục tiêu 80 %", body), body[:3000]
    groups = re.findall(r'<tr( class="behind")?>\s*<th scope="row"><a [^>]*>([^<]+)</a>', body)
    assert [name for _behind, name in groups][:3] and any(behind for behind, _name in groups)
    # The quarterly report, as a PDF to print, from the dashboard's reports page.
    report = QuarterlyReport.objects.get(unit=demo_ward)
    render_report_files.apply(args=[report.pk])
    reports_url = reverse("movement:reports", args=["00070"])
    assert reports_url in links(body)
    pdf_url = reverse("movement:download", args=[report.pk, "pdf"])
    assert pdf_url in links(client.get(reports_url).content.decode())
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200 and b"".join(pdf).startswith(b"%PDF")
    # The ranking for the ward's screen, straight from the dashboard.
    ranking_url = reverse("movement:ranking", args=["00070"])
    assert ranking_url in links(body)
    screen = client.get(ranking_url).content.decode()
    assert "Tổ dân phố số 1" in screen and "Tổ dân phố số 3" in screen
