"""A learner opens an interactive lesson in headless Chromium, answers a check
question and sees the feedback in place (the script), then without JavaScript."""

import pytest

from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_answering_a_check_question_shows_feedback(live_server, browser, make_item):  # noqa: F811
    lesson = make_item("Bài học: mã OTP", kind="lesson")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + lesson.url)
    question = page.locator("form[data-check]").filter(has_text="Mã OTP có thể đọc")
    question.get_by_label("False").or_(question.get_by_label("Sai")).first.check()
    question.get_by_role("button").click()
    feedback = question.locator(".feedback")
    feedback.get_by_text("Không ai được biết mã OTP của bạn.").wait_for(timeout=5000)
    assert feedback.locator(".right").count() == 1
    assert page.url.endswith(lesson.url)  # answered in place, no reload

    # Without JavaScript the same form posts and the page comes back with the answer judged.
    plain = browser.new_context(java_script_enabled=False).new_page()
    plain.goto(live_server.url + lesson.url)
    choice_form = plain.locator("form[data-check]").filter(has_text="Ai được biết mật khẩu")
    choice_form.get_by_label("Nhân viên ngân hàng").check()
    choice_form.get_by_role("button").click()
    judged = plain.locator("form[data-check]").filter(has_text="Ai được biết mật khẩu")
    judged.locator(".feedback .wrong").wait_for(timeout=5000)
    assert "Mật khẩu chỉ mình bạn biết." in judged.locator(".feedback").inner_text()
