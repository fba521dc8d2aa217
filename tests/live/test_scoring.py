"""The bonus maths, as properties (server timestamps in, integers out)."""

from hypothesis import given
from hypothesis import strategies as st

from assessments.live import scoring
from assessments.live.names import clean_display_name, is_offensive, name_key

fractions = st.floats(min_value=0, max_value=1)
elapsed = st.integers(min_value=-10_000, max_value=10**7)
limits = st.integers(min_value=1, max_value=600_000)


@given(fractions, elapsed, limits, st.booleans())
def test_points_are_bounded(fraction, t, limit, speed):
    points = scoring.base_points(fraction, t, limit, speed=speed)
    assert 0 <= points <= scoring.BASE_POINTS
    if speed and fraction > 0:
        # The slowest answer in time keeps half its points.
        assert points >= round(scoring.BASE_POINTS * fraction * 0.5) - 1


@given(fractions, elapsed, elapsed, limits)
def test_faster_never_earns_less(fraction, t1, t2, limit):
    fast, slow = sorted((t1, t2))
    assert scoring.base_points(fraction, fast, limit, speed=True) >= scoring.base_points(
        fraction, slow, limit, speed=True
    )


@given(fractions, fractions, elapsed, limits, st.booleans())
def test_more_credit_never_earns_less(f1, f2, t, limit, speed):
    low, high = sorted((f1, f2))
    assert scoring.base_points(low, t, limit, speed=speed) <= scoring.base_points(
        high, t, limit, speed=speed
    )


@given(fractions, elapsed, limits)
def test_without_speed_time_does_not_matter(fraction, t, limit):
    assert scoring.base_points(fraction, t, limit, speed=False) == round(1000 * fraction)


@given(elapsed, limits, st.booleans())
def test_wrong_answers_earn_nothing(t, limit, speed):
    assert scoring.base_points(0.0, t, limit, speed=speed) == 0
    assert scoring.next_streak(7, 0.0) == 0


@given(st.integers(min_value=0, max_value=1000))
def test_streak_bonus_grows_then_caps(streak):
    bonus = scoring.streak_points(streak, enabled=True)
    assert 0 <= bonus <= scoring.STREAK_STEP * scoring.STREAK_CAP
    assert bonus <= scoring.streak_points(streak + 1, enabled=True)
    assert scoring.streak_points(streak, enabled=False) == 0


@given(st.lists(fractions, max_size=40))
def test_streak_counts_consecutive_full_credit(answers):
    streak = 0
    for fraction in answers:
        streak = scoring.next_streak(streak, fraction)
    run = 0
    for fraction in reversed(answers):
        if not scoring.is_correct(fraction):
            break
        run += 1
    assert streak == run


def test_formula_is_described_for_the_instructor():
    lines = scoring.formula_text(speed=True, streak=True)
    assert len(lines) == 3 and "1000" in lines[0]
    assert len(scoring.formula_text(speed=False, streak=False)) == 2


@given(st.text(max_size=80))
def test_clean_names_are_safe_to_show(raw):
    try:
        name = clean_display_name(raw)
    except ValueError:
        return
    assert name == name.strip() and name
    assert not set(name) & set("<>&\"'`")
    assert name_key(name) == name_key(name.upper()) or name.upper() != name


def test_offensive_filter_respects_marks_and_spacing():
    assert is_offensive("đ.m")  # squashed: "đm"
    assert is_offensive("Thằng Óc Chó")
    assert is_offensive("dit  me 123")
    assert not is_offensive("Bà Lớn")
    assert not is_offensive("Nguyễn Văn Đức")
    assert not is_offensive("Đi học", blocked=["địt"])
    assert is_offensive("x", blocked=["x"])
