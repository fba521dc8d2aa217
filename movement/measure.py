"""Reading the figures of a unit and its children from the roll-up tables and
the entered figures, then handing the numbers to movement.indicators. Query
count is constant per page: a page builds one Subtree and every table is read
once for the whole subtree (denominators and targets for every audience,
indicator and year at once), however many indicators and quarters it shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from lms.units.models import Unit

from . import indicators
from .catalogue import COMPUTED, COUNTED, REPORTED_AUDIENCE, Indicator, plan_target
from .models import (
    CertifiedDaily,
    ClosedQuarterFigure,
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
    """A unit with everything under it, read once; the denominators and targets
    of the subtree are read on first use and kept for the page."""

    def __init__(self, unit: Unit):
        self.unit = unit
        self.units = list(Unit.objects.within(unit).order_by("path"))
        self.children_of: dict[int | None, list[Unit]] = defaultdict(list)
        for each in self.units:
            self.children_of[each.parent_id].append(each)
        self.ids = [each.pk for each in self.units]
        # Bottom-up order as plain ids (by path, descendants come after their
        # unit): the roll-ups below run over 1,601 units several times a page.
        self._bottom_up = [
            (each.pk, [child.pk for child in self.children_of[each.pk]])
            for each in reversed(self.units)
        ]
        self._denominators: dict[str, dict[int, int | None]] = {}
        self._figures: dict[str, dict[int, int]] | None = None
        self._targets: dict[tuple, dict[str, int]] | None = None
        self._reported: dict[int, dict[str, dict[int, int]]] = {}
        self._certified: dict[str, dict[tuple[str, date], int]] = {}
        self._frozen: dict[tuple[int, int], dict[tuple, indicators.Progress]] | None = None

    def children(self, unit: Unit) -> list[Unit]:
        return sorted(self.children_of[unit.pk], key=lambda child: child.name)

    def rolled_up(self, own: dict[int, int]) -> dict[int, int | None]:
        """Every unit's own figure, else the sum of its children's (None when
        nothing under it has one), in one bottom-up pass over the subtree."""
        totals: dict[int, int | None] = {}
        for unit_id, child_ids in self._bottom_up:
            kids = [totals[child_id] for child_id in child_ids]
            totals[unit_id] = indicators.unit_denominator(own.get(unit_id), kids)
        return totals

    def denominators(self, audience: str) -> dict[int, int | None]:
        """The audience's rolled-up population figures, computed once a page."""
        if audience not in self._denominators:
            self._denominators[audience] = self.rolled_up(self.figures(audience))
        return self._denominators[audience]

    def summed_shares(self, own: dict[int, indicators.Share]) -> dict[int, indicators.Share]:
        """Every unit's share with all of its subtree's added, in one bottom-up pass."""
        totals: dict[int, indicators.Share] = {}
        for unit_id, child_ids in self._bottom_up:
            total = own.get(unit_id, indicators.Share(0, 0))
            for child_id in child_ids:
                total = total + totals[child_id]
            totals[unit_id] = total
        return totals

    def reported(self, indicator: str, period: ReportingPeriod) -> dict[int, int]:
        """Reported values of the period, every indicator read in one query."""
        if period.pk not in self._reported:
            self._reported[period.pk] = _reported_by_indicator(self, period)
        return self._reported[period.pk].get(indicator, {})

    def certified(self, audience: str, until: date) -> dict[str, int]:
        """Certified per path up to `until`: today and the trend's quarter ends
        from one read of the roll-up summed by quarter, other days directly."""
        today = timezone.localdate()
        if not indicators.answers_from_quarters(until, today):
            return certified_by_path(self, audience, until)
        if audience not in self._certified:
            self._certified[audience] = _certified_by_quarter(self, audience, today)
        return indicators.certified_up_to(self._certified[audience], until)

    def frozen(self, until: date) -> dict[tuple[int, str, str], indicators.Progress]:
        """The figures stored when the quarter of `until` was closed, for the unit
        and its children, by (unit id, audience, indicator); empty while it is
        open. Every closed quarter is read at once, on first use."""
        if self._frozen is None:
            units = [self.unit, *self.children_of[self.unit.pk]]
            self._frozen = _frozen_figures([each.pk for each in units])
        return self._frozen.get(indicators.quarter_of(until), {})

    def figures(self, audience: str) -> dict[int, int]:
        if self._figures is None:
            self._figures = _latest_figures_by_audience(self.ids)
        return self._figures.get(audience, {})

    def targets(self, audience: str, indicator: str, year: int) -> dict[str, int]:
        if self._targets is None:
            self._targets = _explicit_targets_by_key(self.unit)
        return self._targets.get((audience, indicator, year), {})


def _latest_figures_by_audience(unit_ids: list[int]) -> dict[str, dict[int, int]]:
    figures: dict[str, dict[int, int]] = defaultdict(dict)
    for unit_id, audience, value in (
        PopulationFigure.objects.filter(unit_id__in=unit_ids)
        .order_by("unit_id", "entered_at", "id")
        .values_list("unit_id", "audience", "value")
    ):
        figures[audience][unit_id] = value  # the last one entered wins
    return figures


def _frozen_figures(unit_ids: list[int]) -> dict[tuple[int, int], dict[tuple, indicators.Progress]]:
    frozen: dict[tuple[int, int], dict[tuple, indicators.Progress]] = defaultdict(dict)
    for year, quarter, unit_id, audience, indicator, achieved, denominator, target in (
        ClosedQuarterFigure.objects.filter(unit_id__in=unit_ids, period__closed_at__isnull=False)
        .values_list(
            "period__year",
            "period__quarter",
            "unit_id",
            "audience",
            "indicator",
            "achieved",
            "denominator",
            "target",
        )
        .order_by()
    ):
        progress = indicators.Progress(achieved, denominator, target)
        frozen[(year, quarter)][(unit_id, audience, indicator)] = progress
    return frozen


