"""Read aloud ("Nghe") and saving a guide to read without a network, in
headless Chromium, plus the easy mode's type size on a phone."""

import pytest

from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_read_aloud_offers_the_button_and_explains_a_missing_voice(
    live_server,
    browser,
    make_item,  # noqa: F811
):
    guide = make_item("Gọi cấp cứu 115 đúng cách")
    page = browser.new_page(viewport={"width": 360, "height": 780})
    page.goto(live_server.url + guide.url)
    button = page.locator("button.read-aloud").first
    button.wait_for(timeout=5000)
    assert "Nghe" in button.inner_text()
    button.click()
    # Headless Chromium has no Vietnamese voice: the learner is told how to add one.
    page.locator(".read-aloud-note").first.get_by_text("giọng đọc tiếng Việt").wait_for(
        timeout=5000
    )


def test_a_saved_guide_opens_without_a_network(live_server, browser, make_item):  # noqa: F811
    guide = make_item("Thanh toán bằng mã QR an toàn")
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(live_server.url + guide.url)
    # The worker controls pages loaded after it activates: wait for it, then reload.
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    save = page.locator("[data-offline-save] button")
    save.click()
    page.locator("[data-offline-save] [role=status]").get_by_text("Đã lưu").wait_for(timeout=10000)

    context.set_offline(True)
    page.goto(live_server.url + guide.url)
    assert "Thanh toán bằng mã QR an toàn" in page.locator("h1").inner_text()
    page.goto(live_server.url + "/offline/")
    page.get_by_role("link", name="Thanh toán bằng mã QR an toàn").wait_for(timeout=5000)
    # Quizzes are never kept: offline they simply do not open.
    with pytest.raises(Exception):  # noqa: B017 - Playwright's network error
        page.goto(live_server.url + "/quizzes/")


def test_easy_mode_makes_the_text_large_on_a_phone(live_server, browser, make_item):  # noqa: F811
    guide = make_item("Cài đặt ứng dụng VNeID")
    page = browser.new_page(viewport={"width": 360, "height": 780})
    page.goto(live_server.url + guide.url)
    body_text = "parseFloat(getComputedStyle(document.querySelector('.item-body li')).fontSize)"
    normal = page.evaluate(body_text)
    page.locator(".easy-switch").click()
    page.wait_for_load_state()
    larger = page.evaluate(body_text)
    assert larger >= 20 and larger > normal
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
