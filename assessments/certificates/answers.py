"""Answering an attempt with its keys through the real assessments actions:
the demo learner's passing attempt, and tests. Not used by any page."""

from __future__ import annotations

from collections.abc import Callable

from assessments.actions import save_answer
from assessments.scoring import correct_response


def key_value(spec):
    """The JSON value ``save_answer`` accepts that gets full marks; None when
    the question has no key (essays, descriptions)."""
    key = correct_response(spec)
    if key is None:
        return None
    if spec.qtype == "multiple":
        return sorted(key)
    if spec.qtype == "ordering":
        return list(key)
    if spec.qtype == "numerical":
        return f"{key:g}"
    return key


def answer_with_keys(user, attempt, right: Callable[[object], bool] = lambda slot: True) -> int:
    """Answer every slot ``right(slot)`` accepts with its key; leave the others
    unanswered (0 points). Returns how many were answered."""
    answered = 0
    for slot in attempt.slots.select_related("question_version").order_by("position"):
        if not right(slot):
            continue
        value = key_value(slot.question_version.question_spec)
        if value is not None:
            save_answer(user, attempt.pk, slot.position, value)
            answered += 1
    return answered
