"""Grading one response to one question version.

Every grader returns a fraction of the question's points in [0, 1]; only an essay
awaiting a teacher returns None. Responses come from browsers, so a missing,
blank or malformed response (wrong shape, unknown ids) scores 0.0 instead of
raising.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Mapping
from typing import Any

from lms.text import squash_whitespace

from .numbers import parse_number
from .spec import FALSE_ID, TRUE_ID, Choice, QuestionSpec
from .textmatch import compile_pattern, fold, matches_pattern

# Tolerance comparisons get a little slack so that 3.141 counts as within
# 3.1415 ± 0.0005 despite binary floating point.
_RELATIVE_SLACK = 1e-9


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _choice_fraction(choices: tuple[Choice, ...], choice_id: Any) -> float:
    for choice in choices:
        if choice.id == choice_id:
            return _clamp(choice.fraction)
    return 0.0


def grade_single(question: QuestionSpec, response: Any) -> float:
    """The picked choice's fraction; negative fractions count as 0."""
    if not isinstance(response, str):
        return 0.0
    return _choice_fraction(question.choices, response)


def grade_truefalse(question: QuestionSpec, response: Any) -> float:
    """Like ``grade_single`` with choice ids "true"/"false"; a bool is accepted too."""
    if isinstance(response, bool):
        response = TRUE_ID if response else FALSE_ID
    if not isinstance(response, str):
        return 0.0
    return _choice_fraction(question.choices, response.strip().lower())


def _picked_ids(response: Any) -> frozenset[str] | None:
    if isinstance(response, str):
        response = (response,)
    if not isinstance(response, frozenset | set | list | tuple):
        return None
    if not all(isinstance(item, str) for item in response):
        return None
    return frozenset(response)


def grade_multiple(question: QuestionSpec, response: Any) -> float:
    """Multiple response: picked positive fractions add up, wrong picks subtract.

    A wrong pick costs its own negative fraction, or ``wrong_penalty`` when its
    fraction is 0. Positive fractions are scaled by their total, so picking
    exactly the key scores 1.0 even when weights such as 33.333% do not add up
    to exactly 100%. The result is clamped to [0, 1].
    """
    picked = _picked_ids(response)
    if not picked:
        return 0.0
    known = {choice.id for choice in question.choices}
    if not picked <= known:
        return 0.0
    positive_total = math.fsum(c.fraction for c in question.choices if c.fraction > 0)
    if positive_total <= 0:
        return 0.0
    # Walk the question's choices, not the set: the order of a float sum must not
    # depend on string hashing.
    earned = math.fsum(c.fraction for c in question.choices if c.id in picked and c.fraction > 0)
    lost = math.fsum(
        -c.fraction if c.fraction < 0 else question.wrong_penalty
        for c in question.choices
        if c.id in picked and c.fraction <= 0
    )
    return _clamp(earned / positive_total - lost)


def _longest_increasing_run(positions: list[int]) -> int:
    tails: list[int] = []
    for position in positions:
        index = bisect_left(tails, position)
        if index == len(tails):
            tails.append(position)
        else:
            tails[index] = position
    return len(tails)


def grade_ordering(question: QuestionSpec, response: Any) -> float:
    """Partial credit for items in the right relative order.

    With n items, the fraction is (L - 1) / (n - 1), where L is the length of the
    longest subsequence of the response that appears in the correct order (its
    longest increasing subsequence of correct positions). The correct order scores
    1.0 and the exact reverse 0.0; a single item scores 1.0 when given. The
    response must be a permutation of the item ids, anything else scores 0.0.
    """
    if not isinstance(response, list | tuple):
        return 0.0
    correct_position = {item.id: index for index, item in enumerate(question.items)}
    if len(response) != len(correct_position):
        return 0.0
    try:
        positions = [correct_position[item_id] for item_id in response]
    except (KeyError, TypeError):  # unknown or unhashable id
        return 0.0
    if len(set(positions)) != len(positions):
        return 0.0
    if len(positions) == 1:
        return 1.0
    return (_longest_increasing_run(positions) - 1) / (len(positions) - 1)


