"""The response that earns a question's best grade ("show the right answer")."""

from __future__ import annotations

from typing import Any

from .spec import QuestionSpec

# Stands in for a "*" wildcard when an accepted answer must be spelled out; a digit,
# because no combining mark composes with it under NFC.
_WILDCARD_FILLER = "0"


def _spell_out(pattern: str) -> str:
    literal_star = "\x00"
    text = pattern.replace("\\*", literal_star).replace("*", _WILDCARD_FILLER)
    return text.replace(literal_star, "*")


def correct_response(question: QuestionSpec) -> Any:
    """A response that gets the highest grade the question allows.

    None for essays and descriptions, which have no key.
    """
    qtype = question.qtype
    if qtype in ("single", "truefalse"):
        return max(question.choices, key=lambda choice: choice.fraction).id
    if qtype == "multiple":
        return frozenset(choice.id for choice in question.choices if choice.fraction > 0)
    if qtype == "ordering":
        return tuple(item.id for item in question.items)
    if qtype == "matching":
        return {pair.left_id: pair.right_text for pair in question.pairs}
    if qtype == "shortanswer":
        best = max(question.accepted_answers, key=lambda answer: answer.fraction)
        return _spell_out(best.text)
    if qtype == "numerical":
        return _best_number(question)
    return None


def _best_number(question: QuestionSpec) -> float:
    candidates: list[tuple[float, float]] = []
    for answer in question.numeric_answers:
        value = 0.0 if answer.value is None else answer.value
        candidates.append((answer.fraction, value))
    for numeric_range in question.numeric_ranges:
        middle = numeric_range.minimum / 2 + numeric_range.maximum / 2
        candidates.append((numeric_range.fraction, middle))
    # max() keeps the first of equal fractions, so the question's order decides ties.
    return max(candidates, key=lambda candidate: candidate[0])[1]
