"""What a course's pages show: the outline with each step's status for the
learner, the next step, and a learner's courses for "Học tập của tôi" and the
home page. Fixed query counts, whatever the number of steps or courses."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import progress
from .enrolment import can_enrol_others
from .models import Course, CourseStep, Enrolment
from .tracking import CourseState, course_state
from .visibility import HIDDEN, Viewer, judge, note, stuck_note


@dataclass
class StepRow:
    step: CourseStep
    position: int
    status: str  # "done" | "open" | "locked"
    url: str
    barrier: str | None = None  # courses.visibility: what keeps the visitor out
    note: str = ""
    linked: bool = False  # the learner is enrolled and the step is open to them

    @property
    def hidden(self) -> bool:
        """No title, no link: the visitor may not view the item."""
        return self.barrier in HIDDEN


def step_url(course: Course, step: CourseStep) -> str:
    """Kept with the outline (outline_cache.build_outline): a long course's
    page would otherwise reverse a URL per step on every request."""
    kept = getattr(step, "outline_url", None)
    return kept if kept is not None else reverse("courses:step", args=[course.slug, step.pk])


def progress_url(course: Course, step: CourseStep) -> str:
    """Where a step's "done" form posts; kept with the outline like step_url."""
    kept = getattr(step, "outline_progress_url", None)
    return kept if kept is not None else reverse("courses:progress", args=[course.slug, step.pk])


def course_page_url(course: Course) -> str:
    """The public course page (cms) pointing at this course, else the step list."""
    from .outline_cache import page_url

    cached = getattr(course, "outline_page_url", None)
    return cached if cached is not None else page_url(course)


def _status(step, done: set[int], opened: set[int]) -> str:
    if step.pk in done:
        return "done"
    return "open" if step.pk in opened else "locked"


def step_rows(state: CourseState) -> list[StepRow]:
    opened = state.opened
    rows = []
    for position, step in enumerate(state.steps, start=1):
        status = _status(step, state.done, opened)
        barrier = state.barriers.get(step.pk)
        url = step_url(state.course, step)
        linked = state.enrolled and status != "locked"
        rows.append(StepRow(step, position, status, url, barrier, note(barrier), linked))
    return rows


def module_rows(state: CourseState) -> list[tuple[str, list[StepRow]]]:
    rows = step_rows(state)
    grouped = progress.modules([step.module_title for step in state.steps], str(_("Steps")))
    return [(title, [rows[index] for index in positions]) for title, positions in grouped]


def outline_context(request, course: Course) -> dict:
    user = request.user
    state = judge(course_state(user, course, cached=True), Viewer.of(request))

    def modules():
        # Called by the template, and only when the step list is not kept yet.
        return module_rows(state)

    following = state.next_step
    return {
        "course": course,
        "course_state": state,
        "course_modules": modules,
        # The step list shown is decided by the outline and, per step, what the
        # learner sees of it: the template keeps it per process under this key.
        "outline_modules": modules,
        "outline_key": outline_key(course, state),
        "course_next_step": following,
        "course_next_url": step_url(course, following) if following else "",
        "course_stuck_note": stuck_note(state) if state.enrolled else "",
        "can_enrol_others": can_enrol_others(user),
    }


def outline_key(course: Course, state: CourseState) -> tuple:
    """Everything the rendered step list depends on besides the language: the
    outline's version, and each step's status, restriction and link (what
    step_rows shows, worked out without building the rows)."""
    from .outline_cache import generation

    done, opened, barriers, enrolled = state.done, state.opened, state.barriers, state.enrolled
    shown = []
    for step in state.steps:
        status = _status(step, done, opened)
        shown.append((status, barriers.get(step.pk), enrolled and status != "locked"))
    return (course.pk, course.sequential, generation(), tuple(shown))


@dataclass
class LearnerCourse:
    course: Course
    percent: int
    complete: bool
    next_step: CourseStep | None
    next_url: str
    page_url: str
    stuck_note: str = ""
    stuck_positions: list[int] = field(default_factory=list)


def learner_courses(user, viewer: Viewer | None = None) -> list[LearnerCourse]:
    """The learner's courses, the most recently active first: two queries
    (enrolments, all their done steps); the courses, their steps and page URLs
    come from the outline cache (outline_cache.py) in one round trip. The next
    step is one ``viewer`` (by default the learner) may open."""
    from .models import StepProgress
    from .outline_cache import cached_outlines

    if not user.is_authenticated:
        return []
    course_ids = list(
        Enrolment.objects.filter(user=user, course__live=True)
        .order_by("-last_activity_at", "-pk")
        .values_list("course_id", flat=True)
    )
    if not course_ids:
        return []
    outlines = cached_outlines(course_ids)
    done = set(
        StepProgress.objects.filter(
            user=user, step__course_id__in=course_ids, done_at__isnull=False
        ).values_list("step_id", flat=True)
    )
    viewer = viewer or Viewer(user)
    result = []
    for course_id in course_ids:
        if course_id not in outlines:
            continue  # unpublished since the enrolments were read
        course, steps, page_url = outlines[course_id]
        course.outline_steps, course.outline_page_url = steps, page_url
        state = judge(CourseState(course, steps, done, True), viewer)
        following = state.next_step
        result.append(
            LearnerCourse(
                course=course,
                percent=state.percent,
                complete=state.complete,
                next_step=following,
                next_url=step_url(course, following) if following else "",
                page_url=page_url,
                stuck_note=stuck_note(state),
                stuck_positions=[] if state.complete else state.stuck_positions,
            )
        )
    return result