def latest_figures(subtree: Subtree, audience: str) -> dict[int, int]:
    return subtree.figures(audience)


def residents_of(unit: Unit) -> int | None:
    """The unit's number of residents: its own figure, else its children's sum."""
    subtree = Subtree(unit)
    return subtree.rolled_up(subtree.figures(REPORTED_AUDIENCE))[unit.pk]


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


def _certified_by_quarter(subtree: Subtree, audience: str, today: date) -> dict:
    rows = (
        CertifiedDaily.objects.filter(
            unit_path__startswith=subtree.unit.path, audience=audience, day__lte=today
        )
        .annotate(quarter=TruncQuarter("day"))
        .values("unit_path", "quarter")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {(row["unit_path"], row["quarter"]): row["total"] for row in rows}


def totals_by_prefix(direct: dict[str, int]) -> dict[str, int]:
    """Each path's count added to the path and every ancestor path: a unit's
    subtree total is then one lookup (not a scan of every path per unit)."""
    totals: dict[str, int] = defaultdict(int)
    for path, count in direct.items():
        for prefix in _ancestor_paths(path):
            totals[prefix] += count
    return totals


def _reported_by_indicator(subtree: Subtree, period: ReportingPeriod) -> dict[str, dict[int, int]]:
    """Accepted values only, each from the moment it was accepted."""
    entries = defaultdict(list)
    for indicator, unit_id, value, accepted_at in ReportedIndicatorValue.objects.filter(
        unit_id__in=subtree.ids, period=period, status=ValueStatus.ACCEPTED
    ).values_list("indicator", "unit_id", "value", "accepted_at"):
        entries[(indicator, unit_id)].append(indicators.Entry(value, accepted_at))
    values: dict[str, dict[int, int]] = defaultdict(dict)
    for (indicator, unit_id), unit_entries in entries.items():
        value = indicators.value_for_period(unit_entries, period.closed_at)
        if value is not None:
            values[indicator][unit_id] = value
    return values


def reported_by_unit(subtree: Subtree, indicator: str, period: ReportingPeriod) -> dict[int, int]:
    return subtree.reported(indicator, period)


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


def _targets_around(unit: Unit):
    """Targets set on the unit's ancestors, itself and everything under it."""
    ancestors = _ancestor_paths(unit.path)
    return Target.objects.filter(unit__path__in=ancestors) | Target.objects.filter(
        unit__path__startswith=unit.path
    )


def _explicit_targets_by_key(unit: Unit) -> dict[tuple, dict[str, int]]:
    targets: dict[tuple, dict[str, int]] = defaultdict(dict)
    for audience, indicator, year, path, percent in _targets_around(unit).values_list(
        "audience", "indicator", "year", "unit__path", "percent"
    ):
        targets[(audience, indicator, year)][path] = percent
    return targets


def explicit_targets(unit: Unit, audience: str, indicator: str, year: int) -> dict[str, int]:
    """Targets set on the unit's ancestors, itself and everything under it, by path."""
    rows = _targets_around(unit).filter(audience=audience, indicator=indicator, year=year)
    return dict(rows.values_list("unit__path", "percent"))


def _ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def live_progress(
    subtree: Subtree, audience: str, indicator: str, year: int, until: date, period=None
) -> Callable[[Unit], indicators.Progress]:
    """How any unit of the subtree stands on one indicator as of `until`,
    counted from today's rows (closing a quarter stores these, movement.closing)."""
    unit = subtree.unit
    denominators = subtree.denominators(audience)
    explicit = subtree.targets(audience, indicator, year)

    def target(each):
        return target_for(each, audience, indicator, year, explicit)

    if indicator in COUNTED:
        # Teams and places are their own denominator: no population figure.
        shares = subtree.summed_shares(counted_provider(indicator)(unit, until))
        return lambda each: shares[each.pk].as_progress(target(each))
    if indicator == Indicator.CERTIFIED:
        totals = totals_by_prefix(subtree.certified(audience, until))

        def achieved(each):
            return totals.get(each.path, 0)

    elif indicator in COMPUTED:
        provider = computed_provider(indicator)

        def achieved(each):
            return provider(each, audience, until)

    else:
        values = subtree.rolled_up(reported_by_unit(subtree, indicator, period) if period else {})

        def achieved(each):
            return values[each.pk] or 0

    return lambda each: indicators.Progress(achieved(each), denominators[each.pk], target(each))


def progress_table(
    unit: Unit,
    audience: str,
    indicator: str,
    year: int,
    until: date,
    period=None,
    subtree: Subtree | None = None,
) -> tuple[Row, list[Row]]:
    """The unit's progress on one indicator and its children's, as of `until`:
    in a closed quarter, the figures stored when it was closed (a unit without
    them, one added since, is counted). Pass the page's `subtree` when a page
    shows several tables of one unit."""
    if subtree is None or subtree.unit.pk != unit.pk:
        subtree = Subtree(unit)
    units = [unit, *subtree.children(unit)]
    frozen = subtree.frozen(until)
    progress = {each.pk: frozen.get((each.pk, audience, indicator)) for each in units}
    if None in progress.values():
        live = live_progress(subtree, audience, indicator, year, until, period)
        for each in units:
            if progress[each.pk] is None:
                progress[each.pk] = live(each)
    rows = [Row(each, progress[each.pk]) for each in units]
    return rows[0], rows[1:]
