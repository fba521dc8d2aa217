"""Where a learner stands in a course, and recording what they did on a step.
The rules themselves are pure (courses.progress); this module reads and writes
the rows. A course's state costs the same few queries whatever its length."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from django.db import connection, transaction
from django.utils import timezone

from lms.audit.record import record_event

from . import progress
from .completion import do_complete
from .enrolment import access_enrolment
from .errors import BadProgress, StepLocked
from .models import Course, CourseStep, Enrolment, StepProgress
from .progress import StepKind, StepRef, StepState

EVENTS = ("confirm", "end", "video")


@dataclass
class CourseState:
    course: Course
    steps: list[CourseStep]
    done: set[int]
    enrolled: bool
    # {step id: what keeps the visitor from its item} (courses.visibility.judge).
    barriers: dict[int, str] = field(default_factory=dict)

    @cached_property
    def refs(self) -> list[StepRef]:
        # Asked by every property below, several times a page; the steps never
        # change once the state is made.
        return [StepRef(step.pk, step.required) for step in self.steps]

    @property
    def opened(self) -> set[int]:
        return progress.open_steps(self.refs, self.done, self.course.sequential)

    @property
    def hidden(self) -> set[int]:
        """Steps shown without title or link: the visitor may never open them."""
        from .visibility import HIDDEN

        return {step_id for step_id, kind in self.barriers.items() if kind in HIDDEN}

    @property
    def next_step(self) -> CourseStep | None:
        ref = progress.next_step(self.refs, self.done, self.course.sequential, self.hidden)
        return None if ref is None else self.step(ref.id)

    @property
    def stuck_positions(self) -> list[int]:
        """Positions of the required steps still to do that the visitor cannot open."""
        hidden = self.hidden
        return [
            position
            for position, step in enumerate(self.steps, start=1)
            if step.required and step.pk in hidden and step.pk not in self.done
        ]

    @property
    def percent(self) -> int:
        return progress.percent_done(self.refs, self.done)

    @property
    def complete(self) -> bool:
        return progress.is_complete(self.refs, self.done)

    def step(self, step_id: int) -> CourseStep | None:
        return next((step for step in self.steps if step.pk == step_id), None)

    def position(self, step: CourseStep) -> int:
        return self.steps.index(step) + 1

    def blocker(self, step: CourseStep) -> CourseStep | None:
        ref = progress.blocker(self.refs, self.done, step.pk, self.course.sequential)
        return None if ref is None else self.step(ref.id)

    def neighbours(self, step: CourseStep) -> tuple[CourseStep | None, CourseStep | None]:
        """The steps before and after, passing over the ones the visitor cannot open."""
        hidden = self.hidden
        index = self.steps.index(step)
        before = [other for other in self.steps[:index] if other.pk not in hidden]
        after = [other for other in self.steps[index + 1 :] if other.pk not in hidden]
        return (before[-1] if before else None), (after[0] if after else None)


def course_steps(course: Course) -> list[CourseStep]:
    """The steps, from the outline cache for a published course (no query on a hit)."""
    from .outline_cache import load_steps, outline_of

    steps = getattr(course, "outline_steps", None)
    if steps is None and course.live and course.pk:
        cached = outline_of(course.slug)
        if cached is not None and cached.pk == course.pk:
            steps = cached.outline_steps
            course.outline_steps, course.outline_page_url = steps, cached.outline_page_url
    return list(steps) if steps is not None else load_steps(course)


# Stands for "enrolled" among the done step ids (a step's id is never 0).
_ENROLLED = 0


def enrolment_and_done(user, course: Course) -> tuple[bool, set[int]]:
    """Whether the user is enrolled, and the ids of the steps they have done
    (none unless enrolled), in one query: the enrolment row as a 0 beside the
    done steps' ids. Hand-written SQL: building the same query through the ORM
    cost more CPU than the query itself on every course and step page."""
    if not user.is_authenticated:
        return False, set()
    with connection.cursor() as cursor:
        cursor.execute(_enrolment_and_done_sql(), [user.pk, course.pk, user.pk, course.pk])
        found = {row[0] for row in cursor.fetchall()}
    if _ENROLLED not in found:
        return False, set()
    return True, found - {_ENROLLED}


@cache
def _enrolment_and_done_sql() -> str:
    quote = connection.ops.quote_name
    enrolment = quote(Enrolment._meta.db_table)
    done = quote(StepProgress._meta.db_table)
    step = quote(CourseStep._meta.db_table)
    # Only table names from the models' own metadata are put into the text.
    return (
        f"SELECT {_ENROLLED} FROM {enrolment} WHERE user_id = %s AND course_id = %s "  # noqa: S608
        f"UNION ALL SELECT p.step_id FROM {done} p INNER JOIN {step} s ON s.id = p.step_id "
        "WHERE p.user_id = %s AND s.course_id = %s AND p.done_at IS NOT NULL"
    )


def course_state(
    user, course: Course, steps: list[CourseStep] | None = None, *, cached: bool = False
) -> CourseState:
    """``cached``: the enrolment and done steps as kept for the learner's pages
    (courses/kept_progress.py), for a page that shows them; an action that
    writes reads the database."""
    steps = course_steps(course) if steps is None else steps
    if cached and user.is_authenticated:
        from .kept_progress import enrolment_and_done as kept

        enrolled, done = kept(user, course, enrolment_and_done)
    else:
        enrolled, done = enrolment_and_done(user, course)
    return CourseState(course=course, steps=steps, done=done, enrolled=enrolled)


def access_step(
    user, course: Course, step_id: int, *, cached: bool = False
) -> tuple[CourseState, CourseStep]:
    """The step for an enrolled learner when it is open; NotEnrolled or StepLocked
    (carrying the step to do first) otherwise. Unknown steps are not found."""
    from .errors import CourseNotFound

    state = course_state(user, course, cached=cached)
    step = state.step(step_id)
    if step is None or (step.page_id and not step.page.live):
        raise CourseNotFound()
    if not state.enrolled:
        access_enrolment(user, course)
    first = state.blocker(step)
    if first is not None:
        error = StepLocked()
        error.params = {"blocker": first, "position": state.position(first)}
        raise error
    return state, step


def _state_of(row: StepProgress) -> StepState:
    return StepState(
        confirmed=row.confirmed,
        reached_end=row.reached_end,
        watched_percent=row.watched_percent,
        answered=frozenset(row.answered or ()),
        quiz_passed=row.quiz_passed,
    )


def _apply(row: StepProgress, step: CourseStep, check_ids=()) -> bool:
    """Set done_at when the rule now holds; True when the step just became done."""
    if row.done_at is None and progress.step_done(step.kind, _state_of(row), check_ids):
        row.done_at = timezone.now()
        return True
    return False


def do_record_progress(user, course: Course, step_id: int, event: str, value=None) -> bool:
    """Record what the learner did on a step (a button, the end of the page, video
    playback). Returns True when the step is done. Nothing changes for a learner
    who is not enrolled or whose step is still locked."""
    if event not in EVENTS:
        raise BadProgress()
    _state, step = access_step(user, course, step_id)
    if step.kind == StepKind.QUIZ:
        raise BadProgress()  # only a passed attempt completes a quiz step
    with transaction.atomic():
        row, _created = StepProgress.objects.select_for_update().get_or_create(user=user, step=step)
        if event == "confirm":
            row.confirmed = True
        elif event == "end":
            row.reached_end = True
        else:
            try:
                percent = int(value)
            except (TypeError, ValueError):
                raise BadProgress() from None
            row.watched_percent = max(row.watched_percent, min(max(percent, 0), 100))
        # A lesson with checks is done by answering them (or the learner's word),
        # never by a reported end of the page.
        checks = step.page.specific.check_question_ids() if step.kind == StepKind.LESSON else ()
        became_done = _apply(row, step, checks)
        row.save()
        if became_done:
            _after_step_done(user, course, step)
    return row.done_at is not None


def do_record_lesson_answer(user, page, block_id: str, check_ids) -> int:
    """A check question of a lesson answered: counted on every open step that
    shows this lesson in a course the learner is enrolled in. Returns the number
    of steps that became done."""
    if not user.is_authenticated or not block_id:
        return 0
    steps = CourseStep.objects.filter(
        page=page, course__live=True, course__enrolments__user=user
    ).select_related("course", "page")
    finished = 0
    for step in steps:
        state = course_state(user, step.course)
        if state.blocker(step) is not None:
            continue
        with transaction.atomic():
            row, _created = StepProgress.objects.select_for_update().get_or_create(
                user=user, step=step
            )
            if block_id not in row.answered:
                row.answered = [*row.answered, block_id]
            if _apply(row, step, tuple(check_ids)):
                finished += 1
                row.save()
                _after_step_done(user, step.course, step)
            else:
                row.save()
    return finished


def record_quiz_pass(user_id: int, quiz_id: int) -> int:
    """A passed attempt completes every quiz step of that quiz in the learner's
    courses (called after the attempt is committed)."""
    from django.contrib.auth import get_user_model

    steps = list(
        CourseStep.objects.filter(
            quiz_id=quiz_id, course__live=True, course__enrolments__user_id=user_id
        ).select_related("course", "quiz")
    )
    if not steps:
        return 0
    user = get_user_model().objects.get(pk=user_id)
    finished = 0
    for step in steps:
        with transaction.atomic():
            row, _created = StepProgress.objects.select_for_update().get_or_create(
                user=user, step=step
            )
            row.quiz_passed = True
            became_done = _apply(row, step)
            row.save()
            if became_done:
                finished += 1
                _after_step_done(user, step.course, step)
    return finished


def _after_step_done(user, course: Course, step: CourseStep) -> None:
    Enrolment.objects.filter(user=user, course=course).update(last_activity_at=timezone.now())
    record_event(actor=user, verb="courses.step_done", target=step, extra={"course": course.pk})
    state = course_state(user, course)
    if state.complete:
        do_complete(user, course)
