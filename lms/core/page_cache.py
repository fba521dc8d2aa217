"""How a view opts its response into the anonymous page cache (cms.cache keeps
the entries, cms.middleware serves and stores them). Here, in the core, so that
any app's view may opt in without importing cms."""


def mark_cacheable(response, page_id=None, query_params=()) -> None:
    """Store this response for anonymous visitors, one entry per value of the
    ``query_params`` it reads (other parameters neither reach it nor make entries)."""
    response.hvs_cacheable = True
    response.hvs_page_id = page_id
    response.hvs_query_params = tuple(query_params)
