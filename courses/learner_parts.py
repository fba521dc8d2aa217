"""The learner's own parts of the course and step pages: the course bar and
the end of a step page (courses/includes/step_bar.html, step_done.html) and
the progress above a course's outline (outline_progress.html). Each is
rendered once per process for each set of values it shows and each language,
then served from memory: per request only a lookup and the visitor's CSRF
token put in its place.

What a template reads is exactly the frozen view it is given (and the
language), so the view itself is the key: the visitor's own parts (done or
not, the previous and next step judged for them) and an editor's change (the
course title, a step's position) are in it, and a new value is a new key. The
templates are rendered with a plain context holding only the view and a
placeholder for the token, so nothing else about the request can slip in."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Never in a URL, a title or a translation: split on it to put the token in.
_TOKEN_HOLE = "hvs-csrf-" + secrets.token_hex(16)
_MAX_KEPT = 4000  # a few hundred bytes each
_kept: dict[tuple, list[str]] = {}


@dataclass(frozen=True)
class BarView:
    course_title: str
    course_url: str
    position: int
    total: int
    done: bool


@dataclass(frozen=True)
class EndView:
    progress_url: str
    kind: str
    done: bool
    previous_url: str
    next_url: str
    course_url: str


@dataclass(frozen=True)
class ProgressView:
    enrolled: bool
    percent: int
    complete: bool
    stuck_note: str
    next_url: str
    started: bool  # some step done: "Continue" rather than "Start the first step"
    enrol_url: str  # signed in, not enrolled: the one-tap enrol form
    sign_in_url: str  # not signed in


def progress(request, state, next_url: str, stuck_note, csrf_token) -> SafeString:
    """Above the outline: the learner's progress and next step, else the enrol
    form, else the way to sign in (back to this page)."""
    from urllib.parse import quote

    from django.urls import reverse

    signed_in = request.user.is_authenticated
    enrolled = state.enrolled
    view = ProgressView(
        enrolled=enrolled,
        percent=state.percent if enrolled else 0,
        complete=state.complete if enrolled else False,
        stuck_note=str(stuck_note or "") if enrolled else "",
        next_url=(next_url or "") if enrolled else "",
        started=bool(state.done) if enrolled else False,
        enrol_url=reverse("courses:enrol", args=[state.course.slug])
        if signed_in and not enrolled
        else "",
        sign_in_url=""
        if signed_in
        else f"{reverse('accounts:login')}?next={quote(request.path, safe='/')}",
    )
    return _with_token(
        _parts("courses/includes/outline_progress.html", view, "learner"), csrf_token
    )


def bar(nav) -> SafeString:
    view = BarView(str(nav.state.course.title), nav.course_url, nav.position, nav.total, nav.done)
    parts = _parts("courses/includes/step_bar.html", view)
    return mark_safe("".join(parts))  # noqa: S308 - a template's autoescaped output


def end(nav, csrf_token) -> SafeString:
    view = EndView(
        nav.progress_url, nav.kind, nav.done, nav.previous_url, nav.next_url, nav.course_url
    )
    return _with_token(_parts("courses/includes/step_done.html", view), csrf_token)


def _with_token(parts: list[str], csrf_token) -> SafeString:
    # A template's autoescaped output; the token (letters and digits) only where a form has it.
    return mark_safe(str(csrf_token).join(parts) if len(parts) > 1 else parts[0])  # noqa: S308


def _parts(template_name: str, view, name: str = "nav") -> list[str]:
    key = (template_name, get_language(), view)
    parts = _kept.get(key)
    if parts is None:
        context = Context({name: view, "csrf_token": _TOKEN_HOLE}, autoescape=True)
        parts = get_template(template_name).template.render(context).split(_TOKEN_HOLE)
        if len(_kept) >= _MAX_KEPT:
            _kept.clear()
        _kept[key] = parts
    return parts


def forget_all(**_kwargs) -> None:
    """A setting changed under a running process (tests): URLs and static paths may differ."""
    _kept.clear()


setting_changed.connect(forget_all, dispatch_uid="courses_learner_parts_forget_all")
