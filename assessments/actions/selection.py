"""Drawing the questions of a new attempt from a quiz's rules.

A quiz that counts for the certificate draws only from the reviewed
certification pool (Question.objects.in_certification_pool): a question an
instructor publishes for a class never reaches a certificate attempt."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db.models import Q

from assessments.caches import quiz_rule_pools
from assessments.models import Question, QuestionStatus, QuestionVersion, Quiz, QuizRule, RuleKind
from assessments.pool import needed_pool
from assessments.responses import shuffle_material
from assessments.scoring import question_from_dict

from .errors import PoolUndersized


def rule_queryset(rule: QuizRule, audience: str = "", *, reviewed_only: bool | None = None):
    """Published questions with a version that the rule may draw from; for a
    certificate quiz (``reviewed_only``, by default the rule's quiz's setting),
    only the reviewed pool."""
    if reviewed_only is None:
        reviewed_only = rule.quiz.draws_from_reviewed_pool
    questions = Question.objects.filter(
        status=QuestionStatus.PUBLISHED, current_version__isnull=False
    ).exclude(qtype="description")
    if reviewed_only:
        questions = questions.in_certification_pool()
    if rule.competency_id:
        questions = questions.filter(competencies=rule.competency_id)
    if rule.area_id:
        questions = questions.filter(competencies__area=rule.area_id)
    if rule.category_id:
        if rule.include_subcategories:
            path = rule.category.path
            questions = questions.filter(
                Q(category__path=path) | Q(category__path__startswith=f"{path}/")
            )
        else:
            questions = questions.filter(category=rule.category_id)
    if rule.tag:
        questions = questions.filter(tags__name=rule.tag)
    if rule.difficulty:
        questions = questions.filter(difficulty=rule.difficulty)
    if rule.auto_graded_only:
        questions = questions.exclude(qtype="essay")
    return questions.distinct()


def _audience_ok(audiences: list, audience: str) -> bool:
    return not audiences or not audience or audience in audiences


def available_count(rule: QuizRule, audience: str = "", *, reviewed_only=None) -> int:
    rows = rule_queryset(rule, audience, reviewed_only=reviewed_only).values_list(
        "audiences", flat=True
    )
    return sum(1 for audiences in rows if _audience_ok(audiences, audience))


@dataclass(frozen=True)
class DrawnQuestion:
    version_id: int
    # What option_order needs (assessments.responses.shuffle_material).
    material: tuple
    # The version's key in assessments.frozen_versions: (id, created_at).
    version_key: tuple | None = None


def _fixed_rows(rule: QuizRule, reviewed_only: bool) -> list[tuple]:
    question = rule.question
    if (
        question.status == QuestionStatus.PUBLISHED
        and question.current_version_id
        and (question.in_certification_pool or not reviewed_only)
    ):
        version = question.current_version
        spec = question_from_dict(version.spec)
        return [(question.pk, version.pk, [], shuffle_material(spec), version.created_at)]
    return []


def _random_rows(rule: QuizRule, audience: str, reviewed_only: bool) -> list[tuple]:
    rows = rule_queryset(rule, audience, reviewed_only=reviewed_only).values_list(
        "pk",
        "current_version_id",
        "audiences",
        "current_version__spec",
        "current_version__created_at",
    )
    return sorted(
        (pk, version_id, audiences, shuffle_material(question_from_dict(spec)), created_at)
        for pk, version_id, audiences, spec, created_at in rows
    )


def draw_plan(quiz: Quiz) -> list[tuple[str, int, list[tuple]]]:
    """``(kind, count, rows)`` per rule, in order, from the shared cache
    (assessments.caches: rebuilt after any change to what it reads)."""
    reviewed_only = quiz.draws_from_reviewed_pool

    def build(rule):
        if rule.kind == RuleKind.FIXED:
            return (rule.kind, 1, _fixed_rows(rule, reviewed_only))
        return (rule.kind, rule.count, _random_rows(rule, quiz.audience, reviewed_only))

    return quiz_rule_pools(
        quiz.pk,
        reviewed_only,
        lambda: quiz.rules.select_related("category", "question__current_version").all(),
        build,
    )


def draw_questions(
    quiz: Quiz, rng: random.Random | None = None, *, pool_multiple: float | None = None
) -> list[DrawnQuestion]:
    """The questions of one attempt, in rule order (shuffled when the quiz says
    so). A question is drawn at most once; a rule with fewer matching questions
    than asked gives what there is.

    With ``pool_multiple``, a quiz drawing from the reviewed pool refuses
    (PoolUndersized) when a random rule's pool holds fewer than that multiple of
    what it draws, or a fixed question left the pool: the publish-time check,
    applied again from the cached rows the draw reads anyway (no extra query)."""
    rng = rng or random.Random()  # noqa: S311 - shuffling questions, not secrets
    chosen: list[DrawnQuestion] = []
    used: set[int] = set()
    enforce = quiz.draws_from_reviewed_pool and pool_multiple is not None
    for kind, count, rows in draw_plan(quiz):
        if enforce:
            if kind == RuleKind.FIXED and not rows:
                raise PoolUndersized()
            available = sum(
                1 for _pk, _v, audiences, *_rest in rows if _audience_ok(audiences, quiz.audience)
            )
            if kind != RuleKind.FIXED and available < needed_pool(count, pool_multiple):
                raise PoolUndersized()
        if kind == RuleKind.FIXED:
            for pk, version_id, _audiences, material, created_at in rows:
                if pk not in used:
                    chosen.append(DrawnQuestion(version_id, material, (version_id, created_at)))
                    used.add(pk)
            continue
        pool = [
            (pk, version_id, material, created_at)
            for pk, version_id, audiences, material, created_at in rows
            if pk not in used and _audience_ok(audiences, quiz.audience)
        ]
        for pk, version_id, material, created_at in rng.sample(pool, min(count, len(pool))):
            chosen.append(DrawnQuestion(version_id, material, (version_id, created_at)))
            used.add(pk)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def draw_versions(
    quiz: Quiz, rng: random.Random | None = None, *, pool_multiple: float | None = None
) -> list[QuestionVersion]:
    """``draw_questions`` as QuestionVersion rows (one query)."""
    chosen = [drawn.version_id for drawn in draw_questions(quiz, rng, pool_multiple=pool_multiple)]
    versions = QuestionVersion.objects.in_bulk(chosen)
    return [versions[version_id] for version_id in chosen]
