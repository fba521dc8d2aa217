"""Indicator maths: rates, gaps in people, roll-ups, targets inherited downward,
values frozen when a period closes, rankings. Plain functions over numbers and
dates (no ORM, no request), so views, tasks and reports share one arithmetic
and hypothesis can check it (tests/movement/test_indicator_properties.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Progress:
    """How many people reached an indicator against how many there are.

    The rate is rounded *down* to one decimal, so "80,0 %" is only ever shown
    once the target is really met (and the gap in people is then zero)."""

    achieved: int
    denominator: int | None
    target_percent: int | None = None

    @property
    def known(self) -> bool:
        return bool(self.denominator)

    @property
    def rate(self) -> Fraction | None:
        if not self.known:
            return None
        return Fraction(self.achieved * 100, self.denominator)

    @property
    def rate_percent(self) -> Decimal | None:
        rate = self.rate
        if rate is None:
            return None
        return (Decimal(rate.numerator) / Decimal(rate.denominator)).quantize(
            ONE_DECIMAL, rounding=ROUND_DOWN
        )

    @property
    def bar_percent(self) -> Decimal:
        """The rate for a progress bar: never wider than the bar."""
        return min(self.rate_percent or Decimal(0), Decimal(100))

    @property
    def over_denominator(self) -> bool:
        """More people reached than there are: the denominator is out of date or
        people from elsewhere were counted. Shown as is, and flagged."""
        return self.known and self.achieved > self.denominator

    @property
    def needed(self) -> int | None:
        """People to reach for the target: ceil(target × denominator / 100)."""
        if not self.known or self.target_percent is None:
            return None
        return -((-self.target_percent * self.denominator) // 100)

    @property
    def gap_people(self) -> int | None:
        needed = self.needed
        if needed is None:
            return None
        return max(needed - self.achieved, 0)

    @property
    def target_met(self) -> bool | None:
        gap = self.gap_people
        return None if gap is None else gap == 0

    @property
    def towards_target(self) -> Fraction | None:
        """Share of the way to the target (1 = met), what a fair ranking compares:
        a small village at 60 % of 80 % ranks with a large one at the same point."""
        rate = self.rate
        if rate is None or not self.target_percent:
            return None
        return rate / self.target_percent


def roll_up(parts: Iterable[Progress], target_percent: int | None = None) -> Progress:
    """A parent's figures as the sum of its parts. Parts without a denominator
    add their people but no denominator."""
    achieved = 0
    denominator = 0
    for part in parts:
        achieved += part.achieved
        denominator += part.denominator or 0
    return Progress(achieved, denominator or None, target_percent)


def unit_denominator(own: int | None, children: Sequence[int | None]) -> int | None:
    """A unit's own figure when its manager entered one; else the sum of its
    children's figures (None when none of them has one)."""
    if own:
        return own
    known = [value for value in children if value]
    return sum(known) if known else None


def effective_target(chain: Sequence[int | None], default: int | None) -> int | None:
    """The target of the first unit, from the unit itself up to its province
    (`chain` in that order), that set one; else the plan's default."""
    for value in chain:
        if value is not None:
            return value
    return default


@dataclass(frozen=True)
class Entry:
    value: int
    entered_at: datetime


def value_for_period(entries: Iterable[Entry], closed_at: datetime | None) -> int | None:
    """A period's reported value: the latest entry, but once the period is closed
    only entries made before it closed count, so the value never changes again."""
    chosen = None
    for entry in entries:
        if closed_at is not None and entry.entered_at > closed_at:
            continue
        if chosen is None or entry.entered_at >= chosen.entered_at:
            chosen = entry
    return None if chosen is None else chosen.value


# --- Quarters --------------------------------------------------------------------


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> date:
    """The last day of the quarter."""
    if quarter == 4:
        return date(year, 12, 31)
    next_start = quarter_start(year, quarter + 1)
    return date.fromordinal(next_start.toordinal() - 1)


