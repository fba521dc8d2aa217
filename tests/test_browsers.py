"""The Chromium that browser tests share in a test process (tests/browsers.py)."""

import asyncio

import pytest

from tests.browsers import SharedChromium
from tests.conftest import BROWSER_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def shared(chromium_path):
    chromium = SharedChromium(chromium_path, BROWSER_ARGS)
    yield chromium
    chromium.stop()


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def test_the_next_test_gets_the_same_chromium_with_nothing_of_the_last(shared):
    browser = shared.lend()
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<p>một</p>")
    context.add_cookies([{"name": "seen", "value": "1", "url": "http://127.0.0.1/"}])
    browser.new_page()  # a page in a context of its own
    assert _running_loop() is not None  # the sync API marks its loop as running
    shared.give_back()

    assert _running_loop() is None  # database tests and async_to_sync may run
    again = shared.lend()
    assert again is browser
    assert shared.launches == 1
    assert again.contexts == []
    fresh = again.new_context()
    assert fresh.cookies() == []
    assert fresh.new_page().evaluate("() => 1 + 1") == 2
    shared.give_back()


def test_a_browser_closed_by_a_test_is_launched_again(shared):
    shared.lend().close()
    shared.give_back()
    browser = shared.lend()
    assert browser.is_connected()
    assert browser.new_page().evaluate("() => document.readyState") == "complete"
    assert shared.launches == 2
    shared.give_back()
