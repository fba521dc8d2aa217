"""The maths of the counted indicators (teams meeting their targets, learning
corners active) under hypothesis: shares never exceed their whole, a roll-up
is the sum of its parts, doing more never un-meets a target, and only
sessions inside the period make a corner active."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from movement import indicators
from movement.indicators import Share

KINDS = ["guidance_visit", "class_held", "help_desk_day"]
counts = st.dictionaries(st.sampled_from(KINDS), st.integers(min_value=0, max_value=30))
team_targets = st.dictionaries(st.sampled_from(KINDS), st.integers(min_value=1, max_value=30))
teams = st.lists(st.tuples(team_targets, counts), max_size=30)


@given(teams)
def test_a_share_of_teams_never_exceeds_the_teams_with_targets(some):
    share = indicators.teams_meeting_targets(some)
    assert 0 <= share.achieved <= share.of
    assert share.of == sum(1 for targets, _done in some if targets)
    progress = share.as_progress(100)
    assert not progress.over_denominator
    assert (progress.rate_percent or 0) <= 100


@given(teams, teams)
def test_teams_roll_up_as_the_sum_of_their_parts(village_1, village_2):
    whole = indicators.teams_meeting_targets(village_1 + village_2)
    parts = indicators.teams_meeting_targets(village_1) + indicators.teams_meeting_targets(
        village_2
    )
    assert whole == parts
    rolled = indicators.roll_up(
        [
            indicators.teams_meeting_targets(village_1).as_progress(100),
            indicators.teams_meeting_targets(village_2).as_progress(100),
        ]
    )
    assert (rolled.achieved, rolled.denominator or 0) == (whole.achieved, whole.of)


@given(
    st.dictionaries(st.sampled_from(KINDS), st.integers(min_value=1, max_value=30), min_size=1),
    counts,
    st.sampled_from(KINDS),
    st.integers(min_value=1, max_value=10),
)
def test_doing_more_never_unmeets_a_target(targets, done, kind, more):
    before = indicators.team_met_targets(targets, done)
    after = indicators.team_met_targets(targets, {**done, kind: done.get(kind, 0) + more})
    assert before is not None
    assert after >= before


@given(counts)
def test_a_team_without_targets_is_neither_met_nor_missed(done):
    assert indicators.team_met_targets({}, done) is None
    assert indicators.teams_meeting_targets([({}, done)]) == Share(0, 0)


names = st.sampled_from(["Nhà văn hóa thôn 1", "nhà văn hóa  THÔN 1", "Bưu điện văn hóa xã"])
place_keys = st.builds(
    indicators.place_key, st.integers(min_value=1, max_value=3), st.just("cultural_house"), names
)
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31))


@given(st.lists(place_keys, max_size=10), st.lists(st.tuples(place_keys, days), max_size=30))
def test_active_corners_are_known_places_with_a_session_in_the_period(places, held):
    start, until = date(2025, 4, 1), date(2025, 6, 30)
    share = indicators.learning_corners_active(places, held, start, until)
    assert share.of == len(set(places))
    assert 0 <= share.achieved <= share.of
    inside = {key for key, day in held if start <= day <= until and key in set(places)}
    assert share.achieved == len(inside)
    # Sessions moved outside the period make nothing active.
    outside = [(key, start - timedelta(days=1)) for key, _day in held]
    assert indicators.learning_corners_active(places, outside, start, until).achieved == 0


@given(st.lists(place_keys, max_size=10), st.lists(st.tuples(place_keys, days), max_size=30))
def test_corners_roll_up_by_unit_as_the_sum_of_their_parts(places, held):
    start, until = date(2025, 1, 1), date(2025, 12, 31)
    whole = indicators.learning_corners_active(places, held, start, until)
    parts = Share(0, 0)
    for unit_id in {key[0] for key in places}:
        parts = parts + indicators.learning_corners_active(
            [key for key in places if key[0] == unit_id], held, start, until
        )
    assert whole == parts


@given(st.text(max_size=40))
def test_a_place_is_the_same_however_its_name_is_spaced_or_cased(name):
    key = indicators.place_key(1, "cultural_house", name)
    assert indicators.place_key(1, "cultural_house", f"  {name.upper()}  ") == key or (
        name.upper().casefold() != name.casefold()
    )
    assert indicators.place_key(1, "cultural_house", key[2]) == key
