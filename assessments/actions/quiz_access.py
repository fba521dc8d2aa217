"""The one place that decides which published quizzes a learner sees and may
start: the quiz list, the quiz page and start, in HTML and in the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from assessments.audience_access import QuizAccess, quiz_access
from assessments.models import Quiz
from lms.core.compiled_query import CompiledQuery, placeholder_text
from lms.errors import NotFound

# Every Start asks for it: compiled once per process (lms.core.compiled_query).
_PUBLISHED_QUIZ = CompiledQuery(
    lambda slug: (
        Quiz.objects.published().select_related("framework").filter(slug=slug).order_by("pk")[:1]
    ),
    placeholder_text("slug"),
)


class QuizNotFound(NotFound):
    code = "not_found"


def manages_quizzes(user) -> bool:
    return user.is_authenticated and user.has_perm("assessments.change_quiz")


def quizzes_for_learner(user) -> QuerySet[Quiz]:
    """The published quizzes ``user`` may see (the rule of ``assessments.audience_access``
    as a query, so lists and lookups agree with it)."""
    quizzes = Quiz.objects.published().select_related("framework")
    if not user.is_authenticated:
        return quizzes.none()
    if manages_quizzes(user):
        return quizzes
    visible = Q(open_for_practice=True)
    if user.audience:
        visible |= Q(audience=user.audience)
    return quizzes.filter(visible)


def access_for(user, quiz: Quiz) -> QuizAccess | None:
    return quiz_access(
        quiz_audience=quiz.audience,
        open_for_practice=quiz.open_for_practice,
        learner_audience=getattr(user, "audience", "") or "",
        manages_quizzes=manages_quizzes(user),
    )


def access_quiz_for_learner(user, slug) -> tuple[Quiz, QuizAccess]:
    """The published quiz ``slug`` if ``user`` may take it, with how; else
    QuizNotFound (404: another audience's quiz is simply not there)."""
    if not user.is_authenticated:
        raise QuizNotFound()
    found = _PUBLISHED_QUIZ.objects(str(slug))
    quiz = found[0] if found else None
    access = None
    if quiz is not None:
        # The same rule as ``access_for``, asking for the user's permissions (two
        # queries) only when their audience and practice do not already decide:
        # a class pressing Start together never pays for them.
        learner_audience = getattr(user, "audience", "") or ""
        access = quiz_access(
            quiz_audience=quiz.audience,
            open_for_practice=quiz.open_for_practice,
            learner_audience=learner_audience,
        ) or access_for(user, quiz)
    if access is None:
        raise QuizNotFound()
    return quiz, access
