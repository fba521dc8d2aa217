"""The stored attempt result as one frozen, versioned type (issue 11 §3)."""

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import Reason, pass_decision, score_attempt
from assessments.scoring.results import RESULT_VERSION, AttemptResult, Figures
from assessments.scoring.spec import Choice, QuestionSpec

codes = st.text(alphabet="ND.0123456789", min_size=0, max_size=8)
numbers = st.floats(min_value=0, max_value=1000, allow_nan=False).map(lambda x: round(x, 2))
figures = st.builds(Figures, points=numbers, max_points=numbers, percent=st.none() | numbers)
reasons = st.builds(
    Reason,
    code=st.sampled_from(["below_pass_mark", "area_below_minimum", "pending_manual_grading"]),
    params=st.dictionaries(
        st.sampled_from(["area", "percent", "required", "count"]),
        st.integers(0, 100) | numbers | codes,
        max_size=3,
    ),
)
results = st.builds(
    AttemptResult,
    total_points=numbers,
    max_points=numbers,
    percent=st.none() | numbers,
    passed=st.booleans(),
    per_area=st.dictionaries(codes, figures, max_size=6),
    per_competency=st.dictionaries(codes, figures, max_size=10),
    failed_areas=st.lists(codes, max_size=4).map(tuple),
    reasons=st.lists(reasons, max_size=4).map(tuple),
    pending_manual=st.lists(st.integers(1, 10**6).map(str), max_size=3).map(tuple),
    per_slot=st.dictionaries(
        st.integers(1, 10**6).map(str), st.none() | st.floats(0, 1, allow_nan=False), max_size=8
    ),
)


@given(results)
def test_json_round_trip(result):
    stored = json.loads(json.dumps(result.to_json()))  # what the JSON column gives back
    assert AttemptResult.from_json(stored) == result
    assert stored["version"] == RESULT_VERSION


@given(results)
def test_rows_without_a_version_read_as_version_one(result):
    stored = result.to_json()
    del stored["version"]
    old = AttemptResult.from_json(stored)
    assert old.version == 1
    assert dataclasses.replace(old, version=RESULT_VERSION) == result


def test_frozen():
    result = AttemptResult.from_json({"per_area": {"ND.1": {"points": 1, "max_points": 2}}})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.percent = 100
    with pytest.raises(TypeError):
        result.per_area["ND.2"] = Figures(0, 0, None)


def test_empty_or_foreign_json_reads_as_an_empty_result():
    for stored in ({}, None, [], {"per_area": "x", "reasons": [1]}):
        result = AttemptResult.from_json(stored)
        assert result.per_area == {} and result.reasons == () and not result.passed


def test_from_a_score():
    spec = QuestionSpec(
        id="q",
        qtype="single",
        competency_codes=("ND.1.1",),
        choices=(Choice("a", "A", 1.0), Choice("b", "B", 0.0)),
    )
    score = score_attempt([("1", spec, "b")], {"ND.1.1": "ND.1"})
    result = AttemptResult.from_score(score, pass_decision(score, 70, 50))
    assert result.per_area["ND.1"] == Figures(0, 1, 0)
    assert result.failed_areas == ("ND.1",) and not result.passed
    assert [r.code for r in result.reasons] == ["below_pass_mark", "area_below_minimum"]
    assert result.weakest_competencies() == ["ND.1.1"]
