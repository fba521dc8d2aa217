"""A page cache for anonymous visitors.

Pages opt in (``mark_cacheable``); the middleware keeps their HTML per host,
path, language and the query parameters the page reads (its
``cache_query_params``: a shelf's filters and page number; none for an item).
Other parameters (``?utm_source=…``, ``?fbclid=…``) neither reach the page nor
make a new entry, so junk in links cannot fill the cache. The parameters a path
reads are remembered beside its entries, so a hit still needs no database. Every publish, unpublish, move or delete bumps
one generation number, so every cached page goes stale at once: a publish can
change lists, related items and counts on many pages, and rebuilding is cheap.

The CSRF token in a cached page belongs to whoever caused it to be rendered, so
it is swapped for a placeholder on the way in and for the visitor's own token
on the way out (the language switcher and the lesson check forms post)."""

import hashlib
import logging
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token

from lms.inclusion.easy_mode import easy_mode_on_device

from .views_count import record_view

logger = logging.getLogger(__name__)
GENERATION_KEY = "hvs:page-cache:generation"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACEHOLDER = b"__HVS_CSRF_TOKEN__"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options")
MAX_PARAM_CHARS = 100


def cache_seconds() -> int:
    return getattr(settings, "LIBRARY_PAGE_CACHE_SECONDS", 600)


def mark_cacheable(response, page_id=None, query_params=()) -> None:
    response.hvs_cacheable = True
    response.hvs_page_id = page_id
    response.hvs_query_params = tuple(query_params)


def only_params(query: QueryDict, names) -> QueryDict:
    """The parameters a page reads (first value, shortened); nothing else."""
    kept = QueryDict(mutable=True)
    for name in names:
        value = query.get(name)
        if value:
            kept[name] = value[:MAX_PARAM_CHARS]
    kept._mutable = False
    return kept


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate(*args, **kwargs) -> None:
    """Signal receiver: make every cached page stale."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def _may_be_personal(request) -> bool:
    # Judged from cookies alone so a cache hit never touches the session or the user.
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cache_key(request, gen: int, query_params=()) -> str:
    kept = sorted(only_params(request.GET, query_params).items())
    raw = _digest(
        request.get_host(),
        request.path,
        urlencode(kept),
        getattr(request, "LANGUAGE_CODE", ""),
        # The easy reading mode changes the page's markup (lms/inclusion).
        "easy" if easy_mode_on_device(request) else "",
    )
    return f"hvs:page:{gen}:{raw}"


def params_key(request, gen: int) -> str:
    return f"hvs:page-params:{gen}:{_digest(request.get_host(), request.path)}"


def _lookup_key(request, gen: int) -> str | None:
    """Without a query string every page has one key; with one, the key needs
    the parameters this path reads, known once it has been rendered."""
    if not request.GET:
        return cache_key(request, gen)
    query_params = cache.get(params_key(request, gen))
    return None if query_params is None else cache_key(request, gen, query_params)


class AnonymousPageCacheMiddleware:
    """Last in MIDDLEWARE, so the locale is known and CSRF cookies still get set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gen = None
        if request.method in ("GET", "HEAD") and not _may_be_personal(request):
            try:
                gen = generation()
                key = _lookup_key(request, gen)
                entry = cache.get(key) if key else None
            except Exception:  # a cache outage must not take the pages down
                logger.warning("page cache unavailable", exc_info=True)
                gen = entry = None
            if entry is not None:
                return self._replay(request, entry)
        response = self.get_response(request)
        try:
            if gen is not None and self._storable(request, response):
                self._store(request, gen, response)
            if getattr(response, "hvs_page_id", None) and response.status_code == 200:
                record_view(response.hvs_page_id)
        except Exception:
            logger.warning("page cache or view count not updated", exc_info=True)
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            getattr(response, "hvs_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (session is not None and session.modified)
        )

    @staticmethod
    def _store(request, gen, response) -> None:
        content = _CSRF_INPUT.sub(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content)
        headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
        entry = {"content": content, "headers": headers, "page_id": response.hvs_page_id}
        query_params = getattr(response, "hvs_query_params", ())
        cache.set_many(
            {
                cache_key(request, gen, query_params): entry,
                params_key(request, gen): query_params,
            },
            cache_seconds(),
        )

    @staticmethod
    def _replay(request, entry) -> HttpResponse:
        content = entry["content"]
        if _CSRF_PLACEHOLDER in content:
            content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in entry["headers"].items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        if entry.get("page_id"):
            record_view(entry["page_id"])
        return response
