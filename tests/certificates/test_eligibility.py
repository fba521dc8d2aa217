"""The completion rule: examples, then properties over generated attempts."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.certificates.eligibility import (
    AttemptOutcome,
    Eligibility,
    RuleResult,
    decide_eligibility,
)
from assessments.scoring import Reason

AUDIENCE = "resident"
FRAMEWORK = "757-v1.0"
AREAS = ("ND.1", "ND.2", "ND.3")
START = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
# As FrameworkVersion stores them; the tests never rely on particular values.
DEFAULTS = {"pass_mark_percent": Decimal("70.00"), "area_minimum_percent": Decimal("50.00")}


def outcome(
    attempt_id=1,
    percent=80,
    areas=None,
    passed=True,
    minutes=0,
    audience=AUDIENCE,
    framework=FRAMEWORK,
    counts=True,
    **overrides,
):
    overrides.setdefault("learner_audience", audience)
    return AttemptOutcome(
        attempt_id=attempt_id,
        audience=audience,
        framework_code=framework,
        counts_for_certificate=counts,
        submitted_at=START + timedelta(minutes=minutes),
        percent=percent,
        area_percents=areas if areas is not None else dict.fromkeys(AREAS, 80),
        passed=passed,
        **overrides,
    )


def decide(attempts, **kwargs):
    arguments = {"audience": AUDIENCE, "framework_code": FRAMEWORK, **DEFAULTS, **kwargs}
    return decide_eligibility(attempts, **arguments)


def codes_of(result: Eligibility):
    return [reason.code for reason in result.reasons]


def test_a_passing_counted_attempt_earns_the_certificate():
    assert decide([outcome(attempt_id=7)]) == Eligibility(True, 7, ())


def test_no_attempts_says_so():
    result = decide([])
    assert not result.eligible
    assert result.reasons == (
        Reason("no_counted_attempt", {"audience": AUDIENCE, "framework": FRAMEWORK}),
    )


@pytest.mark.parametrize(
    "attempt",
    [
        outcome(counts=False),
        outcome(audience="student"),
        outcome(framework="757-v2.0"),
    ],
    ids=["practice attempt", "other audience", "other framework version"],
)
def test_attempts_that_do_not_count_here_are_ignored(attempt):
    assert codes_of(decide([attempt])) == ["no_counted_attempt"]


def test_exactly_the_pass_mark_passes_and_just_below_fails():
    assert decide([outcome(percent=70.0)]).eligible
    assert decide([outcome(percent=Decimal("70.00"))]).eligible
    result = decide([outcome(percent=69.99)])
    assert result.reasons == (
        Reason("below_pass_mark", {"attempt": 1, "percent": 69.99, "required": 70.0}),
    )


def test_one_area_below_its_minimum_blocks_a_high_total():
    areas = {"ND.1": 100, "ND.2": 100, "ND.3": 49.5}
    result = decide([outcome(percent=95, areas=areas)])
    assert not result.eligible
    assert result.reasons == (
        Reason(
            "area_below_minimum", {"attempt": 1, "area": "ND.3", "percent": 49.5, "required": 50.0}
        ),
    )


def test_thresholds_come_from_the_caller_not_from_the_code():
    attempt = outcome(percent=60, areas={"ND.1": 40})
    assert not decide([attempt]).eligible
    assert decide([attempt], pass_mark_percent=60, area_minimum_percent=40).eligible
    assert decide([attempt], pass_mark_percent=60, area_minimum_percent=None).eligible


def test_the_quiz_overrides_win_over_the_framework_defaults():
    lenient = outcome(percent=60, areas={"ND.1": 45}, pass_mark_percent=60, area_minimum_percent=45)
    assert decide([lenient]).eligible
    strict = outcome(percent=85, area_minimums={"ND.1": 90})
    assert codes_of(decide([strict])) == ["area_below_minimum"]


def test_areas_without_points_and_unassigned_questions_have_no_minimum():
    attempt = outcome(areas={"ND.1": 90, "ND.2": None, "": 0})
    assert decide([attempt]).eligible


def test_required_areas_must_have_been_assessed():
    attempt = outcome(areas={"ND.1": 90, "ND.2": None})
    result = decide([attempt], required_areas=AREAS)
    assert codes_of(result) == ["area_not_assessed", "area_not_assessed"]
    assert [r.params["area"] for r in result.reasons] == ["ND.2", "ND.3"]


def test_the_scoring_engines_verdict_is_required_too():
    # e.g. an essay still waiting for a grader: the percentages look fine.
    assert codes_of(decide([outcome(passed=False)])) == ["not_passed"]
    assert codes_of(decide([outcome(percent=None, passed=False)])) == [
        "not_passed",
        "nothing_to_grade",
    ]


def test_extra_rules_can_block_and_report_their_own_reason():
    missing = Reason("course_not_completed", {"course": "ky-nang-so-co-ban"})
    blocked = RuleResult("course_completed", unmet=missing)

    result = decide([outcome()], rule_results=[blocked])
    assert result == Eligibility(False, None, (missing,))
    assert decide([outcome()], rule_results=[RuleResult("course_completed")]).eligible


def test_extra_rules_may_refuse_some_attempts_and_pick_a_later_one():
    too_early = RuleResult(
        "after_the_course", unmet_for=((1, Reason("attempt_before_course_end")),)
    )
    attempts = [outcome(attempt_id=1, minutes=0), outcome(attempt_id=2, minutes=45)]
    assert decide(attempts, rule_results=[too_early]).qualifying_attempt_id == 2
    only_first = [outcome(attempt_id=1, minutes=0)]
    assert codes_of(decide(only_first, rule_results=[too_early])) == ["attempt_before_course_end"]


@given(
    met=st.lists(st.booleans(), max_size=4),
    percent=st.integers(min_value=0, max_value=100),
)
def test_rules_only_ever_narrow_the_score_rule(met, percent):
    """Adding rule results never makes a learner eligible who was not, and a learner
    passing the score rule is eligible exactly when every rule is met."""
    results = [
        RuleResult(f"rule{i}", unmet=None if ok else Reason(f"rule{i}_unmet"))
        for i, ok in enumerate(met)
    ]
    attempts = [outcome(percent=percent, passed=percent >= 70)]
    without = decide(attempts)
    with_rules = decide(attempts, rule_results=results)
    assert with_rules.eligible == (without.eligible and all(met))


def test_reasons_come_from_the_closest_attempt():
    attempts = [
        outcome(attempt_id=1, percent=40, areas={"ND.1": 10}, passed=False, minutes=0),
        outcome(attempt_id=2, percent=65, passed=False, minutes=5),
    ]
    result = decide(attempts)
    assert {reason.params["attempt"] for reason in result.reasons} == {2}


def test_invalid_thresholds_are_refused():
    with pytest.raises(ValueError):
        decide([outcome()], pass_mark_percent=120)
    with pytest.raises(ValueError):
        decide([outcome()], pass_mark_percent=float("nan"))
    with pytest.raises(ValueError):
        decide([outcome()], area_minimum_percent=True)


def test_outcomes_are_hashable_values():
    assert hash(outcome(areas={"ND.2": 70, "ND.1": 60})) == hash(
        outcome(areas=(("ND.1", 60), ("ND.2", 70)))
    )


# --- properties --------------------------------------------------------------

percents = st.one_of(
    st.none(),
    st.integers(0, 100),
    st.decimals(0, 100, places=2),
    st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)),
)
area_maps = st.dictionaries(st.sampled_from(AREAS), percents, max_size=len(AREAS))


@st.composite
def attempts(draw, passing=None):
    attempt_id = draw(st.integers(1, 10_000))
    percent = draw(percents)
    passed = draw(st.booleans())
    areas = draw(area_maps)
    if passing:
        percent = draw(st.integers(70, 100))
        areas = draw(st.dictionaries(st.sampled_from(AREAS), st.integers(50, 100)))
        passed = True
    audience = draw(st.sampled_from([AUDIENCE, AUDIENCE, "student"]))
    return AttemptOutcome(
        attempt_id=attempt_id,
        audience=audience,
        learner_audience=audience,
        framework_code=draw(st.sampled_from([FRAMEWORK, FRAMEWORK, "757-v2.0"])),
        counts_for_certificate=draw(st.booleans()) if not passing else True,
        submitted_at=START + timedelta(minutes=draw(st.integers(0, 10_000))),
        percent=percent,
        area_percents=areas,
        passed=passed,
    )


def unique_ids(items):
    return list({attempt.attempt_id: attempt for attempt in items}.values())


attempt_lists = st.lists(attempts(), max_size=8).map(unique_ids)


@given(attempt_lists, attempts(passing=True))
def test_adding_a_passing_attempt_never_revokes_eligibility(existing, extra):
    before = decide(existing)
    extra = AttemptOutcome(
        **{
            **{f: getattr(extra, f) for f in extra.__dataclass_fields__},
            "attempt_id": 10_001,
            "audience": AUDIENCE,
            "learner_audience": AUDIENCE,
            "framework_code": FRAMEWORK,
        }
    )
    after = decide([*existing, extra])
    assert after.eligible
    if before.eligible:
        # and the certificate's attempt only moves to an earlier one
        chosen = next(a for a in existing if a.attempt_id == before.qualifying_attempt_id)
        if after.qualifying_attempt_id != before.qualifying_attempt_id:
            assert after.qualifying_attempt_id == extra.attempt_id
            assert extra.sort_key < chosen.sort_key


@given(attempt_lists, st.sampled_from(AREAS), st.decimals(0, 100, places=2))
def test_failing_any_areas_minimum_never_issues(existing, area, minimum):
    # Every attempt is below `minimum` in `area`: none may qualify.
    failing = [
        AttemptOutcome(
            **{
                **{f: getattr(a, f) for f in a.__dataclass_fields__},
                "area_percents": {**dict(a.area_percents), area: minimum - Decimal("0.01")},
            }
        )
        for a in existing
    ]
    assert not decide(failing, area_minimum_percent=minimum).eligible


@given(attempt_lists, st.randoms(use_true_random=False))
def test_order_of_attempts_does_not_matter(existing, rng):
    shuffled = list(existing)
    rng.shuffle(shuffled)
    assert decide(shuffled) == decide(existing)


@given(attempt_lists)
def test_the_qualifying_attempt_is_the_earliest_passing_one(existing):
    result = decide(existing)
    if result.eligible:
        chosen = next(a for a in existing if a.attempt_id == result.qualifying_attempt_id)
        for other in existing:
            if other.sort_key < chosen.sort_key:
                assert not decide([other]).eligible
    else:
        assert result.qualifying_attempt_id is None
        assert result.reasons


@given(attempts(passing=True), st.sampled_from(["student", "official", "worker", ""]))
def test_an_attempt_taken_as_another_audience_never_qualifies(attempt, learner_audience):
    """A quiz opened to other audiences for practice issues them no certificate
    of its own audience."""
    practice = AttemptOutcome(
        **{
            **{f: getattr(attempt, f) for f in attempt.__dataclass_fields__},
            "audience": AUDIENCE,
            "framework_code": FRAMEWORK,
            "learner_audience": learner_audience,
        }
    )
    assert not decide([practice]).eligible
