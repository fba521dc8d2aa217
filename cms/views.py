"""The library's search page. Thin: parsing, searching and paging live in
cms.models.browsing and cms.search, shared with the audience pages and the API."""

from django.shortcuts import render

from lms.audiences import Audience
from lms.core.page_cache import mark_cacheable

from .models.browsing import LibraryFilters, paginate, type_options, visible_items
from .search import MAX_QUERY_CHARS, search_items

# What the page reads; anything else (?utm_source=…) shares the entry.
SEARCH_PARAMS = ("q", "audience", "area", "type", "topic", "sort", "page")


def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_CHARS].strip()
    filters = LibraryFilters.from_params(request.GET)
    items = None
    if query:
        matches = search_items(query, filters.apply(visible_items()))
        if filters.sort == "popular":
            matches = filters.order(matches)
        items = paginate(matches, request.GET.get("page"))
    elif filters.active or filters.audience:
        # A topic link from an item page: browse without words.
        items = paginate(filters.order(filters.apply(visible_items())), request.GET.get("page"))
    response = render(
        request,
        "cms/search.html",
        {
            "query": query,
            "filters": filters,
            "items": items,
            "types": type_options(),
            "audience_choices": Audience.choices,
        },
    )
    # Anonymous result pages are kept in the page cache (stale on every publish or
    # unpublish), keyed on the query as typed: the page shows it back in the box,
    # the title and the page links, so another spelling is another page.
    mark_cacheable(response, query_params=SEARCH_PARAMS)
    return response
