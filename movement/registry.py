"""Computed indicators other than "certified" (which reads the roll-up table):
a provider is `f(unit, audience, until) -> people reached in the unit's subtree`.

Apps that movement may read register their own here from movement's side, so a
new source (class participants from courses) is one `register()` call in
movement.apps, never a change to the dashboards."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

_PROVIDERS: dict[str, Callable] = {}
# Counted indicators: `f(unit, until) -> {unit id: indicators.Share}`, the
# things (teams, places) of each unit of the subtree itself, for the quarter that
# contains `until`; measure rolls them up, so a page reads each source once.
_COUNTED: dict[str, Callable] = {}


def register(indicator: str, provider: Callable) -> None:
    _PROVIDERS[indicator] = provider


def register_counted(indicator: str, provider: Callable) -> None:
    _COUNTED[indicator] = provider


def counted_provider(indicator: str) -> Callable:
    return _COUNTED[indicator]


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


def _quarter_until(until):
    from .indicators import quarter_of, quarter_start

    return quarter_start(*quarter_of(until)), until


def team_targets_met(unit, until):
    """Per unit of the subtree: its teams with targets for the quarter of
    `until`, and how many did at least their targeted number of each activity."""
    from collections import defaultdict

    from django.db.models import Count

    from . import indicators
    from .models import ActivityLog, TeamTarget

    start, until = _quarter_until(until)
    year, quarter = indicators.quarter_of(until)
    targets = defaultdict(dict)
    unit_of = {}
    for team_id, unit_id, kind, count in TeamTarget.objects.filter(
        team__unit__path__startswith=unit.path, year=year, quarter=quarter
    ).values_list("team_id", "team__unit_id", "kind", "count"):
        targets[team_id][kind] = count
        unit_of[team_id] = unit_id
    done = defaultdict(dict)
    for row in (
        ActivityLog.objects.filter(team_id__in=list(targets), day__gte=start, day__lte=until)
        .values("team_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    ):
        done[row["team_id"]][row["kind"]] = row["n"]
    teams_by_unit = defaultdict(list)
    for team_id, team_targets in targets.items():
        teams_by_unit[unit_of[team_id]].append((team_targets, done[team_id]))
    return {
        unit_id: indicators.teams_meeting_targets(teams) for unit_id, teams in teams_by_unit.items()
    }


# Places that make a community learning corner; classes at schools are left
# out (the school is not the community's corner).
LEARNING_CORNER_KINDS = ("cultural_house", "cultural_post_office", "learning_centre")


def learning_corners_active(unit, until):
    """Per unit of the subtree: the learning places named on its classes
    (courses: each class says where it meets), and how many held a session in
    the quarter of `until` up to that day."""
    from collections import defaultdict

    from courses.models import ClassSession, CommunityClass

    from . import indicators

    start, until = _quarter_until(until)
    places = defaultdict(set)
    for unit_id, kind, name in CommunityClass.objects.filter(
        unit__path__startswith=unit.path, place_kind__in=LEARNING_CORNER_KINDS
    ).values_list("unit_id", "place_kind", "place_name"):
        places[unit_id].add(indicators.place_key(unit_id, kind, name))
    held = defaultdict(list)
    for unit_id, kind, name, starts_at in ClassSession.objects.filter(
        community_class__unit__path__startswith=unit.path,
        community_class__place_kind__in=LEARNING_CORNER_KINDS,
        starts_at__date__gte=start,
        starts_at__date__lte=until,
        starts_at__lte=timezone.now(),  # held, not only planned
    ).values_list(
        "community_class__unit_id",
        "community_class__place_kind",
        "community_class__place_name",
        "starts_at",
    ):
        held[unit_id].append(
            (indicators.place_key(unit_id, kind, name), timezone.localdate(starts_at))
        )
    return {
        unit_id: indicators.learning_corners_active(unit_places, held[unit_id], start, until)
        for unit_id, unit_places in places.items()
    }
