"""Credit on enrolment: what a learner already did counts in a course they join
later. A quiz passed before enrolling completes that quiz's step; a library item
finished in another course completes the step showing the same item. Then the
course may be complete at once, and a certificate it held back may follow.

Called by every enrolment (self, instructor, bulk, a class's roster) inside its
transaction; a fixed number of queries for the whole batch, whatever its size.
Which steps count is decided by the pure ``progress.credited_steps``."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils import timezone

from lms.audit.record import record_event

from . import progress
from .completion import do_complete
from .kept_progress import progress_changed
from .models import Course, CourseStep, StepProgress
from .progress import StepRef, StepTarget

PAGE_FIELDS = ("confirmed", "reached_end", "watched_percent", "answered")


def _passed_quizzes(user_ids, quiz_ids) -> dict[int, set[int]]:
    from assessments.models import Attempt

    passed: dict[int, set[int]] = defaultdict(set)
    if quiz_ids:
        rows = Attempt.objects.filter(
            user_id__in=user_ids, quiz_id__in=quiz_ids, state="submitted", passed=True
        ).values_list("user_id", "quiz_id")
        for user_id, quiz_id in rows.distinct():
            passed[user_id].add(quiz_id)
    return passed


def _finished_pages(course, user_ids, page_ids) -> dict[int, dict[int, dict]]:
    """{user: {page: the fields of a finished step showing it elsewhere}}."""
    finished: dict[int, dict[int, dict]] = defaultdict(dict)
    if page_ids:
        rows = (
            StepProgress.objects.filter(
                user_id__in=user_ids, step__page_id__in=page_ids, done_at__isnull=False
            )
            .exclude(step__course=course)
            .values("user_id", "step__page_id", *PAGE_FIELDS)
        )
        for row in rows:
            finished[row["user_id"]].setdefault(row["step__page_id"], row)
    return finished


def credit_existing_progress(actor, course: Course, user_ids, unit=None) -> dict[int, list[int]]:
    """Complete the steps of ``course`` that the learners' existing records
    already satisfy; returns ``{learner: [credited step ids]}``."""
    user_ids = list(user_ids)
    steps = list(CourseStep.objects.filter(course=course).order_by("sort_order", "pk"))
    if not user_ids or not steps:
        return {}
    targets = [StepTarget(step.pk, step.quiz_id, step.page_id) for step in steps]
    passed = _passed_quizzes(user_ids, {step.quiz_id for step in steps if step.quiz_id})
    finished = _finished_pages(course, user_ids, {step.page_id for step in steps if step.page_id})
    done: dict[int, set[int]] = defaultdict(set)
    for user_id, step_id in StepProgress.objects.filter(
        user_id__in=user_ids, step__course=course, done_at__isnull=False
    ).values_list("user_id", "step_id"):
        done[user_id].add(step_id)

    credited = {
        user_id: progress.credited_steps(
            targets, passed[user_id], finished[user_id].keys(), done[user_id]
        )
        for user_id in user_ids
    }
    credited = {user_id: steps_ for user_id, steps_ in credited.items() if steps_}
    if not credited:
        return {}
    _write(steps, credited, finished)
    record_event(
        actor=actor,
        verb="courses.steps_credited",
        target=course,
        unit=unit or getattr(actor, "home_unit", None),
        extra={"steps": {str(u): sorted(ids) for u, ids in credited.items()}},
    )
    refs = [StepRef(step.pk, step.required) for step in steps]
    completing = [u for u, ids in credited.items() if progress.is_complete(refs, done[u] | ids)]
    for user in get_user_model().objects.filter(pk__in=completing).select_related("home_unit"):
        do_complete(user, course)
    return {user_id: sorted(ids) for user_id, ids in credited.items()}


def _write(steps, credited, finished) -> None:
    now = timezone.now()
    by_id = {step.pk: step for step in steps}
    quiz_rows, page_rows = [], []
    for user_id, step_ids in credited.items():
        for step_id in step_ids:
            step = by_id[step_id]
            row = StepProgress(user_id=user_id, step=step, done_at=now)
            if step.quiz_id:
                row.quiz_passed = True
                quiz_rows.append(row)
            else:
                for name in PAGE_FIELDS:
                    setattr(row, name, finished[user_id][step.page_id][name])
                page_rows.append(row)
    # A row may exist already (a video half watched): it is completed in place.
    for rows, fields in ((quiz_rows, ["quiz_passed"]), (page_rows, list(PAGE_FIELDS))):
        if rows:
            StepProgress.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["user", "step"],
                update_fields=[*fields, "done_at", "updated_at"],
            )
    progress_changed(credited)  # bulk_create sends no post_save
