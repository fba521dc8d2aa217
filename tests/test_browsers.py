"""The Chromium that browser tests share in a test process (tests/browsers.py)."""

import asyncio
import contextlib
import os
from pathlib import Path

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


def _chromium_switches() -> list[list[str]]:
    """The command lines of the Chromium browser processes this process started."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])

    def descends(pid):
        while pid in parents and pid != os.getpid():
            pid = parents[pid]
        return pid == os.getpid()

    found = []
    for pid in parents:
        with contextlib.suppress(OSError):
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
            # The browser process: its children rewrite their command line as one string.
            if descends(pid) and "--remote-debugging-pipe" in argv[1:]:
                found.append(argv)
    return found


def test_a_context_opens_no_browser_ui_and_keeps_playwrights_disabled_features(shared):
    """New headless Chromium gives each window a WebUI omnibox popup, a renderer
    process that no test uses; it is turned off, with the features Playwright
    turns off kept (a second --disable-features would replace its list)."""
    browser = shared.lend()
    browser.new_page().set_content("<p>một</p>")
    targets = browser.new_browser_cdp_session().send("Target.getTargets", {"filter": [{}]})
    assert [t["url"] for t in targets["targetInfos"] if t["type"] == "browser_ui"] == []
    [switches] = _chromium_switches()
    [disabled] = [arg for arg in switches if arg.startswith("--disable-features=")]
    assert {"PaintHolding", "MediaRouter", "WebUIOmniboxPopup"} <= set(
        disabled.split("=")[1].split(",")
    )
    shared.give_back()
