"""Serves anonymous visitors from the page cache (cms.cache) and stores the pages
that opt in; counts item views (cms.views_count) for hits and misses alike.
Last in MIDDLEWARE, so the locale is known and CSRF cookies still get set."""

import logging
import re

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from .cache import cache_key, cache_seconds, generation, lookup_key, may_be_personal, params_key
from .views_count import record_view

logger = logging.getLogger(__name__)
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACEHOLDER = b"__HVS_CSRF_TOKEN__"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options")


class AnonymousPageCacheMiddleware:
    """Last in MIDDLEWARE, so the locale is known and CSRF cookies still get set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gen = None
        if request.method in ("GET", "HEAD") and not may_be_personal(request):
            try:
                gen = generation()
                key = lookup_key(request, gen)
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
