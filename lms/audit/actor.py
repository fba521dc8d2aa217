"""Who is acting in this request, for writes our actions do not make themselves
(Django's and Wagtail's admin forms changing roles): the same habit as
django-auditlog's middleware. Our own ``do_…`` actions name their actor."""

from __future__ import annotations

from contextvars import ContextVar

# The request being served; its user is read only when a write asks.
_request: ContextVar = ContextVar("audit_request", default=None)


class AuditActorMiddleware:
    """After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def resolved_actor():
    """The signed-in user of the request being served, or None (a command, a task,
    an anonymous visitor)."""
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None
