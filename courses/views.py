"""Learner pages of a course: enrol, each step (the library page itself with
the course bar, or the quiz), progress posts that work without JavaScript, and
the staff's bulk enrolment. Thin callers of the actions."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.access import signed_in_required
from lms.core.model_copy import model_copy

from . import kept_progress
from .enrolment import access_course, can_enrol_others, do_enrol, do_enrol_learners
from .errors import ActionError, CourseNotFound, NotEnrolled, StepLocked, StepRestricted
from .forms import BulkEnrolForm
from .models import CourseStep, EnrolmentSource
from .outline import course_page_url, outline_context, progress_url, step_url
from .progress import StepKind
from .tracking import CourseState, access_step, course_state, do_record_progress
from .visibility import HIDDEN, Viewer, barrier, judge, note


def _course_or_404(slug):
    try:
        return access_course(slug)
    except CourseNotFound:
        raise Http404 from None


def detail(request, slug):
    """The outline, for a course that has no public page in the library yet."""
    from lms.accounts.admin_access import known_roles

    course = _course_or_404(slug)
    known_roles(request)  # the "Enrol learners" link, without a query
    return render(request, "courses/detail.html", outline_context(request, course))


@require_POST
@signed_in_required
def enrol(request, slug):
    course = _course_or_404(slug)
    do_enrol(request.user, course)
    messages.success(request, _("You are enrolled. Start with the first step."))
    context = outline_context(request, course)
    return redirect(context["course_next_url"] or course_page_url(course))


@dataclass
class StepNav:
    """What the course bar on a step page shows."""

    state: CourseState
    step: CourseStep
    position: int
    total: int
    done: bool
    previous_url: str
    next_url: str
    course_url: str
    progress_url: str
    kind: str


def _nav(state: CourseState, step: CourseStep) -> StepNav:
    before, after = state.neighbours(step)
    course = state.course
    return StepNav(
        state=state,
        step=step,
        position=state.position(step),
        total=len(state.steps),
        done=step.pk in state.done,
        previous_url=step_url(course, before) if before else "",
        next_url=step_url(course, after) if after else "",
        course_url=course_page_url(course),
        progress_url=progress_url(course, step),
        kind=step.kind,
    )


def _blocked(request, course, error: ActionError, status=200):
    context = {"course": course, "error": error, "course_url": course_page_url(course)}
    if isinstance(error, StepLocked):
        blocker = error.params["blocker"]
        kept_out = barrier(Viewer.of(request), blocker)
        context.update(
            blocker=blocker,
            blocker_position=error.params["position"],
            blocker_url=step_url(course, blocker),
            # A step the learner may not open: no title, no link, the reason instead.
            blocker_note=note(kept_out) if kept_out in HIDDEN else "",
        )
    return render(request, "courses/blocked.html", context, status=status)


def serve_with_wagtail_hooks(request, page):
    """Serve a library page the way Wagtail's own view does once it has routed:
    the before-serve hooks, then the on-serve chain, which holds Wagtail's view
    restriction check (login, groups, password). A course step must refuse whom
    the item's own URL refuses. The restrictions come from the page's
    ``get_view_restrictions`` (remembered per page-tree generation), so a warm
    step page asks no query for them."""
    from wagtail import hooks
    from wagtail.views import serve_chain

    chain = serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, (), {})
        if isinstance(result, HttpResponseBase):
            return result
    return chain(page, request, (), {})


def check_page_viewable(request, step: CourseStep) -> None:
    """A step whose library page this request may not view (a view restriction
    on it or above it: login, groups, password) cannot be marked done either.
    Judged on the request, like Wagtail's own check, from the remembered
    restrictions."""
    if step.page_id is None:
        return
    restrictions = step.page.specific.get_view_restrictions()
    if not all(restriction.accept_request(request) for restriction in restrictions):
        raise StepRestricted()


@signed_in_required
def step(request, slug, step_id):
    kept_progress.read_along(request.user, slug)  # with the outline's generation read
    course = _course_or_404(slug)
    try:
        state, current = access_step(request.user, course, step_id, cached=True)
    except CourseNotFound:
        raise Http404 from None
    except (NotEnrolled, StepLocked) as error:
        return _blocked(request, course, error)
    nav = _nav(judge(state, Viewer.of(request)), current)
    if current.kind == StepKind.QUIZ:
        # A quiz the learner cannot take: its reason, not a button to "not found".
        kept_out = nav.state.barriers.get(current.pk)
        closed_note = note(kept_out) if kept_out in HIDDEN else ""
        return render(
            request,
            "courses/quiz_step.html",
            {"course": course, "nav": nav, "closed_note": closed_note},
        )
    # The library page itself, with the course bar and the "done" form around it.
    request.course_step = nav
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    # A copy: the outline's pages are shared by the process's requests (outline_cache).
    response = serve_with_wagtail_hooks(request, model_copy(current.page.specific))
    if request.method == "POST":
        # A lesson's check answered: the bar and the end of the page (rendered
        # lazily) show whether that finished the step.
        fresh = judge(course_state(request.user, course), Viewer.of(request))
        request.course_step = _nav(fresh, fresh.step(current.pk))
    return response


@require_POST
@signed_in_required
def record_progress(request, slug, step_id):
    course = _course_or_404(slug)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        check_page_viewable(request, access_step(request.user, course, step_id)[1])
        done = do_record_progress(
            request.user, course, step_id, request.POST.get("event", ""), request.POST.get("value")
        )
    except CourseNotFound:
        raise Http404 from None
    except ActionError as error:
        if wants_json:
            return JsonResponse({"error": str(error.message)}, status=error.status)
        return _blocked(request, course, error, status=error.status)
    if wants_json:
        return JsonResponse({"done": done})
    state, current = access_step(request.user, course, step_id)
    judge(state, Viewer.of(request))  # the next step is one the learner may open
    if not done:
        return redirect(step_url(course, current))
    messages.success(request, _("Well done! This step is complete."))
    if state.complete:
        messages.success(request, _("You have completed the course."))
        return redirect(course_page_url(course))
    following = state.next_step
    return redirect(step_url(course, following) if following else course_page_url(course))


@signed_in_required
def enrol_learners(request, slug):
    course = _course_or_404(slug)
    if not can_enrol_others(request.user):
        from lms.accounts.access import deny

        return deny(request, ["courses.enrol_learners"])
    form = BulkEnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = do_enrol_learners(
                request.user, course, form.cleaned_data["learners"], EnrolmentSource.BULK
            )
        except ActionError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("%(count)d learners enrolled.") % {"count": count})
            return redirect(request.path)
    return render(request, "courses/enrol_learners.html", {"course": course, "form": form})
