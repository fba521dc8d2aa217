"""Per-question statistics of a quiz's submitted attempts."""

from __future__ import annotations

from collections import defaultdict

from assessments.models import AttemptSlot, AttemptState, Question, Quiz
from assessments.stats import discrimination, facility


def question_statistics(quiz: Quiz, attempts=None) -> list[dict]:
    """Facility and discrimination per question (all versions together), over
    ``attempts`` (a queryset, e.g. the ones a viewer may see) or every
    submitted attempt at the quiz."""
    slots = AttemptSlot.objects.filter(attempt__quiz=quiz, attempt__state=AttemptState.SUBMITTED)
    if attempts is not None:
        slots = slots.filter(attempt__in=attempts.values("pk"))
    rows = slots.values_list(
        "attempt_id",
        "question_version__question_id",
        "fraction",
        "manual_fraction",
        "question_version__spec__points",
        "attempt__points",
    )
    by_question: dict[int, list[tuple[float, float, float]]] = defaultdict(list)
    for _attempt, question_id, fraction, manual, points, total in rows:
        value = manual if manual is not None else fraction
        if value is None or total is None:
            continue
        points = float(points or 0)
        by_question[question_id].append((value, total, value * points))
    names = dict(Question.objects.filter(pk__in=by_question).values_list("pk", "name"))
    stats = []
    for question_id, values in by_question.items():
        fractions = [v[0] for v in values]
        stats.append(
            {
                "question_id": question_id,
                "name": names.get(question_id, ""),
                "attempts": len(values),
                "facility": facility(fractions),
                "discrimination": discrimination(
                    fractions, [v[1] for v in values], [v[2] for v in values]
                ),
            }
        )
    return sorted(stats, key=lambda row: row["name"])
