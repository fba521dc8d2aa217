"""The movement's side of the dataset: a digital team per village with members,
quarterly targets and two years of activity; ambassadors with their learners;
denominators, the province's targets, reported indicator values per village
and quarter (past quarters closed); public ranking boards; the roll-up table; the closed
quarters' figures, frozen as closing stores them."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from lms.audiences import Audience

from .. import indicators, rollup
from ..catalogue import REPORTED, Indicator, plan_target
from ..models import (
    ActivityKind,
    ActivityLog,
    Ambassador,
    AmbassadorAssignment,
    CommunityDigitalTeam,
    MemberRole,
    PopulationFigure,
    RankingBoard,
    ReportedIndicatorValue,
    ReportingPeriod,
    Target,
    TeamMember,
    TeamTarget,
)
from .plan import Built, insert, insert_only, person_name

DENOMINATOR_OVER_LEARNERS = 1.25  # not everyone of an audience has an account


def quarters(built: Built) -> list[tuple[int, int]]:
    year, quarter = indicators.quarter_of(timezone.localdate(built.now))
    return indicators.previous_quarters(year, quarter, built.sizes.quarters)


def build_periods(built: Built) -> list[ReportingPeriod]:
    return [
        ReportingPeriod.objects.get_or_create(year=year, quarter=quarter)[0]
        for year, quarter in quarters(built)
    ]


def close_past_periods(periods: list[ReportingPeriod]) -> None:
    """After the values are in (a value entered after the closing never counts)."""
    closing = timezone.now()
    for period in periods[:-1]:  # the current quarter stays open
        if period.closed_at is None:
            period.closed_at = closing
            period.save(update_fields=["closed_at"])


def build_teams(built: Built) -> None:
    rng = built.rng
    teams = insert(
        CommunityDigitalTeam,
        (CommunityDigitalTeam(unit=v, name=f"Tổ công nghệ số {v.name}") for v in built.villages),
    )
    insert_only(
        TeamMember,
        (
            TeamMember(
                team=team,
                full_name=person_name(rng),
                role=MemberRole.LEADER if number == 0 else MemberRole.MEMBER,
            )
            for team in teams
            for number in range(3)
        ),
    )
    kinds = list(ActivityKind)
    insert_only(
        TeamTarget,
        (
            TeamTarget(team=team, year=year, quarter=quarter, kind=kind, count=12)
            for team in teams
            for year, quarter in quarters(built)
            for kind in kinds
        ),
    )
    insert_only(
        ActivityLog,
        (
            ActivityLog(
                team=team,
                kind=rng.choice(kinds),
                day=indicators.quarter_start(year, quarter) + timedelta(days=rng.randrange(85)),
                people=rng.randint(3, 40),
            )
            for team in teams
            for year, quarter in quarters(built)
            for _entry in range(6)
        ),
    )


def build_ambassadors(built: Built) -> None:
    """Some certified-looking learners each follow up to N others of their village."""
    sizes, rng = built.sizes, built.rng
    count = int(len(built.learners) * sizes.ambassador_share)
    chosen = rng.sample(built.learners, count)
    chosen_ids = {pk for pk, *_ in chosen}
    ambassadors = insert(
        Ambassador,
        (Ambassador(user_id=pk, unit=built.villages[village]) for pk, _a, village in chosen),
    )
    free = [entry for entry in built.learners if entry[0] not in chosen_ids]
    rng.shuffle(free)
    followed = iter(free)
    insert_only(
        AmbassadorAssignment,
        (
            AmbassadorAssignment(ambassador=ambassador, learner_id=next(followed)[0])
            for ambassador in ambassadors
            for _slot in range(sizes.learners_per_ambassador)
        ),
    )


def build_figures(built: Built) -> None:
    """Denominators per village and audience, the province's targets, and the
    reported values of every village for every quarter."""
    rng = built.rng
    living = Counter((village, audience) for _pk, audience, village in built.learners)
    as_of = timezone.localdate(built.days_ago(365))
    insert_only(
        PopulationFigure,
        (
            PopulationFigure(
                unit=village,
                audience=audience,
                value=max(1, int(living[(index, audience)] * DENOMINATOR_OVER_LEARNERS)),
                source="Niên giám thống kê (dữ liệu đo)",
                as_of=as_of,
            )
            for index, village in enumerate(built.villages)
            for audience in Audience.values
        ),
    )
    years = sorted({year for year, _q in quarters(built)})
    insert_only(
        Target,
        (
            Target(
                unit=built.province,
                audience=audience,
                year=year,
                indicator=indicator,
                percent=target,
            )
            for year in years
            for audience in Audience.values
            for indicator in [Indicator.CERTIFIED, *REPORTED]
            if (target := plan_target(indicator, year) or 50)
        ),
    )
    periods = build_periods(built)
    residents = {index: living[(index, Audience.RESIDENT)] for index in range(len(built.villages))}
    insert_only(
        ReportedIndicatorValue,
        (
            ReportedIndicatorValue(
                unit=village,
                period=period,
                indicator=indicator,
                value=int(residents[index] * rng.uniform(0.2, 0.9)),
                evidence="Báo cáo của tổ công nghệ số (dữ liệu đo)",
            )
            for index, village in enumerate(built.villages)
            for period in periods
            for indicator in REPORTED
        ),
    )
    close_past_periods(periods)


def build_boards_and_rollup(built: Built) -> int:
    insert_only(
        RankingBoard, (RankingBoard(unit=commune, is_public=True) for commune in built.communes)
    )
    cells = rollup.rebuild()
    freeze_closed_periods()
    return cells


def freeze_closed_periods() -> int:
    """What closing stores (movement.closing), once the roll-up is in: the
    dashboards then read the past quarters as they do in production."""
    from ..closing import freeze

    return sum(
        freeze(period)
        for period in ReportingPeriod.objects.filter(closed_at__isnull=False).exclude(
            frozen_figures__isnull=False
        )
    )
