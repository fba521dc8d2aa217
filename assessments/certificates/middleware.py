"""The kept verify page answered before sessions, authentication, CSRF, the URL
resolver and the view (issue 14): right after the page cache's first end, which
never keeps /certificates/ (cms.middleware).

It answers only what the view would answer from its kept page (verify_page), in
the same way: an anonymous GET without a query string, a well-formed code in its
normal form, the row read (one query, every visit; sent before the cache is
read and its answer read after), the page and the client's failure counter read
in one cache round trip (the visitor's token put in the kept page while
PostgreSQL answers), the page served only if it was rendered from the row just
read. Anything else goes down the normal path, with the row it read left for the
view: an unknown code, a page not kept yet (the view renders and keeps it), a
client that must wait (the view answers 429 first, with its page), a cache outage.

The response is what the rest of the stack would have made of the view's kept
page, step by step (tests/certificates/test_verify_page_first.py compares the
two, headers and cookies): the visitor's own CSRF token and cookie by Django's
CsrfViewMiddleware itself, X-Frame-Options by Django's middleware,
Content-Length as CommonMiddleware sets it, Vary and Content-Language as
lms.core.middleware.ChosenLanguageMiddleware does, with the language it chooses.
The security and CSP headers come from the middleware outside this one, as for
every response. Settings under which those steps would do more than that
(CSRF in the session, PREPEND_WWW, DISALLOWED_USER_AGENTS, language prefixes in
the URLs) send every visit down the normal path."""

from __future__ import annotations

import functools
import logging

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.urls import Resolver404, get_script_prefix, resolve, reverse

from lms.core import csrf_in_cache
from lms.core.csrf_token import CsrfViewMiddleware
from lms.core.middleware import chosen_language
from lms.core.request_settings import request_settings

from . import codes, verify_page

logger = logging.getLogger(__name__)


@functools.cache
def _route(urlconf: str) -> tuple[str, str] | None:
    """(what comes before the code, what after) in the path_info of the verify
    view, or None when that path leads elsewhere (a pattern shadowing it)."""
    from . import views

    url = reverse("certificates:verify", kwargs={"code": "CODE"}, urlconf=urlconf)
    path = "/" + url[len(get_script_prefix()) :]
    try:
        if resolve(path, urlconf).func is not views.verify:
            return None
    except Resolver404:
        return None
    before, after = path.split("CODE")
    return before, after


def _plain_stack() -> bool:
    return not (
        settings.CSRF_USE_SESSIONS
        or settings.PREPEND_WWW
        or settings.DISALLOWED_USER_AGENTS
        or is_language_prefix_patterns_used(settings.ROOT_URLCONF)[0]
    )


def early_code(request) -> str | None:
    """The code of a visit this middleware may answer, else None (the path is
    looked at first: every other request only pays that)."""
    route = _route(request_settings().root_urlconf)
    if route is None:
        return None
    path, (before, after) = request.path_info, route
    if not (path.startswith(before) and path.endswith(after)):
        return None
    if request.method != "GET" or not verify_page.keeps(request):
        return None
    code = path[len(before) : len(path) - len(after)]
    # Well formed is in normal form too: the alphabet's capitals and digits only.
    if not codes.is_well_formed(code):
        return None
    return code if _plain_stack() else None


class VerifyPageFirstMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        self.frame_options = XFrameOptionsMiddleware(get_response)

    def __call__(self, request):
        code = early_code(request)
        if code is not None:
            response = self._kept(request, code)
            if response is not None:
                return response
        return self.get_response(request)

    def _kept(self, request, code: str) -> HttpResponse | None:
        try:
            host = request.get_host()  # CommonMiddleware's check: a bad host gets its 400 there
        except DisallowedHost:
            return None
        language = chosen_language(request)
        key = verify_page.page_key(request, language, host)
        # The row's query is sent first, its answer read after the page's (one
        # wait for both); where it cannot be sent ahead it is read first, as the
        # cache epoch in the page's key is read when a connection is taken.
        sent = verify_page.send_row_query(code)
        values = None if sent is not None else verify_page.read_row_early(request, code, None)
        try:
            stored, wait = verify_page.kept_page(request, key)
        except Exception:  # the normal path meets the outage its own way
            logger.warning("kept verify page unavailable", exc_info=True)
            stored, wait = None, None
        if sent is None:
            content = None if values is None else verify_page.kept_for(values, stored)
            if wait or content is None:
                return None
            return self._respond(request, self._with_token(request, content), language)
        # PostgreSQL is still answering: the visitor's token goes into the kept
        # page meanwhile, which is sent only if the row is the one it was rendered
        # from. Otherwise the view renders the page: the token's secret made here
        # is the one Django's get_token would have made, and its cookie is set on
        # the view's page by the CSRF middleware, as after any get_token.
        page = None if wait else verify_page.kept_body(stored)
        body = None if page is None else self._with_token(request, page)
        values = verify_page.read_row_early(request, code, sent)
        if body is None or values is None or verify_page.kept_for(values, stored) is None:
            return None
        return self._respond(request, body, language)

    def _with_token(self, request, content: bytes) -> bytes:
        self.csrf.process_request(request)  # the visitor's CSRF cookie, if any
        return csrf_in_cache.for_visitor(request, content)

    def _respond(self, request, body: bytes, language: str) -> HttpResponse:
        # In the order the stack's middleware would act on the view's response.
        response = HttpResponse(body)
        # The view's Cookie (verify_page.serve), then ChosenLanguageMiddleware's.
        response.headers["Vary"] = "Cookie, Accept-Language"
        response = self.frame_options.process_response(request, response)
        response = self.csrf.process_response(request, response)  # a new cookie if none
        response.headers["Content-Length"] = str(len(response.content))  # CommonMiddleware
        response.headers["Content-Language"] = language  # ChosenLanguageMiddleware
        return response
