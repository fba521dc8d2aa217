"""What closing a quarter stores: every unit's computed figures for it (the
certified share per audience, the reported and the counted indicators, each
with its denominator and target as the dashboards use them), so the quarter's
value never changes afterwards (issue 13 §4). The dashboards read them back
through measure.Subtree.frozen."""

from __future__ import annotations

from django.utils import timezone

from lms.audiences import Audience
from lms.units.models import Unit

from . import indicators
from .catalogue import COUNTED, REPORTED, REPORTED_AUDIENCE, Indicator
from .measure import Subtree, live_progress
from .models import ClosedQuarterFigure, ReportingPeriod

BATCH = 2000


def frozen_kinds() -> list[tuple[str, str]]:
    """(indicator, audience) pairs the dashboards and reports show per quarter."""
    certified = [(Indicator.CERTIFIED, audience) for audience in Audience.values]
    others = [(indicator, REPORTED_AUDIENCE) for indicator in (*REPORTED, *COUNTED)]
    return certified + others


def closing_figures(period: ReportingPeriod) -> list[ClosedQuarterFigure]:
    """Every unit's figures for the period as of its end (or today, when closed
    early); `period.closed_at` must be set, so reported values count up to it."""
    until = min(indicators.quarter_end(period.year, period.quarter), timezone.localdate())
    rows = []
    for root in Unit.objects.filter(parent__isnull=True).order_by("path"):
        subtree = Subtree(root)  # each table read once for the whole tree
        for indicator, audience in frozen_kinds():
            progress_of = live_progress(subtree, audience, indicator, period.year, until, period)
            for unit in subtree.units:
                progress = progress_of(unit)
                rows.append(
                    ClosedQuarterFigure(
                        period=period,
                        unit_id=unit.pk,
                        audience=audience,
                        indicator=indicator,
                        achieved=progress.achieved,
                        denominator=progress.denominator,
                        target=progress.target_percent,
                    )
                )
    return rows


def freeze(period: ReportingPeriod) -> int:
    """Store the period's figures in one bulk write (inside the caller's
    transaction); returns how many rows."""
    rows = closing_figures(period)
    ClosedQuarterFigure.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