def _comparable_right(text: str) -> str:
    return squash_whitespace(unicodedata.normalize("NFC", text))


def grade_matching(question: QuestionSpec, response: Any) -> float:
    """The share of left-hand prompts matched to their right-hand text.

    Right texts compare after NFC normalisation and whitespace collapsing, case
    sensitively. An unanswered prompt (missing or None) is simply wrong; unknown
    prompt ids or non-text answers make the response malformed (0.0).
    """
    if not isinstance(response, Mapping):
        return 0.0
    left_ids = {pair.left_id for pair in question.pairs}
    for left_id, answer in response.items():
        if left_id not in left_ids or not (answer is None or isinstance(answer, str)):
            return 0.0
    matched = 0
    for pair in question.pairs:
        answer = response.get(pair.left_id)
        if answer is not None and _comparable_right(answer) == _comparable_right(pair.right_text):
            matched += 1
    return matched / len(question.pairs)


def grade_shortanswer(question: QuestionSpec, response: Any) -> float:
    """The best fraction among accepted answers that the response matches.

    Comparison collapses whitespace, ignores case unless ``case_sensitive`` and
    ignores Vietnamese tone and vowel marks (and đ/Đ) when ``ignore_diacritics``.
    ``*`` in an accepted answer matches any text. A blank response scores 0.0.
    """
    if not isinstance(response, str):
        return 0.0
    case_sensitive, ignore_diacritics = question.case_sensitive, question.ignore_diacritics
    folded = fold(response, case_sensitive=case_sensitive, ignore_diacritics=ignore_diacritics)
    folded = folded.strip()
    if not folded:
        return 0.0
    best = 0.0
    for answer in question.accepted_answers:
        if answer.fraction <= best:
            continue
        segments = compile_pattern(answer.text, case_sensitive, ignore_diacritics)
        if matches_pattern(folded, segments):
            best = answer.fraction
    return best


def _within(value: float, target: float, tolerance: float) -> bool:
    slack = _RELATIVE_SLACK * max(1.0, abs(target))
    return abs(value - target) <= tolerance + slack


def grade_numerical(question: QuestionSpec, response: Any) -> float:
    """The best fraction among answers (value ± tolerance, or any number when the
    value is None) and ranges (inclusive) that contain the response.

    Strings may use a decimal comma ("3,5"); see ``numbers.parse_number``.
    """
    value = parse_number(response)
    if value is None:
        return 0.0
    best = 0.0
    for answer in question.numeric_answers:
        if answer.value is None or _within(value, answer.value, answer.tolerance):
            best = max(best, answer.fraction)
    for numeric_range in question.numeric_ranges:
        low, high = numeric_range.minimum, numeric_range.maximum
        slack = _RELATIVE_SLACK * max(1.0, abs(low), abs(high))
        if low - slack <= value <= high + slack:
            best = max(best, numeric_range.fraction)
    return best


def grade_essay(question: QuestionSpec, response: Any) -> float | None:
    """None (a teacher must grade it) for a written answer; 0.0 for a blank one."""
    if isinstance(response, str) and response.strip():
        return None
    return 0.0


def grade_description(question: QuestionSpec, response: Any) -> float:
    """Descriptions are never scored; attempts leave them out of every total."""
    return 0.0


GRADERS: dict[str, Callable[[QuestionSpec, Any], float | None]] = {
    "single": grade_single,
    "multiple": grade_multiple,
    "truefalse": grade_truefalse,
    "ordering": grade_ordering,
    "matching": grade_matching,
    "shortanswer": grade_shortanswer,
    "numerical": grade_numerical,
    "essay": grade_essay,
    "description": grade_description,
}


def grade_response(question: QuestionSpec, response: Any) -> float | None:
    """The fraction in [0, 1] that ``response`` earns on ``question``.

    None only for a written essay awaiting a teacher's grade. Never raises on a
    malformed response.
    """
    try:
        return GRADERS[question.qtype](question, response)
    except (TypeError, ValueError, AttributeError, RecursionError):
        # Last line of defence against shapes the graders did not foresee (for
        # example a custom object whose __eq__ raises): grade it as wrong.
        return 0.0