def last_month_start(year: int, quarter: int) -> date:
    """When the draft report is prepared: the first day of the quarter's last month."""
    return date(year, 3 * quarter, 1)


def report_due(year: int, quarter: int) -> date:
    """Reports go upward before the 15th of the quarter's last month."""
    return date(year, 3 * quarter, 15)


def is_future_quarter(year: int, quarter: int, today: date) -> bool:
    return (year, quarter) > quarter_of(today)


def previous_quarters(year: int, quarter: int, count: int) -> list[tuple[int, int]]:
    """`count` quarters ending with the given one, oldest first."""
    index = year * 4 + quarter - 1
    return [((i // 4), i % 4 + 1) for i in range(index - count + 1, index + 1)]


def answers_from_quarters(until: date, today: date) -> bool:
    """Whether a count "up to `until`" can be summed from whole quarters of cells
    read up to `today`: `until` is today, or the last day of an earlier quarter."""
    return until == today or (until < today and until == quarter_end(*quarter_of(until)))


def certified_up_to(by_quarter: dict[tuple[str, date], int], until: date) -> dict[str, int]:
    """Per path, the counts of the quarters that began on or before `until`
    (cells keyed by path and quarter start; see answers_from_quarters)."""
    totals: dict[str, int] = {}
    for (path, start), count in by_quarter.items():
        if start <= until:
            totals[path] = totals.get(path, 0) + count
    return totals


# --- Ranking ---------------------------------------------------------------------


def rank(rows: Iterable[tuple[str, Fraction | None]]) -> list[tuple[int | None, str]]:
    """Standard competition ranking ("1, 2, 2, 4") by progress, best first; rows
    without a figure come last, unranked. Ties keep their given order."""
    rows = list(rows)
    known = [(key, value) for key, value in rows if value is not None]
    unknown = [(key, value) for key, value in rows if value is None]
    known.sort(key=lambda row: row[1], reverse=True)
    ranked: list[tuple[int | None, str]] = []
    previous = None
    position = 0
    for index, (key, value) in enumerate(known, start=1):
        if value != previous:
            position = index
            previous = value
        ranked.append((position, key))
    ranked += [(None, key) for key, _value in unknown]
    return ranked


# --- Counted indicators: teams meeting targets, learning corners active ----------


@dataclass(frozen=True)
class Share:
    """`achieved` of `of` things (teams, places) rather than people."""

    achieved: int
    of: int

    def __add__(self, other: Share) -> Share:
        return Share(self.achieved + other.achieved, self.of + other.of)

    def as_progress(self, target_percent: int | None) -> Progress:
        return Progress(self.achieved, self.of or None, target_percent)


def team_met_targets(targets: Mapping[str, int], done: Mapping[str, int]) -> bool | None:
    """A team met its quarter when every activity it set a target for was done
    at least that often. A team without targets is neither (None)."""
    if not targets:
        return None
    return all(done.get(kind, 0) >= count for kind, count in targets.items())


def teams_meeting_targets(teams: Iterable[tuple[Mapping[str, int], Mapping[str, int]]]) -> Share:
    """Share of the teams with targets for the period that met all of them."""
    met = counted = 0
    for targets, done in teams:
        verdict = team_met_targets(targets, done)
        if verdict is None:
            continue
        counted += 1
        met += verdict
    return Share(met, counted)


def place_key(unit_id: int, kind: str, name: str) -> tuple[int, str, str]:
    """One learning place however its name was typed on each class: same unit,
    same kind, same name up to case, spacing and Unicode form."""
    import unicodedata

    folded = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return unit_id, kind, folded


def learning_corners_active(
    places: Iterable[tuple], held: Iterable[tuple[tuple, date]], start: date, until: date
) -> Share:
    """Places with at least one class session held between `start` and `until`
    (inclusive), of all the places known. `held` pairs a place key with a
    session's day; sessions at places not in `places` are ignored."""
    known = set(places)
    active = {key for key, day in held if key in known and start <= day <= until}
    return Share(len(active), len(known))
