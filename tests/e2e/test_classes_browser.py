"""A class in headless Chromium: the instructor prints login cards, a learner
signs in by card on a shared phone (a session cookie only), and attendance is
taken on the instructor's phone with one mark queued offline and sent when the
network returns; the class report then shows both marks."""

import pytest
from django.conf import settings
from django.urls import reverse

from courses.models import AttendanceMark
from tests.classes.conftest import add_members, community_class, people  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 390, "height": 844}


def _signed_in_context(browser, client, live_server, user):
    client.force_login(user)
    context = browser.new_context(viewport=PHONE)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def test_cards_and_attendance_with_one_mark_queued_offline(
    live_server,
    browser,
    client,
    people,  # noqa: F811
    community_class,  # noqa: F811
    add_members,  # noqa: F811
):
    first, second = add_members(2)
    session = community_class.sessions.first()
    instructor = _signed_in_context(browser, client, live_server, people["instructor"])
    page = instructor.new_page()

    # Cards for the class: the sheet shows each name, a QR code and a code.
    page.goto(live_server.url + reverse("classes:cards", args=[community_class.pk]))
    page.get_by_role("button", name="In thẻ cho cả lớp").click()
    card = page.locator(".login-card").filter(has_text=first.full_name)
    card.wait_for(timeout=5000)
    assert card.locator("svg").count() == 1
    code = card.locator(".card-code").inner_text()

    # A shared phone scans the QR: the learner is signed in until the browser closes.
    shared = browser.new_context(viewport=PHONE)
    phone = shared.new_page()
    phone.goto(live_server.url + reverse("classes:card_sign_in") + "?c=" + code)
    phone.get_by_role("button", name="Vào học").click()
    phone.get_by_text(f"Xin chào {first.full_name}").wait_for(timeout=5000)
    session_cookie = next(c for c in shared.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    assert session_cookie["expires"] == -1  # a browser-session cookie: gone when the browser closes

    # Attendance: one tap online, one while the network is down.
    page.goto(
        live_server.url + reverse("classes:attendance", args=[community_class.pk, session.pk])
    )
    first_button = page.locator(f'.mark-button[data-learner="{first.pk}"]')
    second_button = page.locator(f'.mark-button[data-learner="{second.pk}"]')
    assert first_button.bounding_box()["height"] >= 44
    first_button.click()
    page.get_by_text("Đã lưu toàn bộ điểm danh.").wait_for(timeout=5000)
    assert AttendanceMark.objects.filter(learner=first, status="present").exists()

    instructor.set_offline(True)
    second_button.click()
    page.locator("[data-sync-status]").filter(has_text="Mất mạng").wait_for(timeout=5000)
    assert second_button.get_attribute("aria-pressed") == "true"
    assert not AttendanceMark.objects.filter(learner=second).exists()
    queued = page.evaluate(f"localStorage.getItem('hvs-attendance-{session.pk}')")
    assert str(second.pk) in queued

    instructor.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.get_by_text("Đã lưu toàn bộ điểm danh.").wait_for(timeout=5000)
    assert AttendanceMark.objects.filter(session=session, status="present").count() == 2
    assert page.evaluate(f"localStorage.getItem('hvs-attendance-{session.pk}')") == "{}"

    # The report shows both learners present at the first session.
    page.goto(live_server.url + reverse("classes:report", args=[community_class.pk]))
    assert page.locator("tfoot td").first.inner_text() == "2"
    shared.close()
    instructor.close()
