"""One person's browser for the load runs: its own cookies, real forms (the
CSRF token read from the page), redirects followed. Built on requests; the
blocking calls run in a thread pool so a thousand of them can overlap."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor

import requests
from requests.adapters import HTTPAdapter

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Enough threads that page requests queue at the server, not in this client.
POOL = ThreadPoolExecutor(max_workers=96, thread_name_prefix="browser")


class PageError(Exception):
    def __init__(self, step: str, status: int, body: str = ""):
        super().__init__(f"{step}: HTTP {status} {body[:120]!r}")
        self.step, self.status = step, status


class Browser:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()
        # One keep-alive connection per person, as a phone has.
        self.session.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=1))
        self.resent = 0  # requests sent again after the server closed an idle connection

    def _send(self, method: str, url: str, **kwargs) -> requests.Response:
        """As a browser does: a request whose reused keep-alive connection the
        server had just closed (its idle timeout: uvicorn's is 5 s) is sent once
        more on a new connection. Any other failure, or a second one, is an error."""
        try:
            return self.session.request(method, url, timeout=60, **kwargs)
        except requests.ConnectionError as error:
            if not _closed_idle(error):
                raise
        self.resent += 1
        self.session.close()
        self.session.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=1))
        return self.session.request(method, url, timeout=60, **kwargs)

    def get(self, path: str, step: str, **params) -> requests.Response:
        response = self._send("GET", self.base_url + path, params=params or None)
        if response.status_code != 200:
            raise PageError(step, response.status_code, response.text)
        return response

    def submit(self, path: str, form_page: requests.Response, data: dict, step: str):
        """POSTs a form as the browser would: the page's CSRF token, its cookie."""
        token = CSRF_INPUT.search(form_page.text)
        if token is None:
            raise PageError(step + " (no CSRF token on the form)", form_page.status_code)
        response = self._send(
            "POST",
            self.base_url + path,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            headers={"Referer": form_page.url},
        )
        if response.status_code != 200 or response.history == []:
            raise PageError(step, response.status_code, response.text)
        return response

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)

    def close(self) -> None:
        self.session.close()


def _closed_idle(error: requests.ConnectionError) -> bool:
    """The server closed the connection before any answer (RemoteDisconnected,
    a reset): what a stale keep-alive connection gives."""
    text = repr(error)
    return "RemoteDisconnected" in text or "ConnectionResetError" in text or "BrokenPipe" in text


async def in_thread(func, *args):
    return await asyncio.get_running_loop().run_in_executor(POOL, func, *args)
