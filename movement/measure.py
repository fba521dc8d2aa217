"""Reading the figures of a unit and its children from the roll-up tables and
the entered figures, then handing the numbers to movement.indicators. Query
count is constant per page: one query per table for the whole subtree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from lms.units.models import Unit

from . import indicators
from .catalogue import COMPUTED, COUNTED, REPORTED_AUDIENCE, Indicator, plan_target
from .models import (
    CertifiedDaily,
    PopulationFigure,
    ReportedIndicatorValue,
    ReportingPeriod,
    Target,
    ValueStatus,
)
from .registry import computed_provider, counted_provider


@dataclass
class Row:
    unit: Unit
    progress: indicators.Progress


class Subtree:
    """A unit with everything under it, read once."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self.units = list(Unit.objects.within(unit).order_by("path"))
        self.children_of: dict[int | None, list[Unit]] = defaultdict(list)
        for each in self.units:
            self.children_of[each.parent_id].append(each)
        self.ids = [each.pk for each in self.units]

    def children(self, unit: Unit) -> list[Unit]:
        return sorted(self.children_of[unit.pk], key=lambda child: child.name)

    def own_or_children(self, unit: Unit, own: dict[int, int]) -> int | None:
        kids = [self.own_or_children(child, own) for child in self.children_of[unit.pk]]
        return indicators.unit_denominator(own.get(unit.pk), kids)

    def summed(self, unit: Unit, direct: dict[str, int]) -> int:
        return sum(count for path, count in direct.items() if path.startswith(unit.path))


def latest_figures(subtree: Subtree, audience: str) -> dict[int, int]:
    figures = {}
    for unit_id, value in (
        PopulationFigure.objects.filter(unit_id__in=subtree.ids, audience=audience)
        .order_by("unit_id", "entered_at", "id")
        .values_list("unit_id", "value")
    ):
        figures[unit_id] = value  # the last one entered wins
    return figures


def residents_of(unit: Unit) -> int | None:
    """The unit's number of residents: its own figure, else its children's sum."""
    subtree = Subtree(unit)
    return subtree.own_or_children(unit, latest_figures(subtree, REPORTED_AUDIENCE))


def certified_by_path(subtree: Subtree, audience: str, until: date) -> dict[str, int]:
    rows = (
        CertifiedDaily.objects.filter(
            unit_path__startswith=subtree.unit.path, audience=audience, day__lte=until
        )
        .values("unit_path")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {row["unit_path"]: row["total"] for row in rows}


def reported_by_unit(subtree: Subtree, indicator: str, period: ReportingPeriod) -> dict[int, int]:
    """Accepted values only, each from the moment it was accepted."""
    entries = defaultdict(list)
    for unit_id, value, accepted_at in ReportedIndicatorValue.objects.filter(
        unit_id__in=subtree.ids,
        indicator=indicator,
        period=period,
        status=ValueStatus.ACCEPTED,
    ).values_list("unit_id", "value", "accepted_at"):
        entries[unit_id].append(indicators.Entry(value, accepted_at))
    values = {}
    for unit_id, unit_entries in entries.items():
        value = indicators.value_for_period(unit_entries, period.closed_at)
        if value is not None:
            values[unit_id] = value
    return values


def target_for(unit: Unit, audience: str, indicator: str, year: int, explicit=None) -> int | None:
    """The unit's effective target: its own, else its nearest ancestor's, else the plan's."""
    if explicit is None:
        explicit = explicit_targets(unit, audience, indicator, year)
    chain = []
    path = unit.path
    while path:
        chain.append(explicit.get(path))
        path = path[: path[:-1].rfind("/") + 1]
    return indicators.effective_target(chain, plan_target(indicator, year))


def explicit_targets(unit: Unit, audience: str, indicator: str, year: int) -> dict[str, int]:
    """Targets set on the unit's ancestors, itself and everything under it, by path."""
    ancestors = _ancestor_paths(unit.path)
    rows = Target.objects.filter(audience=audience, indicator=indicator, year=year).filter(
        unit__path__in=ancestors
    ) | Target.objects.filter(
        audience=audience, indicator=indicator, year=year, unit__path__startswith=unit.path
    )
    return dict(rows.values_list("unit__path", "percent"))


def _ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def progress_table(
    unit: Unit, audience: str, indicator: str, year: int, until: date, period=None
) -> tuple[Row, list[Row]]:
    """The unit's progress on one indicator and its children's, as of `until`."""
    subtree = Subtree(unit)
    denominators = latest_figures(subtree, audience)
    explicit = explicit_targets(unit, audience, indicator, year)
    if indicator == Indicator.CERTIFIED:
        direct = certified_by_path(subtree, audience, until)

        def achieved(each):
            return subtree.summed(each, direct)

    elif indicator in COUNTED:
        # Teams and places are their own denominator: no population figure.
        provider = counted_provider(indicator)

        def row(each):
            share = provider(each, until)
            target = target_for(each, audience, indicator, year, explicit)
            return Row(each, share.as_progress(target))

        return row(unit), [row(child) for child in subtree.children(unit)]
    elif indicator in COMPUTED:
        provider = computed_provider(indicator)

        def achieved(each):
            return provider(each, audience, until)

    else:
        values = reported_by_unit(subtree, indicator, period) if period else {}

        def achieved(each):
            return subtree.own_or_children(each, values) or 0

    def row(each):
        return Row(
            each,
            indicators.Progress(
                achieved(each),
                subtree.own_or_children(each, denominators),
                target_for(each, audience, indicator, year, explicit),
            ),
        )

    return row(unit), [row(child) for child in subtree.children(unit)]
