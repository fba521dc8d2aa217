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


TARGET_HEIGHTS = """() => [...document.querySelectorAll('main button, main input:not([type=hidden]), main select, main a.button')]
  .filter((el) => el.getBoundingClientRect().height > 0)
  .map((el) => [el.name || el.innerText.trim().slice(0, 20), Math.round(el.getBoundingClientRect().height)])"""


def test_easy_mode_has_enhanced_contrast_and_56_px_targets(live_server, browser, make_item):  # noqa: F811
    """The easy mode is remembered on the device (a cookie, no script needed) and
    gives WCAG's enhanced contrast (7:1, axe's AAA rule) and targets ≥ 56 px."""
    from .pages import axe_source, axe_violations

    guide = make_item("Nhận diện tin nhắn lừa đảo")
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + guide.url)
    page.locator(".easy-switch").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/accounts/login/")  # remembered on this device
    assert page.locator("html.easy-mode").count() == 1
    small = [(name, h) for name, h in page.evaluate(TARGET_HEIGHTS) if h < 56]
    assert small == []
    source = axe_source()
    checked = browser.new_context(viewport={"width": 360, "height": 780}, bypass_csp=True)
    checked.add_cookies(context.cookies())
    easy = checked.new_page()
    for url in (guide.url, "/accounts/login/"):
        easy.goto(live_server.url + url)
        assert easy.locator("html.easy-mode").count() == 1
        assert axe_violations(easy, source, ["wcag2aaa"]) == [], url
