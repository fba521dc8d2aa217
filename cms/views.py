"""The library's search page. Thin: parsing, searching and paging live in
cms.models.browsing and cms.search, shared with the audience pages and the API."""

from django.shortcuts import render

from lms.audiences import Audience

from .models.browsing import LibraryFilters, paginate, type_options, visible_items
from .search import MAX_QUERY_CHARS, search_items


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
    return render(
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
