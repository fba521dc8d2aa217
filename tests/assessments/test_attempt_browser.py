"""A learner on a phone-sized headless Chromium: signs in, starts a timed quiz,
taps an answer and sees it autosaved; the answer is in the database before
the page says so, and the timer ticks."""

import re

import pytest

from assessments.models import AttemptSlot
from tests.assessments.browser import sign_in, start_quiz

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_answer_is_autosaved_and_the_timer_ticks(live_server, browser, make_user, bank, make_quiz):
    learner = make_user(phone="+84912345678", full_name="Nguyễn Thị Hồng Nhung")
    quiz = make_quiz(bank[:3], time_limit_minutes=10, shuffle_options=False)
    page = browser.new_page(viewport={"width": 390, "height": 844})

    sign_in(page, live_server.url, "0912 345 678")
    start_quiz(page, live_server.url, quiz)
    assert "Câu 1/3" in page.locator("#progress-label").inner_text()

    page.get_by_label("Từ chối và gác máy").check()
    status = page.locator(".autosave-status")
    status.filter(has_text="Đã lưu").wait_for(timeout=10_000)
    slot = AttemptSlot.objects.get(attempt__user=learner, position=1)
    assert slot.response is not None

    clock = page.locator(".timer-clock")
    first = clock.inner_text()
    assert re.fullmatch(r"\d+:\d\d", first), first
    page.wait_for_timeout(1500)
    assert clock.inner_text() != first
    assert page.locator(".timer-announce[aria-live=polite]").count() == 1
