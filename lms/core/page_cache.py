"""How a view opts its response into the anonymous page cache (cms.cache keeps
the entries, cms.middleware serves and stores them). Here, in the core, so that
any app's view may opt in without importing cms."""

from .request_settings import request_settings


def mark_cacheable(response, page_id=None, query_params=()) -> None:
    """Store this response for anonymous visitors, one entry per value of the
    ``query_params`` it reads (other parameters neither reach it nor make entries)."""
    response.hvs_cacheable = True
    response.hvs_page_id = page_id
    response.hvs_query_params = tuple(query_params)


def may_be_personal(request) -> bool:
    """Whether the page may differ for this visitor (a session, messages waiting,
    an API token). Judged from cookies alone, so a cache hit never touches the
    session or the user (cms.middleware, the certificate verify page)."""
    return (
        request_settings().session_cookie in request.COOKIES
        or "messages" in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )
