"""The /api/v1/ router: each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

from assessments.api import FrameworkViewSet
from lms.units.api import UnitViewSet

router = DefaultRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("frameworks", FrameworkViewSet, basename="framework")
