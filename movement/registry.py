"""Computed indicators other than "certified" (which reads the roll-up table):
a provider is `f(unit, audience, until) -> people reached in the unit's subtree`.

Apps that movement may read register their own here from movement's side, so a
new source (class participants from courses) is one `register()` call in
movement.apps, never a change to the dashboards."""

from __future__ import annotations

from collections.abc import Callable

_PROVIDERS: dict[str, Callable] = {}


def register(indicator: str, provider: Callable) -> None:
    _PROVIDERS[indicator] = provider


def computed_provider(indicator: str) -> Callable:
    return _PROVIDERS[indicator]


def registered() -> list[str]:
    return list(_PROVIDERS)


def class_participants(unit, audience, until) -> int:
    """Learners of the unit's subtree present at a class session on or before
    `until` (courses: classes at cultural houses and learning centres)."""
    from courses.models import AttendanceMark, AttendanceStatus

    marks = AttendanceMark.objects.filter(
        learner__home_unit__path__startswith=unit.path,
        status=AttendanceStatus.PRESENT,
        session__starts_at__date__lte=until,
    )
    if audience:
        marks = marks.filter(learner__audience=audience)
    return marks.values("learner").distinct().count()


def ambassador_coverage(unit, audience, until) -> int:
    """Learners of the unit's subtree followed by an ambassador on `until`."""
    from django.db.models import Q

    from .models import AmbassadorAssignment

    return (
        AmbassadorAssignment.objects.filter(
            learner__home_unit__path__startswith=unit.path,
            started_at__date__lte=until,
        )
        .filter(Q(ended_at__isnull=True) | Q(ended_at__date__gt=until))
        .values("learner")
        .distinct()
        .count()
    )
