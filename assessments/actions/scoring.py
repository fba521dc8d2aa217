"""Scoring stored attempts with the pure engine and writing the results."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from assessments.models import Attempt, AttemptSlot, QuestionVersion, Quiz
from assessments.scoring import pass_decision, question_from_dict, score_attempt
from assessments.scoring.attempts import AttemptScore, PassDecision
from lms.framework.models import Competency

RESULT_FIELDS = [
    "points",
    "max_points",
    "percent",
    "passed",
    "needs_grading",
    "result",
    "graded_at",
]


def competency_areas(framework_id: int) -> dict[str, str]:
    """Competency code -> area code for one framework version."""
    return dict(
        Competency.objects.filter(framework_id=framework_id).values_list("code", "area__code")
    )


class SpecCache:
    """Parsed QuestionSpecs by version id for one scoring run (versions never
    change, so each is read and parsed once however many attempts use it)."""

    def __init__(self):
        self._specs = {}

    def load(self, version_ids) -> None:
        missing = set(version_ids) - self._specs.keys()
        if missing:
            rows = QuestionVersion.objects.filter(pk__in=missing).values_list("pk", "spec")
            for version_id, data in rows:
                self._specs[version_id] = question_from_dict(data)

    def __getitem__(self, version_id: int):
        return self._specs[version_id]


def evaluate(
    quiz: Quiz,
    slot_rows: Iterable[tuple[int, int, object, float | None]],
    areas: dict[str, str],
    specs: SpecCache,
) -> tuple[AttemptScore, PassDecision]:
    """Score ``(slot_id, version_id, response, manual_fraction)`` rows; ``specs``
    must hold every version."""
    triples, manual = [], {}
    for slot_id, version_id, response, manual_fraction in slot_rows:
        key = str(slot_id)
        triples.append((key, specs[version_id], response))
        if manual_fraction is not None:
            manual[key] = manual_fraction
    score = score_attempt(triples, areas, manual)
    decision = pass_decision(score, quiz.effective_pass_mark, quiz.effective_area_minimum)
    return score, decision


def apply_result(attempt: Attempt, score: AttemptScore, decision: PassDecision) -> None:
    """Copy a score onto the attempt's result fields (the caller saves)."""
    data = score.to_dict()
    attempt.points = data["total_points"]
    attempt.max_points = data["max_points"]
    attempt.percent = data["percent"]
    attempt.needs_grading = not score.is_complete
    attempt.passed = None if attempt.needs_grading else decision.passed
    attempt.result = {
        **data,
        "passed": decision.passed,
        "failed_areas": list(decision.failed_areas),
        "reasons": [{"code": r.code, "params": r.params} for r in decision.reasons],
    }
    attempt.graded_at = timezone.now()


def slot_rows(attempt_ids: Iterable[int]):
    return AttemptSlot.objects.filter(attempt_id__in=list(attempt_ids)).values_list(
        "attempt_id",
        "pk",
        "question_version_id",
        "response",
        "manual_fraction",
    )


def score_and_store(attempt: Attempt) -> Attempt:
    """Score one attempt from its stored slots and save the results (and each
    slot's automatic fraction)."""
    rows = [row[1:] for row in slot_rows([attempt.pk])]
    specs = SpecCache()
    specs.load(row[1] for row in rows)
    score, decision = evaluate(
        attempt.quiz, rows, competency_areas(attempt.quiz.framework_id), specs
    )
    apply_result(attempt, score, decision)
    attempt.save(update_fields=RESULT_FIELDS)
    slots = []
    for slot_id, *_rest in rows:
        fraction = score.per_slot.get(str(slot_id))
        slots.append(AttemptSlot(pk=slot_id, fraction=fraction))
    AttemptSlot.objects.bulk_update(slots, ["fraction"])
    return attempt
