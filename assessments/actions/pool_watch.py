"""Watching the certification pool after publication.

The 3× rule is checked when a completion quiz is published (``publishing``);
questions leave the reviewed pool later too: retired, edited into a new version
that waits for review, or taken out of certification. When that happens, every
published completion quiz whose pool is now below the multiple is flagged to
staff, inside the same transaction: an audit event per quiz (what is short, and
which question left) and, once committed, an e-mail to the quiz's author and the
staff who may change quizzes. Starting a certification attempt on such a quiz is
refused meanwhile (``selection.draw_versions`` with ``pool_multiple``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from assessments.models import Question, Quiz
from lms.audit.record import record_event

from .errors import PoolTooSmall
from .publishing import check_quiz_publishable, pool_multiple

FLAGGED_VERB = "assessments.quiz_pool_below_multiple"
EDIT_QUIZ_PERMISSION = "assessments.change_quiz"
PERMISSION_BACKEND = "lms.accounts.backends.PhoneOrUsernameBackend"


@dataclass(frozen=True)
class UndersizedQuiz:
    quiz: Quiz
    problem: PoolTooSmall  # its message names each short rule, params list them


def undersized_quizzes() -> list[UndersizedQuiz]:
    """Published completion quizzes that would not pass the publish check now."""
    found = []
    quizzes = Quiz.objects.filter(is_published=True, counts_for_certificate=True)
    for quiz in quizzes.select_related("framework", "created_by").order_by("pk"):
        try:
            check_quiz_publishable(quiz)
        except PoolTooSmall as problem:
            found.append(UndersizedQuiz(quiz, problem))
    return found


def do_flag_undersized_pools(actor, question: Question) -> list[UndersizedQuiz]:
    """Call inside the transaction in which ``question`` left the reviewed pool."""
    found = undersized_quizzes()
    for item in found:
        record_event(
            actor=actor,
            verb=FLAGGED_VERB,
            target=item.quiz,
            extra={
                "question": question.pk,
                "question_name": question.name,
                "needed_multiple": pool_multiple(),
                **item.problem.params,
            },
        )
    if found:
        transaction.on_commit(lambda: _tell_staff(found, question.name))
    return found


def _recipients(found: list[UndersizedQuiz]) -> list[str]:
    # Permissions come from groups and user grants (the model backend's rules).
    staff = get_user_model().objects.with_perm(
        EDIT_QUIZ_PERMISSION, include_superusers=True, backend=PERMISSION_BACKEND
    )
    emails = {user.email for user in staff.filter(is_active=True).exclude(email="")}
    emails |= {item.quiz.created_by.email for item in found if item.quiz.created_by_id}
    return sorted(email for email in emails if email)


def _tell_staff(found: list[UndersizedQuiz], question_name: str) -> None:
    recipients = _recipients(found)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Completion quizzes need more reviewed questions")
        lines = [
            _(
                "“%(question)s” left the reviewed certification pool. These published "
                "completion quizzes now draw from too few questions, and learners cannot "
                "start them until their pools are refilled:"
            )
            % {"question": question_name},
            "",
        ]
        for item in found:
            # Checked again in the site's language (the request's may differ).
            try:
                check_quiz_publishable(item.quiz)
            except PoolTooSmall as problem:
                lines += [f"- {item.quiz.title}", f"  {problem.message}", ""]
        body = "\n".join(lines)
    send_mass_mail([(subject, body, None, [email]) for email in recipients])
