"""Where a path leads, remembered per process.

Django finds a request's view by trying the URL patterns in order, on every
request. A page of Wagtail's tree (a course page, a library item) is served by
the catch-all pattern that comes last, so each of its requests first tries
every other pattern of the site (some 20 resolvers, 300 Python calls). The
patterns never change while the process runs, and none of them depends on the
language or on data: the same path always leads to the same view with the same
arguments. So the site's patterns sit in one resolver that remembers each path
it matched. A path no pattern matches is not remembered (every request tries
again and gets its 404), and the memory is bounded: junk paths the catch-all
accepts cannot grow it without limit."""

from __future__ import annotations

from django.urls import URLResolver
from django.urls.resolvers import RoutePattern

MAX_REMEMBERED = 5000


class RememberingResolver(URLResolver):
    """``path("", include(patterns))`` whose matches are remembered by path."""

    def __init__(self, patterns: list):
        super().__init__(RoutePattern(""), patterns)
        self._matches: dict[str, object] = {}

    def resolve(self, path):
        path = str(path)
        found = self._matches.get(path)
        if found is None:
            found = super().resolve(path)  # Resolver404: no pattern matches the path
            # Without the patterns tried before the match (debug information, never
            # read for a match): the outer resolver copies them on every request.
            found.tried = None
            if len(self._matches) >= MAX_REMEMBERED:
                self._matches.clear()
            self._matches[path] = found
        # The match is never changed: the outer resolver builds the request's own
        # from it (its arguments in a new dict).
        return found

    def forget(self) -> None:
        self._matches.clear()
