"""REST API of the assessments app (registered in lms/api.py)."""

from .framework import FrameworkViewSet
from .learner import AttemptViewSet, QuizViewSet
from .staff import QuestionViewSet, QuizResultsViewSet

__all__ = [
    "AttemptViewSet",
    "FrameworkViewSet",
    "QuestionViewSet",
    "QuizResultsViewSet",
    "QuizViewSet",
]
