"""Scoring stored attempts with the pure engine and writing the results: the
typed result on the attempt and one AttemptAreaScore row per area, together."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models.base import ModelState
from django.utils import timezone

from assessments.caches import FrameworkAreas, framework_areas
from assessments.frozen_specs import parsed_spec
from assessments.frozen_versions import frozen_versions
from assessments.models import Attempt, AttemptAreaScore, AttemptSlot, QuestionVersion, Quiz
from assessments.scoring import pass_decision, score_attempt
from assessments.scoring.attempts import AttemptScore, PassDecision
from assessments.scoring.results import AttemptResult
from lms.core.compiled_query import CompiledQuery, placeholder_int

from .attempt_rows import RESULT_FIELDS, write_first_result, write_fractions


def _slots_with_version_keys(columns: list[str]) -> CompiledQuery:
    """An attempt's slots (``columns``, then its version's key in
    frozen_versions) in order, compiled once per process (lms.core.compiled_query)."""
    return CompiledQuery(
        lambda attempt_id: (
            AttemptSlot.objects.filter(attempt_id=attempt_id)
            .order_by("position")
            .values_list(*columns, "question_version__created_at")
        ),
        placeholder_int(1),
    )


# Read by every submission: each slot's columns.
_SLOT_COLUMNS = [field.attname for field in AttemptSlot._meta.concrete_fields]
_SLOTS_WITH_VERSION_KEYS = _slots_with_version_keys(_SLOT_COLUMNS)
# A first submission reads only what scoring and the review use: the slots'
# option orders, answer times and graders (two JSON documents and a time stamp
# to parse per slot, a tenth of a class's Submit) stay deferred, read on access.
_SCORED_COLUMNS = [
    "id",
    "position",
    "question_version_id",
    "response",
    "manual_fraction",
    "manual_comment",
]
_SCORED_SLOTS_WITH_VERSION_KEYS = _slots_with_version_keys(_SCORED_COLUMNS)


class SpecCache:
    """Parsed QuestionSpecs by version id for one scoring run (versions never
    change, so each is read and parsed once however many attempts use it)."""

    def __init__(self):
        self._specs = {}

    def add_parsed(self, version_id: int, spec) -> None:
        self._specs.setdefault(version_id, spec)

    def load(self, version_ids) -> None:
        missing = set(version_ids) - self._specs.keys()
        if missing:
            rows = QuestionVersion.objects.filter(pk__in=missing).values_list(
                "pk", "created_at", "spec"
            )
            for version_id, created_at, data in rows:
                self.add_parsed(version_id, parsed_spec(version_id, created_at, data))

    def __getitem__(self, version_id: int):
        return self._specs[version_id]


def evaluate(
    quiz: Quiz,
    slot_rows: Iterable[tuple[int, int, object, float | None]],
    areas: dict[str, str],
    specs: SpecCache,
) -> tuple[AttemptScore, PassDecision]:
    """Score ``(slot_id, version_id, response, manual_fraction)`` rows; ``specs``
    must hold every version; ``areas`` maps competency codes to area codes."""
    triples, manual = [], {}
    for slot_id, version_id, response, manual_fraction in slot_rows:
        key = str(slot_id)
        triples.append((key, specs[version_id], response))
        if manual_fraction is not None:
            manual[key] = manual_fraction
    score = score_attempt(triples, areas, manual)
    decision = pass_decision(score, quiz.effective_pass_mark, quiz.effective_area_minimum)
    return score, decision


def apply_result(attempt: Attempt, score: AttemptScore, decision: PassDecision) -> AttemptResult:
    """Copy a score onto the attempt's result fields (the caller saves)."""
    result = AttemptResult.from_score(score, decision)
    attempt.points = result.total_points
    attempt.max_points = result.max_points
    attempt.percent = result.percent
    attempt.needs_grading = not score.is_complete
    attempt.passed = None if attempt.needs_grading else decision.passed
    attempt.result = result.to_json()
    attempt.keep_graded_result(result)
    attempt.graded_at = timezone.now()
    return result


def area_scores(attempt: Attempt, areas: FrameworkAreas) -> list[AttemptAreaScore]:
    """The table rows of one graded attempt's areas (the unassigned bucket, and
    codes no longer in the framework, have no row)."""
    result = attempt.graded_result
    if result is None:
        return []
    failed = set(result.failed_areas)
    return [
        AttemptAreaScore(
            attempt_id=attempt.pk,
            area_id=areas.area_ids[code],
            points=figures.points,
            max_points=figures.max_points,
            percent=figures.percent,
            passed_area_minimum=code not in failed,
        )
        for code, figures in result.per_area.items()
        if code in areas.area_ids
    ]


