"""A page cache for anonymous visitors (the keys and generation; the middleware
that serves and stores pages is cms.middleware).

Pages opt in (``lms.core.page_cache.mark_cacheable``); the middleware keeps their HTML per host,
path, language and the query parameters the page reads (its
``cache_query_params``: a shelf's filters and page number; none for an item).
Other parameters (``?utm_source=…``, ``?fbclid=…``) neither reach the page nor
make a new entry, so junk in links cannot fill the cache. The parameters a path
reads are remembered beside its entries, so a hit still needs no database. Every
publish, unpublish, move or delete bumps one generation number, so every cached
page goes stale at once: a publish can change lists, related items and counts on
many pages, and rebuilding is cheap. Each entry holds its generation and is
overwritten in place when the page is next rendered.

The CSRF token in a cached page belongs to whoever caused it to be rendered, so
it is swapped for a placeholder on the way in and for the visitor's own token
on the way out (the language switcher and the lesson check forms post)."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict

from lms.core.generation import CacheGeneration
from lms.core.middleware import chosen_language
from lms.inclusion.easy_mode import easy_mode_on_device

GENERATION_KEY = "hvs:page-cache:generation"
# Raised when what an entry holds changes, so a deploy never replays an older
# entry (2: the headers of the whole middleware stack).
_ENTRY_FORMAT = 2
# As long as the longest value a page reads (a search query), so two values never
# share an entry by sharing a prefix.
MAX_PARAM_CHARS = 200


def cache_seconds() -> int:
    return getattr(settings, "LIBRARY_PAGE_CACHE_SECONDS", 600)


def only_params(query: QueryDict, names) -> QueryDict:
    """The parameters a page reads (first value, shortened); nothing else."""
    kept = QueryDict(mutable=True)
    for name in names:
        value = query.get(name)
        if value:
            kept[name] = value[:MAX_PARAM_CHARS]
    kept._mutable = False
    return kept


_GENERATION = CacheGeneration(GENERATION_KEY)


def generation() -> int:
    return _GENERATION.current()


def invalidate(*args, **kwargs) -> None:
    """Signal receiver: make every cached page stale."""
    _GENERATION.bump()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def page_key(request, query_params=()) -> str:
    """One key per page and variant; the entry holds the generation it was made in,
    so a hit is one read of the generation and the entry together."""
    kept = sorted(only_params(request.GET, query_params).items())
    raw = _digest(
        request.get_host(),
        request.path,
        urlencode(kept),
        chosen_language(request),
        # The easy reading mode changes the page's markup (lms/inclusion).
        "easy" if easy_mode_on_device(request) else "",
    )
    return f"hvs:page:{_ENTRY_FORMAT}:{raw}"


def params_key(request) -> str:
    return f"hvs:page-params:{_digest(request.get_host(), request.path)}"


def cached_entry(request):
    """(the current generation, the page's fresh entry or None), in one cache round
    trip: a page with a query string also reads the parameters its path reads,
    remembered beside its entries once it has been rendered (a second trip only
    the first time this process sees the path)."""
    if not request.GET:
        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        gen, entry = found.get(GENERATION_KEY), found.get(key)
    else:
        # The names this process last saw for the path: the entry is read in the
        # same round trip, and used only if the remembered names still agree.
        guess = _names_seen.get(params_key(request))
        keys = [GENERATION_KEY, params_key(request)]
        if guess is not None:
            keys.append(page_key(request, guess))
        found = cache.get_many(keys)
        gen, remembered = found.get(GENERATION_KEY), found.get(params_key(request))
        fresh = remembered is not None and remembered["generation"] == gen
        entry = None
        if fresh:
            names = tuple(remembered["names"])
            _remember_names(params_key(request), names)
            key = page_key(request, names)
            entry = found.get(key) if names == guess else cache.get(key)
    if gen is None:
        return generation(), None
    if entry is None or entry.get("generation") != gen:
        return gen, None
    return gen, entry


_names_seen: dict[str, tuple] = {}
_NAMES_SEEN_MAX = 2000


def _remember_names(key: str, names: tuple) -> None:
    if key not in _names_seen and len(_names_seen) >= _NAMES_SEEN_MAX:
        _names_seen.clear()  # junk paths cannot grow it without bound
    _names_seen[key] = names


def store_entry(request, gen: int, entry: dict, query_params=()) -> None:
    cache.set_many(
        {
            page_key(request, query_params): {**entry, "generation": gen},
            params_key(request): {"generation": gen, "names": tuple(query_params)},
        },
        cache_seconds(),
    )
