"""score_attempt adds points as ints over a common denominator (issue 14: a
class's Submits spent a fifth of their scoring in Fraction additions). Property:
its result equals, field by field, the Fraction arithmetic it replaced, kept
here as the reference."""

from collections.abc import Iterable, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from assessments.scoring import UNASSIGNED, QuestionSpec, grade_response, score_attempt
from assessments.scoring.attempts import AttemptScore, Subscore

from .test_scoring_properties import AREAS, any_questions, attempts, codes, responses_for


def fraction_score(
    slots: Iterable[tuple[str, QuestionSpec, Any]],
    competency_area_of: Mapping[str, str],
    manual_fractions: Mapping[str, float] | None = None,
) -> AttemptScore:
    """The arithmetic before ints: every amount a Fraction, added as it comes."""
    manual = dict(manual_fractions or {})
    earned_total, available_total = Fraction(0), Fraction(0)
    by_competency: dict[str, list[Fraction]] = {}
    by_area: dict[str, list[Fraction]] = {}
    per_slot, pending = {}, []
    for slot_id, question, response in slots:
        if question.qtype == "description":
            continue
        fraction = (
            float(manual[slot_id]) if slot_id in manual else grade_response(question, response)
        )
        per_slot[slot_id] = fraction
        available = Fraction(question.points)
        if fraction is None:
            pending.append(slot_id)
            earned = Fraction(0)
        else:
            earned = Fraction(question.points) * Fraction(fraction)
        earned_total += earned
        available_total += available
        shares = tuple(dict.fromkeys(question.competency_codes)) or (UNASSIGNED,)
        for code in shares:
            area = competency_area_of.get(code, UNASSIGNED) if code else UNASSIGNED
            for buckets, key in ((by_competency, code), (by_area, area)):
                bucket = buckets.setdefault(key, [Fraction(0), Fraction(0)])
                bucket[0] += earned / len(shares)
                bucket[1] += available / len(shares)
    return AttemptScore(
        total_points=earned_total,
        max_points=available_total,
        per_competency={k: Subscore(*v) for k, v in by_competency.items()},
        per_area={k: Subscore(*v) for k, v in by_area.items()},
        pending_manual=tuple(pending),
        per_slot=per_slot,
    )


def _same(score: AttemptScore, reference: AttemptScore) -> None:
    assert score == reference
    # Dict order is what the stored result and the API show.
    assert list(score.per_competency) == list(reference.per_competency)
    assert list(score.per_area) == list(reference.per_area)
    assert score.to_dict() == reference.to_dict()


@given(attempts())
def test_int_arithmetic_equals_the_fraction_arithmetic(attempt):
    slots, manual = attempt
    _same(score_attempt(slots, AREAS, manual), fraction_score(slots, AREAS, manual))


# Any point value a question may carry and any teacher's grade: exponents of
# two far apart, and up to five competencies to share by (lcm up to 60).
# (Not below 1e-6: a subnormal total reads back as a float 0, which to_dict
# divides by, with either arithmetic.)
any_points = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e6))
any_grade = st.floats(min_value=0, max_value=1, allow_nan=False)
many_codes = st.lists(st.sampled_from([*AREAS, "XX.9", ""]), max_size=5)


@st.composite
def graded_by_hand(draw):
    slots, manual = [], {}
    for index in range(draw(st.integers(0, 12))):
        question = draw(any_questions)
        if question.qtype != "description":
            question = replace(
                question,
                points=draw(any_points),
                competency_codes=tuple(draw(st.one_of(codes, many_codes))),
            )
        slot_id = f"s{index}"
        slots.append((slot_id, question, draw(responses_for(question))))
        if draw(st.booleans()):
            manual[slot_id] = draw(any_grade)
    return slots, manual


@given(graded_by_hand())
def test_int_arithmetic_equals_the_fraction_arithmetic_for_any_points_and_grades(attempt):
    slots, manual = attempt
    _same(score_attempt(slots, AREAS, manual), fraction_score(slots, AREAS, manual))
