"""The anonymous page cache (keys and generation in cms.cache).

``PageCacheFirstMiddleware`` sits right after the static files: an anonymous GET
of a page that is in the cache is answered with one cache read, before sessions,
authentication, CSRF, the URL resolver and the view. Paths that are never cached
(settings.PAGE_CACHE_SKIP_PREFIXES: quizzes, live, accounts, API, admin, privacy…)
skip even that read. On a miss it stores the page as the rest of the stack made
it, so a hit carries the headers every middleware inside it added (Vary on the
language and cookies, X-Frame-Options, Content-Language); the visitor's own CSRF
token and cookie are put back on each hit. It also counts item views
(cms.views_count), a hit's and a miss's alike."""

import logging

from django.conf import settings
from django.http import HttpResponse

from lms.core import csrf_in_cache
from lms.core.csrf_token import CsrfViewMiddleware
from lms.core.page_cache import may_be_personal
from lms.core.request_settings import request_settings

from .cache import cached_entry, store_entry
from .views_count import record_view

logger = logging.getLogger(__name__)
# Cache-Control and Expires: a page that says "never store me" (never_cache: the
# live join form) says so on a hit too.
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "X-Frame-Options",
    "Cache-Control",
    "Expires",
)


def may_be_cached(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(request_settings().page_cache_skip_prefixes)
        and not may_be_personal(request)
    )


class PageCacheFirstMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Django's own CSRF cookie handling, for the token a cached form needs.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if may_be_cached(request):
            try:
                gen, entry = cached_entry(request)
            except Exception:  # a cache outage must not take the pages down
                logger.warning("page cache unavailable", exc_info=True)
                gen = entry = None
            if entry is not None:
                return self._replay(request, entry)
            response = self.get_response(request)
            # The generation read before rendering: a page rendered while a publish
            # happens is stored as already stale.
            if gen is not None:
                self._store_if_anonymous(request, gen, response)
        else:
            response = self.get_response(request)
        # The instance dictionary: a failed getattr formats an AttributeError, and
        # most responses are not library items.
        page_id = vars(response).get("hvs_page_id")
        if page_id and response.status_code == 200:
            self._count_view(page_id)
        return response

    def _replay(self, request, entry) -> HttpResponse:
        content = entry["content"]
        response = HttpResponse()
        if csrf_in_cache.PLACEHOLDER in content:
            self.csrf.process_request(request)  # the visitor's CSRF cookie, if any
            content = csrf_in_cache.for_visitor(request, content)
            self.csrf.process_response(request, response)  # a new cookie if none
        response.content = content
        for name, value in entry["headers"].items():
            response[name] = value
        response["Content-Length"] = str(len(content))  # as CommonMiddleware sets it
        response["X-Page-Cache"] = "hit"
        if entry.get("page_id"):
            self._count_view(entry["page_id"])
        return response

    @staticmethod
    def _count_view(page_id) -> None:
        try:
            record_view(page_id)
        except Exception:  # a count lost to a cache outage must not fail the page
            logger.warning("item view not counted", exc_info=True)

    @classmethod
    def _store_if_anonymous(cls, request, gen, response) -> None:
        try:
            if cls._storable(request, response):
                cls._store(request, gen, response)
        except Exception:
            logger.warning("page cache not updated", exc_info=True)

    @staticmethod
    def _storable(request, response) -> bool:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        return (
            getattr(response, "hvs_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            # A first visitor's CSRF cookie is the only one a hit gives (its own).
            and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
            and not (session is not None and session.modified)
            and not (user is not None and user.is_authenticated)
        )

    @staticmethod
    def _store(request, gen, response) -> None:
        content = csrf_in_cache.storable(response.content)
        headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
        entry = {"content": content, "headers": headers, "page_id": response.hvs_page_id}
        store_entry(request, gen, entry, getattr(response, "hvs_query_params", ()))
