"""Who is acting in this request, for writes our actions do not make themselves
(Django's and Wagtail's admin forms changing roles): the same habit as
django-auditlog's middleware. Our own ``do_…`` actions name their actor."""

from __future__ import annotations

from contextvars import ContextVar

_actor: ContextVar = ContextVar("audit_actor", default=None)


def current_actor():
    """The signed-in user of the request being served, or None (a command, a task)."""
    return _actor.get()


class AuditActorMiddleware:
    """After AuthenticationMiddleware. The user is read lazily, when a write asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _actor.set(_LazyUser(request))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


class _LazyUser:
    def __init__(self, request):
        self.request = request

    def resolve(self):
        user = getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None


def resolved_actor():
    actor = current_actor()
    return actor.resolve() if actor is not None else None
