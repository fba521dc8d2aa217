"""The request's host and origin, worked out once per request: Django's
``get_host()`` validates the Host header against ALLOWED_HOSTS each time it is
asked (some 20 Python calls), and a course page asked for it three times (the
common middleware, the remembered route's key, the kept share tags' origin)."""

from __future__ import annotations


def host(request) -> str:
    found = request.__dict__.get("_hvs_host")
    if found is None:
        found = request._hvs_host = request.get_host()
    return found


def origin(request) -> str:
    """``scheme://host`` the visitor used (absolute URLs in share tags)."""
    found = request.__dict__.get("_hvs_origin")
    if found is None:
        found = request._hvs_origin = f"{request.scheme}://{host(request)}"
    return found
