from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.record import record_event

from .. import indicators
from ..access import access_unit
from ..catalogue import Indicator
from ..closing import freeze
from ..errors import BadFigure, BadTarget, FutureQuarter, PeriodClosed, ReportSubmitted
from ..measure import Subtree, certified_by_path, totals_by_prefix
from ..models import (
    PopulationFigure,
    QuarterlyReport,
    RankingBoard,
    ReportingPeriod,
    ReportStatus,
    Target,
)


def certified_now(unit, audience: str) -> int:
    subtree = Subtree(unit)
    totals = totals_by_prefix(certified_by_path(subtree, audience, timezone.localdate()))
    return totals.get(unit.path, 0)


def check_population(unit, audience: str, value: int) -> None:
    if value is None or value <= 0:
        raise BadFigure(_("The number of people must be greater than 0."))
    certified = certified_now(unit, audience)
    if value < certified:
        raise BadFigure(
            _(
                "%(value)s is fewer than the %(certified)s people of this audience already "
                "certified in %(unit)s: check the figure."
            )
            % {"value": value, "certified": certified, "unit": unit.name}
        )


def do_record_population(*, actor, unit, audience, value, source, as_of: date):
    """Add a figure (the old ones stay as history)."""
    unit = access_unit(actor, unit)
    check_population(unit, audience, value)
    if not (source or "").strip():
        raise BadFigure(_("Say where the figure comes from."))
    with transaction.atomic():
        figure = PopulationFigure.objects.create(
            unit=unit,
            audience=audience,
            value=value,
            source=source.strip(),
            as_of=as_of,
            entered_by=actor,
        )
        record_event(
            actor=actor,
            verb="movement.population_recorded",
            target=figure,
            unit=unit,
            extra={"audience": audience, "value": value, "source": figure.source},
        )
    return figure


def check_target(percent) -> None:
    if percent is None or not 0 <= percent <= 100:
        raise BadTarget()


def do_set_target(*, actor, unit, audience, year: int, indicator: str, percent: int):
    unit = access_unit(actor, unit)
    check_target(percent)
    with transaction.atomic():
        target, _created = Target.objects.update_or_create(
            unit=unit,
            audience=audience,
            year=year,
            indicator=indicator,
            defaults={"percent": percent, "set_by": actor},
        )
        record_event(
            actor=actor,
            verb="movement.target_set",
            target=target,
            unit=unit,
            extra={"audience": audience, "year": year, "indicator": indicator, "percent": percent},
        )
    return target


def period_for(year: int, quarter: int) -> ReportingPeriod:
    period, _created = ReportingPeriod.objects.get_or_create(year=year, quarter=quarter)
    return period


def check_period_open(unit, year: int, quarter: int) -> ReportingPeriod:
    if indicators.is_future_quarter(year, quarter, timezone.localdate()):
        raise FutureQuarter()
    period = period_for(year, quarter)
    if period.is_closed:
        raise PeriodClosed()
    if QuarterlyReport.objects.filter(
        unit=unit, period=period, status=ReportStatus.SUBMITTED
    ).exists():
        raise ReportSubmitted()
    return period


def do_close_period(*, actor, year: int, quarter: int) -> ReportingPeriod:
    """Administrators close a quarter; its values, reported and computed, are
    frozen from then on. The current quarter may be closed before its last day
    (offices cut their quarterly figures off mid-month, Decree 09/2019/NĐ-CP);
    a quarter that has not started may not: it would be frozen empty."""
    from lms.accounts.roles import Role, has_role
    from lms.errors import PermissionDenied

    if not (actor.is_superuser or has_role(actor, Role.ADMINISTRATOR)):
        raise PermissionDenied()
    if indicators.is_future_quarter(year, quarter, timezone.localdate()):
        raise FutureQuarter()
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().get(pk=period_for(year, quarter).pk)
        if period.is_closed:
            raise PeriodClosed()
        period.closed_at = timezone.now()
        period.closed_by = actor
        period.save(update_fields=["closed_at", "closed_by"])
        # Its computed figures too, so no later certificate or figure moves them.
        frozen = freeze(period)
        record_event(
            actor=actor,
            verb="movement.period_closed",
            target=period,
            extra={"frozen_figures": frozen},
        )
    return period


def do_set_ranking(*, actor, unit, is_public: bool, indicator=Indicator.CERTIFIED, audience=None):

    from lms.audiences import Audience

    unit = access_unit(actor, unit)
    with transaction.atomic():
        board, _created = RankingBoard.objects.update_or_create(
            unit=unit,
            defaults={
                "is_public": is_public,
                "indicator": indicator,
                "audience": audience or Audience.RESIDENT,
            },
        )
        record_event(
            actor=actor,
            verb="movement.ranking_set",
            target=board,
            unit=unit,
            extra={"public": is_public, "indicator": indicator, "audience": board.audience},
        )
    return board  # its save makes the cached board stale (figures_cache)