def replace_area_scores(
    attempts: list[Attempt], *, fresh: bool = False, areas: FrameworkAreas | None = None
) -> None:
    """Rewrite the area rows of ``attempts`` (call inside the grading's
    transaction). ``fresh``: they have none yet (a first submission);
    ``areas``: their framework's, already read by the caller."""
    if not attempts:
        return
    if not fresh:
        AttemptAreaScore.objects.filter(attempt__in=[a.pk for a in attempts]).delete()
    rows = []
    for attempt in attempts:
        rows.extend(area_scores(attempt, areas or framework_areas(attempt.quiz.framework_id)))
    AttemptAreaScore.objects.bulk_create(rows)


def slot_rows(attempt_ids: Iterable[int]):
    return AttemptSlot.objects.filter(attempt_id__in=list(attempt_ids)).values_list(
        "attempt_id",
        "pk",
        "question_version_id",
        "response",
        "manual_fraction",
    )


def loaded_slot(
    alias: str, values, version: QuestionVersion, attempt: Attempt, columns=_SLOT_COLUMNS
) -> AttemptSlot:
    """The slot ``AttemptSlot.from_db(alias, columns, values)`` gives, with
    its version and attempt already cached as assigning them would, built
    without ``Model.__init__``: its per-field work and the relations' setters
    were five times the cost for the 30 slots of each of a class's Submits
    (AttemptSlot has no init signal receivers)."""
    slot = AttemptSlot.__new__(AttemptSlot)
    slot.__dict__.update(zip(columns, values, strict=True))
    if columns is not _SLOT_COLUMNS:
        slot.__dict__["attempt_id"] = attempt.pk
    state = slot._state = ModelState()
    state.adding, state.db = False, alias
    state.fields_cache = {"question_version": version, "attempt": attempt}
    return slot


def _slots_with_specs(
    attempt: Attempt, specs: SpecCache, *, scored_only: bool = False
) -> list[AttemptSlot]:
    """The attempt's slots in one query, in position order, with their versions
    (frozen: kept per process, read in a second query only the first time).
    They become ``attempt.slots.all()``, so the result page or payload built
    right after scoring reads them from memory. ``scored_only``: only the
    columns scoring and the review read (the others deferred)."""
    alias = connection.alias
    query, columns = (
        (_SCORED_SLOTS_WITH_VERSION_KEYS, _SCORED_COLUMNS)
        if scored_only
        else (_SLOTS_WITH_VERSION_KEYS, _SLOT_COLUMNS)
    )
    rows = query.rows(attempt.pk)
    version_at = columns.index("question_version_id")
    keys = [(row[version_at], row[-1]) for row in rows]
    versions = frozen_versions(keys)
    slots = [
        loaded_slot(alias, row[:-1], versions[key], attempt, columns)
        for row, key in zip(rows, keys, strict=True)
    ]
    for slot in slots:
        specs.add_parsed(slot.question_version_id, slot.question_version.question_spec)
    attempt.keep_slots(slots)
    return slots


def score_and_store(attempt: Attempt, *, fresh: bool = False) -> Attempt:
    """Score one attempt from its stored slots and save, in bulk: the attempt's
    result, each slot's automatic fraction and the area rows (``fresh``: the
    attempt has just been submitted, so it has no area rows to replace)."""
    specs = SpecCache()
    slots = _slots_with_specs(attempt, specs, scored_only=fresh)
    rows = [
        (slot.pk, slot.question_version_id, slot.response, slot.manual_fraction) for slot in slots
    ]
    areas = framework_areas(attempt.quiz.framework_id)
    score, decision = evaluate(attempt.quiz, rows, areas.area_of, specs)
    apply_result(attempt, score, decision)
    for slot in slots:
        slot.fraction = score.per_slot.get(str(slot.pk))
    fractions = [(slot.fraction, slot.pk) for slot in slots]
    if fresh and connection.vendor == "postgresql":
        # A first submission: result, fractions and area rows in one statement.
        write_first_result(attempt, fractions, area_scores(attempt, areas))
        return attempt
    attempt.save(update_fields=RESULT_FIELDS)
    write_fractions(fractions)
    replace_area_scores([attempt], fresh=fresh, areas=areas)
    return attempt
