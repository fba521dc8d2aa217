"""The recorded criteria (pure): they read back as written, and say exactly the
thresholds the completion rule applied to the qualifying attempt."""

from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from assessments.certificates.criteria import (
    PLATFORM_DEFAULT,
    QUIZ_OVERRIDE,
    IssuingCriteria,
    criteria_for,
)
from assessments.certificates.eligibility import AttemptOutcome, decide_eligibility

AREAS = ("ND.1", "ND.2", "ND.3")
percents = st.decimals(min_value=0, max_value=100, places=2)
optional = st.none() | percents


@st.composite
def outcomes(draw):
    return AttemptOutcome(
        attempt_id=draw(st.integers(min_value=1, max_value=10**6)),
        audience="resident",
        learner_audience="resident",
        framework_code="757-v1.0",
        counts_for_certificate=True,
        submitted_at=datetime(2026, 1, 1, tzinfo=UTC),
        percent=draw(percents),
        area_percents={area: draw(percents) for area in AREAS},
        passed=True,
        pass_mark_percent=draw(optional),
        area_minimum_percent=draw(optional),
    )


@given(outcome=outcomes(), pass_mark=percents, area_minimum=optional)
def test_criteria_state_the_thresholds_the_rule_applied(outcome, pass_mark, area_minimum):
    decision = decide_eligibility(
        [outcome],
        audience="resident",
        framework_code="757-v1.0",
        pass_mark_percent=pass_mark,
        area_minimum_percent=area_minimum,
    )
    criteria = criteria_for(
        outcome,
        framework_version="1.0",
        pass_mark_percent=pass_mark,
        area_minimum_percent=area_minimum,
        quiz_id=3,
        quiz_slug="hoan-thanh",
        quiz_title="Kiểm tra hoàn thành",
    )
    assert IssuingCriteria.from_json(criteria.to_json()) == criteria
    overridden = outcome.pass_mark_percent is not None or outcome.area_minimum_percent is not None
    assert criteria.thresholds_source == (QUIZ_OVERRIDE if overridden else PLATFORM_DEFAULT)
    if decision.eligible:
        # An attempt that qualified meets every recorded threshold, exactly.
        assert outcome.percent >= Decimal(criteria.pass_mark_percent)
        for area, minimum in criteria.area_minimums:
            assert dict(outcome.area_percents)[area] >= Decimal(minimum)
    else:  # and one that did not falls short of one of them
        short_overall = outcome.percent < Decimal(criteria.pass_mark_percent)
        short_area = any(
            dict(outcome.area_percents)[area] < Decimal(minimum)
            for area, minimum in criteria.area_minimums
        )
        assert short_overall or short_area


def test_old_certificates_have_no_criteria():
    assert IssuingCriteria.from_json({}) is None
