"""The /api/v1/ router: each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

from assessments.api import (
    AttemptViewSet,
    FrameworkViewSet,
    QuestionViewSet,
    QuizResultsViewSet,
    QuizViewSet,
)
from assessments.certificates.api import CertificateViewSet
from lms.units.api import UnitViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("frameworks", FrameworkViewSet, basename="framework")
router.register("quizzes", QuizViewSet, basename="quiz")
router.register("attempts", AttemptViewSet, basename="attempt")
router.register("questions", QuestionViewSet, basename="question")
router.register("quiz-results", QuizResultsViewSet, basename="quiz-results")
router.register("certificates", CertificateViewSet, basename="certificate")


def only_public_api(endpoints):
    """drf-spectacular preprocessing hook: document /api/v1/ only, not Wagtail's
    internal admin API that shares DRF."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
