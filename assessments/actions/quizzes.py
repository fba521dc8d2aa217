"""The quiz builder's writes and reads for staff: fetch with the permission
checked, a free slug made from the title, save the settings and rules in one
transaction (refused whole when publishing is refused), and how many questions
each rule can draw from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from assessments.models import Quiz, QuizRule, RuleKind
from lms.audit.record import record_event
from lms.errors import NotFound, PermissionDenied
from lms.framework.models import FrameworkVersion
from lms.text import slugify

from .publishing import do_publish_quiz, needed_pool, pool_multiple
from .selection import available_count

ADD_QUIZ = "assessments.add_quiz"
CHANGE_QUIZ = "assessments.change_quiz"
SLUG_MAX = 120


def access_quiz_for_editing(user, quiz_id=None) -> Quiz:
    """The quiz to change, or a new unsaved one on the current framework."""
    permission = ADD_QUIZ if quiz_id is None else CHANGE_QUIZ
    if not (user.is_authenticated and user.has_perm(permission)):
        raise PermissionDenied()
    if quiz_id is None:
        return Quiz(framework=FrameworkVersion.objects.current())
    try:
        return Quiz.objects.get(pk=quiz_id)
    except (Quiz.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def free_quiz_slug(title: str, *, exclude_pk=None) -> str:
    """The title folded like every slug of the site ("Kiểm tra kỹ năng số" ->
    "kiem-tra-ky-nang-so"), with -2, -3… when another quiz has it."""
    base = slugify(title, max_length=SLUG_MAX - 4) or "bai-kiem-tra"
    taken = set(
        Quiz.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@dataclass(frozen=True)
class RuleAvailability:
    rule: QuizRule
    available: int | None  # questions the rule can draw from (random rules)
    needed: int | None  # the reviewed pool a certificate quiz needs to publish


def rule_availability(quiz: Quiz) -> list[RuleAvailability]:
    if not quiz.pk:
        return []
    rows = []
    for rule in quiz.rules.select_related("area", "competency", "category", "question"):
        random = rule.kind == RuleKind.RANDOM
        rows.append(
            RuleAvailability(
                rule,
                available_count(rule, quiz.audience) if random else None,
                needed_pool(rule.count, pool_multiple())
                if random and quiz.draws_from_reviewed_pool
                else None,
            )
        )
    return rows


@transaction.atomic
def do_save_quiz(
    user,
    quiz: Quiz,
    *,
    rules: Iterable[QuizRule] = (),
    deleted_rules: Iterable[QuizRule] = (),
) -> Quiz:
    """Save ``quiz`` (new or changed, e.g. from a form's ``save(commit=False)``)
    with its new or changed ``rules`` and without ``deleted_rules``. Saved as
    published, it must pass check_quiz_publishable or nothing is saved."""
    created = quiz.pk is None
    was_published = (
        not created
        and Quiz.objects.select_for_update().filter(pk=quiz.pk, is_published=True).exists()
    )
    if created:
        quiz.created_by = user
    if not quiz.slug:
        quiz.slug = free_quiz_slug(quiz.title, exclude_pk=quiz.pk)
    quiz.save()
    deleted = [rule for rule in deleted_rules if rule.pk]
    for rule in deleted:
        rule.delete()
    saved = 0
    for rule in rules:
        rule.quiz = quiz
        rule.save()
        saved += 1
    record_event(
        actor=user,
        verb="assessments.quiz_created" if created else "assessments.quiz_changed",
        target=quiz,
        extra={
            "rules_saved": saved,
            "rules_deleted": len(deleted),
            "published": quiz.is_published,
        },
    )
    if quiz.is_published:
        do_publish_quiz(user, quiz, was_published=was_published)
    return quiz
