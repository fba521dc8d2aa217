"""Issue 13's browser tests, one per role, in headless Chromium against the
live server: a team member logs an activity from a phone in at most three taps
from their home page, an ambassador opens their learners, a manager sets a
denominator and a target, reads the gap on the dashboard, prints it, and
prepares and submits the quarterly report, and a visitor reads the public
ranking. Each test reads the outcome back from the database as well as from
the page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.audit.models import AuditEvent
from movement import actions
from movement.models import (
    ActivityLog,
    PopulationFigure,
    QuarterlyReport,
    Target,
)
from movement.tasks import render_report_files

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


def _page_as(browser, live_server, client, user, viewport):
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    if user is not None:
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    return context, context.new_page()


def test_a_team_member_logs_an_activity_from_a_phone_in_three_taps(
    live_server, browser, client, manager, make_user, ward
):
    team = actions.do_create_team(actor=manager, unit=ward["g1"], name="Tổ CNSCĐ số 1")
    member = make_user(home_unit=ward["g1"], full_name="Lê Thị Hoa")
    actions.do_add_member(actor=manager, team=team, full_name="Lê Thị Hoa", user=member)
    context, page = _page_as(browser, live_server, client, member, PHONE)
    page.goto(live_server.url + reverse("accounts:dashboard"))
    taps = 0
    page.locator('[data-tool="my_team"] a').click()  # tap 1: the home page's tool
    taps += 1
    assert page.locator("h1").inner_text() == "Tổ CNSCĐ số 1"
    page.get_by_role("button", name="Hướng dẫn tận nhà").click()  # tap 2: what was done
    taps += 1
    assert taps <= 3
    assert "Đã ghi: Hướng dẫn tận nhà." in page.locator("body").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    entry = ActivityLog.objects.get()
    assert (entry.team, entry.kind, entry.people, entry.logged_by) == (
        team,
        "guidance_visit",
        1,
        member,
    )
    assert AuditEvent.objects.filter(verb="movement.activity_logged", actor=member).count() == 1
    context.close()


def test_an_ambassador_follows_a_learner(live_server, browser, client, manager, ward, residents):
    holder = residents["g1"][0]
    ambassador = actions.do_make_ambassador(actor=manager, unit=ward["ward"], user=holder)
    actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=residents["g1"][2])
    actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=residents["g1"][1])
    context, page = _page_as(browser, live_server, client, holder, PHONE)
    page.goto(live_server.url + reverse("accounts:dashboard"))
    page.locator('[data-tool="my_learners"] a').click()
    assert page.locator("h1").inner_text() == "Người học tôi kèm cặp"
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    text = page.locator("tbody").inner_text()
    assert "Người dân g1-2" in text and "Giúp người học đăng ký một khóa học" in text
    assert "Người dân g1-1" in text and "Đã xong: đã có giấy chứng nhận" in text
    context.close()


def test_a_manager_sets_figures_reads_the_gap_prints_and_submits_the_report(
    live_server, browser, client, manager, ward, residents
):
    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    code = ward["ward"].code
    context, page = _page_as(browser, live_server, client, manager, LAPTOP)
    page.goto(live_server.url + reverse("movement:figures", args=[ward["g2"].code]))
    page.locator("#id_population-audience").select_option("resident")
    page.locator("#id_population-value").fill("10")
    page.locator("#id_population-source").fill("Thống kê tổ dân phố 2025")
    page.get_by_role("button", name="Lưu số liệu", exact=True).click()
    assert "Thống kê tổ dân phố 2025" in page.locator("#population").inner_text()
    page.goto(live_server.url + reverse("movement:figures", args=[code]))
    page.locator("#id_target-audience").select_option("resident")
    page.locator("#id_target-indicator").select_option("certified")
    page.locator("#id_target-percent").fill("80")
    page.get_by_role("button", name="Lưu mục tiêu").click()
    assert (
        PopulationFigure.objects.get().value,
        PopulationFigure.objects.get().entered_by,
    ) == (10, manager)
    assert Target.objects.get().percent == 80
    # A bad figure (a target over 100 %) is refused on the page and changes nothing.
    page.locator("#id_target-percent").fill("120")
    page.get_by_role("button", name="Lưu mục tiêu").click()
    assert "từ 0 đến 100" in page.locator("body").inner_text()
    assert Target.objects.get().percent == 80

    # The dashboard: group 1 has no denominator yet, group 2 is 1 of 10 against 80 %.
    page.goto(live_server.url + reverse("movement:index"))
    assert page.locator("h1").inner_text().startswith("Phường Lê Ích Mộc")
    page.get_by_role("link", name="Tổ dân phố 2").click()
    assert (
        "Còn 7 người dân cần được công nhận để đạt 80 %"
        in page.locator(".headline .gap").inner_text()
    )
    # Printing: the site's header, footer and forms are left out, the table stays.
    header = page.locator(".site-header").first
    assert header.is_visible()
    page.emulate_media(media="print")
    assert not header.is_visible()
    assert not page.locator(".audience-tabs").is_visible()
    assert page.locator("table").first.is_visible()
    page.emulate_media(media="screen")

    page.goto(live_server.url + reverse("movement:reports", args=[code]))
    page.locator("#id_year").fill(str(year))
    page.locator("#id_quarter").select_option(str(quarter))
    page.locator("#id_notes").fill("Ra quân hướng dẫn VNeID")
    page.get_by_role("button", name="Lập dự thảo").click()
    report = QuarterlyReport.objects.get()
    assert report.status == "draft" and report.notes == "Ra quân hướng dẫn VNeID"
    page.get_by_role("button", name="Gửi báo cáo (chính thức)").click()
    report.refresh_from_db()
    assert report.is_submitted and report.submitted_by == manager
    assert list(report.versions.values_list("status", flat=True)) == ["submitted", "draft"]
    # A worker renders the files (eager on SQLite; on PostgreSQL + Redis the
    # test plays the worker, as no worker runs beside the test).
    if not report.xlsx:
        render_report_files.apply(args=[report.pk])
        page.reload()
    assert page.get_by_role("link", name="PDF").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()


def test_a_visitor_sees_the_public_ranking(
    live_server, browser, client, manager, ward, residents, figures
):
    today = timezone.localdate()
    url = live_server.url + reverse("movement:ranking", args=[ward["ward"].code])
    context, page = _page_as(browser, live_server, client, None, LAPTOP)
    assert page.goto(url).status == 404  # not public until the ward chooses
    actions.do_set_ranking(actor=manager, unit=ward["ward"], is_public=True)
    assert page.goto(url).status == 200
    names = page.locator(".rank-list .name").all_inner_texts()
    assert names == ["Tổ dân phố 1", "Tổ dân phố 2"]  # 2 of 3 before 1 of 10
    body = page.locator("body").inner_text()
    assert f"Cập nhật ngày {today:%d/%m/%Y}" in body
    for person in residents["g1"] + residents["g2"]:
        assert person.full_name not in body
    context.close()
