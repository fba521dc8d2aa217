"""Reviewing certification questions: the reviewed pool that completion quizzes
draw from. Two-person rule (as in the library's moderation): a reviewer may not
approve a question they created or whose current version they wrote.

Approval belongs to a version: editing the text or the key makes a new version,
which is out of the pool until reviewed again (a fix is not drawn before a
second person has seen it, and nor is the old text it replaces)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from assessments.models import Question, QuestionStatus, QuestionUsage, ReviewState
from lms.audit.record import record_event
from lms.errors import NotFound, PermissionDenied

from .errors import NotReviewable, OwnQuestionReview, ReturnNeedsComment, ReviewNotAllowed
from .pool_watch import do_flag_undersized_pools

REVIEW_PERMISSION = "assessments.review_question"
RETIRE_PERMISSION = "assessments.change_question"


def can_review(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(REVIEW_PERMISSION))


def is_author(user, question: Question) -> bool:
    version = question.current_version
    authors = {question.created_by_id, version.created_by_id if version else None}
    return user.pk in authors


def access_question_for_review(user, question_id) -> Question:
    """The question, locked for the review; ReviewNotAllowed without the role."""
    if not can_review(user):
        raise ReviewNotAllowed()
    try:
        return (
            # Lock only the question row: PostgreSQL refuses FOR UPDATE on the
            # nullable side of the outer join to the version.
            Question.objects.select_for_update(of=("self",))
            .select_related("current_version")
            .get(pk=question_id)
        )
    except (Question.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def check_reviewable(user, question: Question, *, approving: bool) -> None:
    state = question.review_state
    allowed = {ReviewState.WAITING, ReviewState.RETURNED} if approving else {ReviewState.WAITING}
    if state not in allowed:
        raise NotReviewable()
    if is_author(user, question):
        raise OwnQuestionReview()


@transaction.atomic
def do_approve_question(user, question: Question | int) -> Question:
    question = access_question_for_review(user, getattr(question, "pk", question))
    check_reviewable(user, question, approving=True)
    _mark_approved(question, user)
    return question


def _mark_approved(question: Question, reviewer, **extra) -> None:
    """Put the current version in the pool, approved by ``reviewer``, and record it."""
    question.approved_version_id = question.current_version_id
    question.approved_by = reviewer
    question.approved_at = timezone.now()
    question.returned_version = None
    question.review_comment = ""
    question.save(
        update_fields=[
            "approved_version",
            "approved_by",
            "approved_at",
            "returned_version",
            "review_comment",
        ]
    )
    record_event(
        actor=reviewer,
        verb="assessments.question_approved",
        target=question,
        extra={"version": question.current_version.number, **extra},
    )


@transaction.atomic
def do_return_question(user, question: Question | int, comment: str) -> Question:
    """Send a waiting question back to its author with what should change."""
    comment = (comment or "").strip()
    question = access_question_for_review(user, getattr(question, "pk", question))
    check_reviewable(user, question, approving=False)
    if not comment:
        raise ReturnNeedsComment()
    question.returned_version = question.current_version
    question.review_comment = comment[:4000]
    question.save(update_fields=["returned_version", "review_comment"])
    record_event(
        actor=user,
        verb="assessments.question_returned",
        target=question,
        extra={"version": question.current_version.number, "comment": question.review_comment},
    )
    return question


@transaction.atomic
def do_retire_question(user, question: Question | int) -> Question:
    """Take a question out of every quiz for good; past attempts keep their versions."""
    if not (user and user.has_perm(RETIRE_PERMISSION)):
        raise PermissionDenied()
    try:
        question = Question.objects.select_for_update().get(pk=getattr(question, "pk", question))
    except (Question.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if question.status == QuestionStatus.RETIRED:
        return question
    was_in_pool = question.in_certification_pool
    question.status = QuestionStatus.RETIRED
    # Published again later, it waits for a fresh review.
    question.approved_version = None
    question.save(update_fields=["status", "approved_version", "updated_at"])
    record_event(
        actor=user,
        verb="assessments.question_retired",
        target=question,
        extra={"was_in_pool": was_in_pool},
    )
    if was_in_pool:
        do_flag_undersized_pools(user, question)
    return question


def approve_seeded(question: Question, reviewer) -> None:
    """Demo content: mark a seeded question approved by the demo reviewer (the
    seed has no author, so the two-person rule holds)."""
    if question.usage != QuestionUsage.CERTIFICATION or question.in_certification_pool:
        return
    _mark_approved(question, reviewer, seeded=True)
