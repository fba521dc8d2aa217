"""Grading by hand and re-grading stored attempts."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from assessments.access import attempts_visible_to
from assessments.caches import framework_areas
from assessments.models import Attempt, AttemptSlot, AttemptState, Quiz
from assessments.signals import announce_attempt_graded
from lms.audit.record import record_event

from .errors import AttemptNotFound, NotGradable
from .scoring import (
    RESULT_FIELDS,
    SpecCache,
    apply_result,
    evaluate,
    replace_area_scores,
    score_and_store,
    slot_rows,
)


def essay_queue(quiz_ids=None, *, viewer=None):
    """Submitted essay answers still waiting for a teacher, oldest first; with
    ``viewer``, only those of attempts the viewer may see (assessments.access)."""
    slots = AttemptSlot.objects.filter(
        attempt__state=AttemptState.SUBMITTED,
        manual_fraction__isnull=True,
        question_version__question__qtype="essay",
    )
    if quiz_ids is not None:
        slots = slots.filter(attempt__quiz_id__in=quiz_ids)
    if viewer is not None:
        slots = slots.filter(attempt__in=attempts_visible_to(viewer).values("pk"))
    return slots.select_related("attempt__quiz", "attempt__user", "question_version__question")


@transaction.atomic
def grade_essay(slot_id: int, fraction: float, grader, comment: str = "") -> Attempt:
    """Record a teacher's grade (a fraction in [0, 1]) and re-score the attempt."""
    if isinstance(fraction, bool) or not isinstance(fraction, int | float):
        raise NotGradable()
    if not (math.isfinite(fraction) and 0 <= fraction <= 1):
        raise NotGradable()
    try:
        slot = (
            AttemptSlot.objects.select_for_update()
            # Not the learner's row: FOR UPDATE would lock it too (their unit is read below).
            .select_related("attempt__quiz__framework", "question_version")
            .get(pk=slot_id, attempt__state=AttemptState.SUBMITTED)
        )
    except AttemptSlot.DoesNotExist:
        raise NotGradable() from None
    if grader is not None and not attempts_visible_to(grader).filter(pk=slot.attempt_id).exists():
        # Graders see only the attempts whose results they may see (assessments.access).
        raise AttemptNotFound()
    if slot.question_version.qtype == "description":
        raise NotGradable()
    before = _score(slot.attempt, slot.manual_fraction)
    slot.manual_fraction = float(fraction)
    slot.manual_comment = comment
    slot.graded_by = grader
    slot.save(update_fields=["manual_fraction", "manual_comment", "graded_by"])
    attempt = score_and_store(slot.attempt)
    # A grade decides a pass and so a certificate: who gave it, and what changed.
    record_event(
        actor=grader,
        verb=GRADED_VERB,
        target=attempt,
        unit=attempt.user.home_unit,
        extra={
            "learner": attempt.user_id,
            "question_position": slot.position,
            "before": before,
            "after": _score(attempt, slot.manual_fraction),
        },
    )
    announce_attempt_graded(attempt)
    return attempt


GRADED_VERB = "assessments.answer_graded"


def _score(attempt: Attempt, grade: float | None) -> dict:
    return {
        "grade": grade,
        "points": attempt.points,
        "percent": attempt.percent,
        "passed": attempt.passed,
    }


def _write_results(attempts: list[Attempt]) -> None:
    """One parametrised UPDATE run for many rows (executemany): several times
    faster than bulk_update's CASE expressions on SQLite and PostgreSQL."""
    fields = [Attempt._meta.get_field(name) for name in RESULT_FIELDS]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    # Only model metadata goes into the SQL text; every value is a parameter.
    sql = f"UPDATE {quote(Attempt._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608
    params = [
        [field.get_db_prep_save(getattr(attempt, field.attname), connection) for field in fields]
        + [attempt.pk]
        for attempt in attempts
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, params)


@dataclass(frozen=True)
class RegradeReport:
    attempts: int
    changed: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.attempts / self.seconds if self.seconds else float("inf")


def regrade_attempts(quiz_ids=None, batch_size: int = 2000) -> RegradeReport:
    """Score every submitted attempt again from its stored responses (after a
    scoring fix, or a changed pass mark). Batched: a few queries per batch."""
    started = time.perf_counter()
    attempts_qs = Attempt.objects.filter(state=AttemptState.SUBMITTED)
    if quiz_ids is not None:
        attempts_qs = attempts_qs.filter(quiz_id__in=list(quiz_ids))
    specs = SpecCache()
    quizzes: dict[int, Quiz] = {}
    total = changed = 0
    last_pk = 0
    while True:
        batch = list(attempts_qs.filter(Q(pk__gt=last_pk)).order_by("pk")[:batch_size])
        if not batch:
            break
        # A few quizzes serve thousands of attempts: load each once, not per row.
        missing = {attempt.quiz_id for attempt in batch} - quizzes.keys()
        quizzes.update(Quiz.objects.select_related("framework").in_bulk(missing))
        for attempt in batch:
            attempt.quiz = quizzes[attempt.quiz_id]
        last_pk = batch[-1].pk
        rows_by_attempt: dict[int, list] = {attempt.pk: [] for attempt in batch}
        for attempt_id, *row in slot_rows(rows_by_attempt):
            rows_by_attempt[attempt_id].append(row)
        specs.load({row[1] for rows in rows_by_attempt.values() for row in rows})
        dirty, newly_passed = [], []
        for attempt in batch:
            areas = framework_areas(attempt.quiz.framework_id)
            before = (attempt.points, attempt.percent, attempt.passed, attempt.result)
            graded_at = attempt.graded_at
            score, decision = evaluate(
                attempt.quiz, rows_by_attempt[attempt.pk], areas.area_of, specs
            )
            apply_result(attempt, score, decision)
            if before != (attempt.points, attempt.percent, attempt.passed, attempt.result):
                dirty.append(attempt)
                if attempt.passed and not before[2]:
                    newly_passed.append(attempt)  # a scoring fix may earn a certificate
            else:
                attempt.graded_at = graded_at
        if dirty:
            with transaction.atomic():
                _write_results(dirty)
                replace_area_scores(dirty)
            for attempt in newly_passed:
                announce_attempt_graded(attempt)
        changed += len(dirty)
        total += len(batch)
    return RegradeReport(total, changed, time.perf_counter() - started)
