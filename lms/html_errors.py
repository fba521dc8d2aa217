"""The HTML side of the one error base (the API's is lms/api_errors.py): a view
decorated with ``action_errors`` lets its actions raise ``lms.errors.ActionError``
instead of catching each one by hand.

- an error of a class in ``hidden``: the styled 404 page, whatever its status (a
  refusal that would tell the thing exists, e.g. someone else's live session);
- ``answer(request, error, *args, **kwargs)`` when the view gave one answers every
  refusal itself, 404 included: JSON fallbacks and plain-text answers, whose
  clients read the body;
- status 404: the styled 404 page (nothing says whether the thing exists);
- otherwise ``on_error(request, error, *args, **kwargs)`` when the view gave one
  (a flash message and a redirect, or the page again with the message);
- else 403: the styled 403 page with the action's message;
- else the styled error page with the action's status and message.

``reported_on(form)`` is the form variant: inside it an ActionError (but 403 and
404, left to the decorator, unless ``refusals_too``: a mistyped PIN is the form's
error, not a missing page) becomes the form's error (on ``field`` if given) and
its status is kept."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from .errors import ActionError


def action_errors(view=None, *, on_error=None, answer=None, hidden=()):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except ActionError as error:
                if isinstance(error, hidden):
                    raise Http404() from None
                if answer is not None:
                    return answer(request, error, *args, **kwargs)
                if error.status == 404:
                    raise Http404(str(error.message)) from None
                if on_error is not None:
                    return on_error(request, error, *args, **kwargs)
                if error.status == 403:
                    raise PermissionDenied(str(error.message)) from None
                return error_page(request, error)

        return wrapped

    return decorator(view) if view is not None else decorator


def error_page(request, error: ActionError):
    context = {"message": error.message, "status": error.status}
    return render(request, "action_error.html", context, status=error.status)


def flash_and_redirect(url_for):
    """An ``on_error`` that shows the message on the page ``url_for(request, *args,
    **kwargs)`` names."""

    def on_error(request, error, *args, **kwargs):
        messages.error(request, str(error.message))
        return redirect(url_for(request, *args, **kwargs))

    return on_error


class reported_on:
    """``with reported_on(form) as outcome:`` … then ``outcome.status`` is the
    refused action's status (None when it went through)."""

    def __init__(self, form, field=None, *, refusals_too=False):
        self.form = form
        self.field = field
        self.left_to_decorator = () if refusals_too else (403, 404)
        self.status = None
        self.error = None

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, ActionError) and error.status not in self.left_to_decorator:
            self.form.add_error(self.field, str(error.message))
            self.status, self.error = error.status, error
            return True
        return False
