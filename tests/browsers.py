"""One headless Chromium per test process, lent to one browser test at a time.

Starting Playwright's driver and Chromium costs about a second of CPU and two
of wall time; the suite has some thirty browser tests per run. Each test still
gets a browser with nothing of the previous test's: every page lives in a
browser context (cookies, storage, cache, service workers are per context), and
the contexts a test opened are closed when it gives the browser back.

Playwright's sync API marks its event loop as running in this thread between
calls (playwright/_impl/_greenlets.py, ``wait_for_future``). Outside a browser
test that mark would make Django refuse database calls from "an async context"
and ``async_to_sync`` refuse to run, so it is cleared when the browser is given
back and set again when it is lent."""

from __future__ import annotations

import asyncio
import contextlib

# New headless Chromium gives every window a WebUI omnibox popup, a renderer
# process of its own that no test uses (~0.2 s of CPU per browser context, and
# the suite opens dozens). Chromium keeps only the last --disable-features, so
# Playwright's own (1.65, chromiumSwitches.ts) is swapped for one that adds these;
# tests/test_browsers.py fails when an upgrade changes Playwright's list.
PLAYWRIGHT_DISABLED_FEATURES = "--disable-features=" + ",".join(
    [
        "AvoidUnnecessaryBeforeUnloadCheckSync",
        "DestroyProfileOnBrowserClose",
        "HttpsUpgrades",
        "HttpsFirstBalancedModeAutoEnable",
        "LensOverlay",
        "MediaRouter",
        "PaintHolding",
        "ThirdPartyStoragePartitioning",
        "AvoidCorsURLLoaderRestartOnRedirect",
        "TcpPortRandomizationWin",
        "OptimizationHints",
        "NetworkTimeServiceQuerying",
        "AimEnabled",
        "PreconnectToSearch",
        "msForceBrowserSignIn",
        "msEdgeUpdateLaunchServicesPreferredVersion",
    ]
)
UNUSED_BROWSER_UI = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"]
DISABLED_FEATURES = f"{PLAYWRIGHT_DISABLED_FEATURES},{','.join(UNUSED_BROWSER_UI)}"


class SharedChromium:
    def __init__(self, executable_path: str, args: list[str]) -> None:
        self.executable_path = executable_path
        self.args = args
        self.launches = 0
        self._playwright = None
        self._browser = None

    def lend(self):
        """The browser for one test: launched on first use, and again after a
        crash or a test that closed it."""
        if self._browser is not None:
            asyncio._set_running_loop(self._browser._loop)  # as Playwright leaves it
            if not self._browser.is_connected():
                self.stop()
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable_path,
                args=[*self.args, DISABLED_FEATURES],
                ignore_default_args=[PLAYWRIGHT_DISABLED_FEATURES],
            )
            self.launches += 1
        return self._browser

    def give_back(self) -> None:
        """Close what the test opened and clear the running-loop mark."""
        if self._browser is None:
            return
        try:
            for context in list(self._browser.contexts):
                context.close()
        except Exception:  # the driver or browser died: the next test launches anew
            self.stop()
        finally:
            asyncio._set_running_loop(None)

    def stop(self) -> None:
        if self._browser is None:
            return
        asyncio._set_running_loop(self._browser._loop)
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        try:
            with contextlib.suppress(Exception):
                browser.close()
        finally:
            with contextlib.suppress(Exception):
                playwright.stop()
            asyncio._set_running_loop(None)
