"""Property tests for the new pure rules: option orders, response cleaning, item statistics."""

import random

from hypothesis import given
from hypothesis import strategies as st

from assessments.responses import ResponseError, clean_response, display_options, option_order
from assessments.scoring import correct_response, grade_response
from assessments.scoring.spec import Choice, OrderItem, QuestionSpec
from assessments.stats import discrimination, facility, pearson

ids = st.lists(st.text("abcdef0123", min_size=1, max_size=6), min_size=2, max_size=8, unique=True)


@given(ids, st.integers(0, 10**6))
def test_ordering_is_never_shown_in_its_key_order(item_ids, seed):
    spec = QuestionSpec(id="", qtype="ordering", items=tuple(OrderItem(i, i) for i in item_ids))
    order = option_order(spec, True, random.Random(seed))
    assert sorted(order) == sorted(item_ids)
    assert order != list(item_ids)


@given(ids, st.integers(0, 10**6), st.booleans())
def test_shuffled_options_keep_every_choice_and_the_grade(choice_ids, seed, shuffle):
    choices = tuple(
        Choice(c, f"text {c}", 1.0 if n == 0 else 0.0) for n, c in enumerate(choice_ids)
    )
    spec = QuestionSpec(id="", qtype="single", choices=choices)
    order = option_order(spec, shuffle, random.Random(seed))
    shown = display_options(spec, order)
    assert sorted(o["value"] for o in shown) == sorted(choice_ids)
    assert all(set(o) == {"value", "text"} for o in shown)  # never a fraction or feedback
    key = correct_response(spec)
    assert grade_response(spec, clean_response(spec, order, key)) == 1.0


@given(ids, st.lists(st.text(max_size=5), max_size=4))
def test_clean_response_refuses_unknown_choices(choice_ids, picks):
    spec = QuestionSpec(
        id="",
        qtype="multiple",
        choices=tuple(Choice(c, c, 1.0 if n == 0 else 0.0) for n, c in enumerate(choice_ids)),
    )
    try:
        cleaned = clean_response(spec, choice_ids, picks)
    except ResponseError:
        assert any(p not in choice_ids for p in picks)
    else:
        assert cleaned is None or set(cleaned) <= set(choice_ids)


fractions = st.lists(st.floats(0, 1), min_size=0, max_size=30)


@given(fractions)
def test_facility_is_a_share(values):
    result = facility(values)
    assert result is None if not values else 0 <= result <= 1 + 1e-12


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 100)), min_size=0, max_size=30))
def test_correlations_are_bounded(pairs):
    xs = [p[0] for p in pairs]
    ys = [p[1] for p in pairs]
    value = pearson(xs, ys)
    assert value is None or -1 <= value <= 1
    d = discrimination(xs, [y + x for x, y in pairs], xs)
    assert d is None or -1 <= d <= 1
