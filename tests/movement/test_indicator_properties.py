"""The indicator maths (movement.indicators) under hypothesis."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from movement import indicators
from movement.indicators import Entry, Progress

people = st.integers(min_value=0, max_value=10_000_000)
denominators = st.integers(min_value=1, max_value=10_000_000)
targets = st.integers(min_value=0, max_value=100)


@given(people, denominators, targets)
def test_target_is_met_exactly_when_the_gap_is_zero(achieved, denominator, target):
    progress = Progress(achieved, denominator, target)
    assert progress.gap_people >= 0
    assert (progress.gap_people == 0) == (progress.rate_percent >= target)
    # Closing the gap meets the target, one person fewer does not.
    if progress.gap_people:
        assert Progress(achieved + progress.gap_people, denominator, target).target_met
        assert not Progress(achieved + progress.gap_people - 1, denominator, target).target_met


@given(people, denominators)
def test_rates_exceed_100_only_when_flagged(achieved, denominator):
    progress = Progress(achieved, denominator, 80)
    assert (progress.rate_percent > 100) <= progress.over_denominator
    assert progress.bar_percent <= 100
    if achieved <= denominator:
        assert progress.rate_percent <= 100 and not progress.over_denominator


def test_the_example_of_the_issue():
    progress = Progress(achieved=1688, denominator=2500, target_percent=80)
    assert progress.gap_people == 312
    assert progress.rate_percent == Decimal("67.5")


@given(st.lists(st.tuples(people, st.one_of(st.none(), denominators)), max_size=30), targets)
def test_a_roll_up_is_the_sum_of_its_parts(parts, target):
    progresses = [Progress(a, d) for a, d in parts]
    total = indicators.roll_up(progresses, target)
    assert total.achieved == sum(a for a, _d in parts)
    assert (total.denominator or 0) == sum(d or 0 for _a, d in parts)
    # Rolling up in two halves gives the same as all at once.
    half = len(progresses) // 2
    halves = [indicators.roll_up(progresses[:half]), indicators.roll_up(progresses[half:])]
    again = indicators.roll_up(halves, target)
    assert (again.achieved, again.denominator) == (total.achieved, total.denominator)


@given(st.one_of(st.none(), denominators), st.lists(st.one_of(st.none(), denominators)))
def test_a_unit_without_its_own_figure_sums_its_children(own, children):
    value = indicators.unit_denominator(own, children)
    if own:
        assert value == own
    else:
        assert (value or 0) == sum(c or 0 for c in children)


@given(st.lists(st.one_of(st.none(), targets), max_size=5), targets)
def test_targets_come_from_the_nearest_unit_that_set_one(chain, default):
    value = indicators.effective_target(chain, default)
    explicit = [t for t in chain if t is not None]
    assert value == (explicit[0] if explicit else default)


moments = st.integers(min_value=0, max_value=10_000).map(
    lambda minutes: datetime(2025, 1, 1) + timedelta(minutes=minutes)
)


@given(
    st.lists(st.tuples(people, moments), min_size=1, max_size=20),
    moments,
    st.lists(st.tuples(people, st.integers(min_value=1, max_value=1000)), max_size=10),
)
def test_a_closed_period_never_changes(entries, closed_at, late):
    before = [Entry(v, t) for v, t in entries]
    value = indicators.value_for_period(before, closed_at)
    later = [Entry(v, closed_at + timedelta(minutes=m)) for v, m in late]
    assert indicators.value_for_period(before + later, closed_at) == value


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_quarters(day):
    year, quarter = indicators.quarter_of(day)
    assert indicators.quarter_start(year, quarter) <= day <= indicators.quarter_end(year, quarter)
    assert not indicators.is_future_quarter(year, quarter, day)
    assert indicators.report_due(year, quarter) > indicators.last_month_start(year, quarter)
    assert indicators.previous_quarters(year, quarter, 4)[-1] == (year, quarter)


@given(st.lists(st.tuples(st.text(max_size=3), st.one_of(st.none(), st.fractions(0, 2)))))
def test_ranking_puts_better_progress_first(rows):
    ranked = indicators.rank(rows)
    assert len(ranked) == len(rows)
    positions = [p for p, _k in ranked if p is not None]
    assert positions == sorted(positions)


_cells = st.lists(
    st.tuples(
        st.sampled_from(["T/", "T/A/", "T/B/"]),
        st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 30)),
        st.integers(min_value=1, max_value=50),
    ),
    max_size=40,
)


@given(_cells, st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 30)))
def test_certified_summed_by_quarter_equals_the_daily_cells(cells, today):
    """A dashboard reads the daily roll-up once, summed by quarter; any point it
    shows (a quarter's end before today, or today) equals summing the days."""
    cells = [(path, day, count) for path, day, count in cells if day <= today]
    by_quarter: dict = {}
    for path, day, count in cells:
        key = (path, indicators.quarter_start(*indicators.quarter_of(day)))
        by_quarter[key] = by_quarter.get(key, 0) + count
    year, quarter = indicators.quarter_of(today)
    points = [today] + [
        indicators.quarter_end(y, q) for y, q in indicators.previous_quarters(year, quarter, 4)
    ]
    for until in points:
        if not indicators.answers_from_quarters(until, today):
            continue
        direct: dict = {}
        for path, day, count in cells:
            if day <= until:
                direct[path] = direct.get(path, 0) + count
        assert indicators.certified_up_to(by_quarter, until) == direct
