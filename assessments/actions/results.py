"""The results read model for staff (pages, API and exports read the same
thing): who took a quiz, how they did, per-question statistics — only the
learners the viewer may see (assessments.access). Downloading them is recorded."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.access import submitted_attempts
from assessments.models import Quiz
from lms.audit.record import record_event
from lms.errors import NotFound, PermissionDenied

from .statistics import question_statistics

VIEW_RESULTS = "assessments.view_attempt"
EXPORT_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class QuizResults:
    quiz: Quiz
    attempts: list  # the first ``limit`` submitted attempts, user loaded
    count: int  # all the submitted attempts the viewer may see
    passed: int  # among ``attempts``
    statistics: list[dict]


def access_quiz_results(user, **lookup) -> Quiz:
    """The quiz (by pk or slug) whose results ``user`` may read."""
    if not (user.is_authenticated and user.has_perm(VIEW_RESULTS)):
        raise PermissionDenied()
    try:
        return Quiz.objects.get(**lookup)
    except (Quiz.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def quiz_results(viewer, quiz: Quiz, *, order_by=("user__full_name", "number"), limit=500):
    attempts = submitted_attempts(viewer, quiz)
    shown = list(attempts.select_related("user").order_by(*order_by)[:limit])
    return QuizResults(
        quiz=quiz,
        attempts=shown,
        count=attempts.count(),
        passed=sum(1 for attempt in shown if attempt.passed),
        statistics=question_statistics(quiz, attempts),
    )


def per_area(attempt) -> dict:
    return (attempt.result or {}).get("per_area", {})


class UnknownFormat(NotFound):
    code = "unknown_format"


def do_record_results_export(user, quiz: Quiz, fmt: str) -> None:
    """Recorded when the file is handed over (the rows are read as it streams)."""
    if fmt not in EXPORT_FORMATS:
        raise UnknownFormat()
    record_event(
        actor=user,
        verb="assessments.results_exported",
        target=quiz,
        extra={"format": fmt, "rows": submitted_attempts(user, quiz).count()},
    )


__all__ = [
    "QuizResults",
    "access_quiz_results",
    "do_record_results_export",
    "per_area",
    "quiz_results",
]
