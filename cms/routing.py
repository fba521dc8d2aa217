"""Wagtail's page routing, remembered per process.

Wagtail finds a page by walking the tree from the site's root: the site, the
root page and its specific row, then one query per level (home → library →
shelf → item: 8 queries before the page is even served, for every signed-in
visitor the page cache cannot answer). Where a path leads only changes when a
page is published, unpublished, moved, renamed or deleted, and every one of
those bumps the page cache's generation (cms/cache.py); so does any change to a
site. So this process remembers, per generation, host and path, the site and
the page a full walk found, and on the next request loads that page alone (one
query, and none while no page was saved: _page_row). Everything after routing is Wagtail's own serve: the page's live state
(checked on the fresh row), its view restrictions and the before-serve hooks.
Previews do not route through here.

A page's view restrictions (its own and its ancestors', two queries in
Wagtail) are remembered the same way: adding, changing or removing one bumps
the generation too (cms/apps.py). The restrictions themselves still judge each
request (a group restriction reads the visitor's groups every time)."""

from __future__ import annotations

from django.apps import apps
from wagtail import views as wagtail_views

from lms.core.model_copy import model_copy
from lms.core.request_host import host

from . import cache as page_cache

_remembered: dict[tuple, tuple] = {}
_restrictions: dict[tuple, tuple] = {}
_REMEMBERED_MAX = 5000


def _keep(memory: dict, key: tuple, value) -> None:
    if len(memory) >= _REMEMBERED_MAX or next(iter(memory), key)[0] != key[0]:
        memory.clear()  # a new generation: everything older is stale
    memory[key] = value


_ancestors: dict[tuple, list] = {}
_site_root_paths: dict[tuple, list] = {}


def site_root_paths() -> list:
    """Wagtail's site root paths (every page URL is built from them; Wagtail
    reads them from the cache on each request, and again for each page whose
    ``url`` is asked without the request), remembered while the generation
    holds: they change only when a site or a site's root page is saved, moved
    or renamed, and each of those bumps it."""
    from wagtail.models import Site

    key = (page_cache.generation(), "site-root-paths")
    found = _site_root_paths.get(key)
    if found is None:
        found = Site.get_site_root_paths()
        _keep(_site_root_paths, key, found)
    return found


def share_site_root_paths(request, *pages) -> None:
    """Give the request (and pages built outside it) the remembered root paths."""
    paths = site_root_paths()
    for holder in (request, *pages):
        holder._wagtail_cached_site_root_paths = paths


def breadcrumb_ancestors(page) -> list:
    """The page's ancestors below the tree's root (the breadcrumb), remembered
    while the generation holds: a title or a place in the tree changes only
    by publishing or moving, and both bump it."""
    key = (page_cache.generation(), page.pk)
    found = _ancestors.get(key)
    if found is None:
        found = list(page.get_ancestors()[1:])
        for ancestor in found:
            ancestor._wagtail_cached_site_root_paths = site_root_paths()
        _keep(_ancestors, key, found)
    return found


def view_restrictions(page, load):
    """``load()`` (Wagtail's get_view_restrictions queryset) for this page,
    answered from memory while the generation holds: a queryset of the same
    restrictions whose rows are already there (iterating it costs no query;
    ``order_by`` or ``exists`` on a copy still ask the database). The same
    queryset for every request of the generation: reading it never changes it,
    and building one cost more calls than the rest of the check."""
    from wagtail.models import PageViewRestriction

    key = (page_cache.generation(), page.pk)
    queryset = _restrictions.get(key)
    if queryset is None:
        # With their groups: a group restriction would ask for them on every request.
        rows = list(load().prefetch_related("groups"))
        queryset = PageViewRestriction.objects.filter(pk__in=[row.pk for row in rows])
        queryset._result_cache = rows
        queryset._prefetch_done = True
        _keep(_restrictions, key, queryset)
    return queryset


def _key(request, path: str) -> tuple:
    return (page_cache.generation(), host(request), path)


_rows: dict[tuple, object] = {}


def _page_row(model_label: str, page_id: int):
    """The page's row, remembered while both generations hold: the page cache's
    (publish, unpublish, move, delete: cms/cache.py) and the one every page
    save bumps (courses/outline_cache.py: any Page subclass saved or deleted).
    Each request gets its own shallow copy: views set attributes on it."""
    from courses.outline_cache import generation as saved_generation

    key = ((page_cache.generation(), saved_generation()), model_label, page_id)
    row = _rows.get(key)
    if row is None:
        row = apps.get_model(model_label).objects.filter(pk=page_id).first()
        if row is None:
            return None
        _keep(_rows, key, row)
    return model_copy(row)


def _recall(request, key) -> bool:
    found = _remembered.get(key)
    if found is None:
        return False
    site, model_label, page_id = found
    page = _page_row(model_label, page_id)
    if page is None:
        return False
    request._wagtail_site = site
    share_site_root_paths(request, page)
    # The page's own route for "nothing left": 404 if it is no longer live.
    request._wagtail_route_for_request = page.route(request, [])
    return True


def _remember(request, key, path: str) -> None:
    site = getattr(request, "_wagtail_site", None)
    result = getattr(request, "_wagtail_route_for_request", None)
    if site is None or result is None:
        return
    page, args, kwargs = result
    # Only a walk that ended exactly on a page (no arguments left for the page).
    if args or kwargs or page.url_path != site.root_page.url_path + path:
        return
    _keep(_remembered, key, (site, page.specific_class._meta.label, page.pk))


def serve(request, path):
    from courses.kept_progress import read_along_for_page

    read_along_for_page(request)  # a course page's learner state, with the generations
    key = _key(request, path)
    recalled = _recall(request, key)
    response = wagtail_views.serve(request, path)
    if not recalled:
        _remember(request, key, path)
    return response
