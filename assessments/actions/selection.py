"""Drawing the questions of a new attempt from a quiz's rules.

A quiz that counts for the certificate draws only from the reviewed
certification pool (Question.objects.in_certification_pool): a question an
instructor publishes for a class never reaches a certificate attempt."""

from __future__ import annotations

import random

from django.db.models import Q

from assessments.models import Question, QuestionStatus, QuestionVersion, Quiz, QuizRule, RuleKind
from assessments.pool import needed_pool

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


def draw_versions(
    quiz: Quiz, rng: random.Random | None = None, *, pool_multiple: float | None = None
) -> list[QuestionVersion]:
    """Question versions for one attempt, in rule order (shuffled when the quiz
    says so). A question is drawn at most once; a rule with fewer matching
    questions than asked gives what there is.

    With ``pool_multiple``, a quiz drawing from the reviewed pool refuses
    (PoolUndersized) when a random rule's pool holds fewer than that multiple of
    what it draws, or a fixed question left the pool: the publish-time check,
    applied again from the rows the draw reads anyway (no extra query)."""
    rng = rng or random.Random()  # noqa: S311 - shuffling questions, not secrets
    chosen: list[int] = []
    used: set[int] = set()
    reviewed_only = quiz.draws_from_reviewed_pool
    enforce = reviewed_only and pool_multiple is not None
    for rule in quiz.rules.select_related("category", "question").all():
        if rule.kind == RuleKind.FIXED:
            question = rule.question
            if (
                question.status == QuestionStatus.PUBLISHED
                and question.current_version_id
                and question.pk not in used
                and (question.in_certification_pool or not reviewed_only)
            ):
                chosen.append(question.current_version_id)
                used.add(question.pk)
            elif enforce and not question.in_certification_pool:
                raise PoolUndersized()
            continue
        rows = rule_queryset(rule, quiz.audience, reviewed_only=reviewed_only).values_list(
            "pk", "current_version_id", "audiences"
        )
        if enforce:
            available = sum(
                1 for _pk, _v, audiences in rows if _audience_ok(audiences, quiz.audience)
            )
            if available < needed_pool(rule.count, pool_multiple):
                raise PoolUndersized()
        pool = [
            (pk, version_id)
            for pk, version_id, audiences in rows
            if pk not in used and _audience_ok(audiences, quiz.audience)
        ]
        pool.sort()
        for pk, version_id in rng.sample(pool, min(rule.count, len(pool))):
            chosen.append(version_id)
            used.add(pk)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    versions = QuestionVersion.objects.in_bulk(chosen)
    return [versions[version_id] for version_id in chosen]
