"""A page cache for anonymous visitors.

Pages opt in (``mark_cacheable``); the middleware keeps their HTML per host,
path, query string and language. Every publish, unpublish, move or delete bumps
one generation number, so every cached page goes stale at once: a publish can
change lists, related items and counts on many pages, and rebuilding is cheap.

The CSRF token in a cached page belongs to whoever caused it to be rendered, so
it is swapped for a placeholder on the way in and for the visitor's own token
on the way out (the language switcher and the lesson check forms post)."""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from .views_count import record_view

logger = logging.getLogger(__name__)
GENERATION_KEY = "hvs:page-cache:generation"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACEHOLDER = b"__HVS_CSRF_TOKEN__"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options")


def cache_seconds() -> int:
    return getattr(settings, "LIBRARY_PAGE_CACHE_SECONDS", 600)


def mark_cacheable(response, page_id=None) -> None:
    response.hvs_cacheable = True
    response.hvs_page_id = page_id


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


def cache_key(request, gen: int) -> str:
    raw = "\n".join(
        [request.get_host(), request.get_full_path(), getattr(request, "LANGUAGE_CODE", "")]
    )
    return f"hvs:page:{gen}:{hashlib.sha256(raw.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Last in MIDDLEWARE, so the locale is known and CSRF cookies still get set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if request.method in ("GET", "HEAD") and not _may_be_personal(request):
            try:
                key = cache_key(request, generation())
                entry = cache.get(key)
            except Exception:  # a cache outage must not take the pages down
                logger.warning("page cache unavailable", exc_info=True)
                key = entry = None
            if entry is not None:
                return self._replay(request, entry)
        response = self.get_response(request)
        try:
            if key and self._storable(request, response):
                self._store(key, response)
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
    def _store(key, response) -> None:
        content = _CSRF_INPUT.sub(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content)
        headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
        entry = {"content": content, "headers": headers, "page_id": response.hvs_page_id}
        cache.set(key, entry, cache_seconds())

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
