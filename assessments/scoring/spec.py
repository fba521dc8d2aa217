"""A question version as frozen data: what an attempt is graded against.

The same classes describe a JSON snapshot stored with an attempt:
``question_from_dict(question.to_dict()) == question`` holds exactly (also after a
``json.dumps``/``json.loads`` trip, because floats are written with ``repr`` precision).

Fields that do not belong to a question's type must keep their defaults, so a
snapshot never carries data that grading would silently ignore.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

QTYPES = (
    "single",
    "multiple",
    "truefalse",
    "ordering",
    "matching",
    "shortanswer",
    "numerical",
    "essay",
    "description",
)
TRUE_ID = "true"
FALSE_ID = "false"

# Which optional QuestionSpec fields each type may set.
TYPE_FIELDS: dict[str, frozenset[str]] = {
    "single": frozenset({"choices"}),
    "multiple": frozenset({"choices", "wrong_penalty"}),
    "truefalse": frozenset({"choices"}),
    "ordering": frozenset({"items"}),
    "matching": frozenset({"pairs", "extra_rights"}),
    "shortanswer": frozenset({"accepted_answers", "case_sensitive", "ignore_diacritics"}),
    "numerical": frozenset({"numeric_answers", "numeric_ranges"}),
    "essay": frozenset(),
    "description": frozenset(),
}


def _set(instance: Any, name: str, value: Any) -> None:
    object.__setattr__(instance, name, value)


def _number(value: Any, where: str, low: float | None = None, high: float | None = None) -> float:
    # bool is an int subclass; True as a fraction is always a bug.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where} must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{where} must be finite, got {value!r}")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{where} must be between {low} and {high}, got {value!r}")
    return number


def _text(value: Any, where: str, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where} must be a string, got {value!r}")
    if required and not value.strip():
        raise ValueError(f"{where} must not be blank")
    return value


def _tuple_of(value: Any, kind: type, where: str) -> tuple:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise ValueError(f"{where} must be a list or tuple, got {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise ValueError(f"{where} must hold {kind.__name__} values, got {item!r}")
    return items


def _unique(ids: list[str], where: str) -> None:
    if len(set(ids)) != len(ids):
        raise ValueError(f"{where} ids must be unique, got {ids!r}")


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a single, multiple or true/false question.

    ``fraction`` is the share of the question's points the choice is worth, in [-1, 1];
    negative values are penalties.
    """

    id: str
    text: str = ""
    fraction: float = 0.0
    feedback: str = ""

    def __post_init__(self) -> None:
        _text(self.id, "choice id", required=True)
        _text(self.text, "choice text")
        _set(self, "fraction", _number(self.fraction, "choice fraction", -1.0, 1.0))
        _text(self.feedback, "choice feedback")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "fraction": self.fraction,
            "feedback": self.feedback,
        }


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One item of an ordering question; a question lists its items in the correct order."""

    id: str
    text: str = ""

    def __post_init__(self) -> None:
        _text(self.id, "item id", required=True)
        _text(self.text, "item text")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text}


@dataclass(frozen=True, slots=True)
class MatchPair:
    """A left-hand prompt and the right-hand text that matches it."""

    left_id: str
    left_text: str
    right_text: str

    def __post_init__(self) -> None:
        _text(self.left_id, "pair left_id", required=True)
        _text(self.left_text, "pair left_text")
        _text(self.right_text, "pair right_text", required=True)

    def to_dict(self) -> dict[str, Any]:
        return {"left_id": self.left_id, "left_text": self.left_text, "right_text": self.right_text}


@dataclass(frozen=True, slots=True)
class AcceptedAnswer:
    """An accepted short answer. ``*`` in ``text`` matches any run of characters
    (``\\*`` is a literal asterisk), as in Moodle."""

    text: str
    fraction: float = 1.0
    feedback: str = ""

    def __post_init__(self) -> None:
        _text(self.text, "accepted answer text", required=True)
        _set(self, "fraction", _number(self.fraction, "accepted answer fraction", 0.0, 1.0))
        _text(self.feedback, "accepted answer feedback")

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "fraction": self.fraction, "feedback": self.feedback}


@dataclass(frozen=True, slots=True)
class NumericAnswer:
    """A numeric answer accepted within ``value ± tolerance``.

    ``value=None`` accepts any number: Moodle's "any other answer", which usually
    carries feedback for wrong answers and fraction 0.
    """

    value: float | None
    tolerance: float = 0.0
    fraction: float = 1.0
    feedback: str = ""

    def __post_init__(self) -> None:
        if self.value is not None:
            _set(self, "value", _number(self.value, "numeric answer value"))
        _set(self, "tolerance", _number(self.tolerance, "numeric answer tolerance", 0.0))
        _set(self, "fraction", _number(self.fraction, "numeric answer fraction", 0.0, 1.0))
        _text(self.feedback, "numeric answer feedback")

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "tolerance": self.tolerance,
            "fraction": self.fraction,
            "feedback": self.feedback,
        }


@dataclass(frozen=True, slots=True)
class NumericRange:
    """A numeric answer accepted anywhere in ``[minimum, maximum]``."""

    minimum: float
    maximum: float
    fraction: float = 1.0
    feedback: str = ""

    def __post_init__(self) -> None:
        _set(self, "minimum", _number(self.minimum, "range minimum"))
        _set(self, "maximum", _number(self.maximum, "range maximum"))
        if self.minimum > self.maximum:
            raise ValueError(f"range minimum {self.minimum} is above maximum {self.maximum}")
        _set(self, "fraction", _number(self.fraction, "range fraction", 0.0, 1.0))
        _text(self.feedback, "range feedback")

    def to_dict(self) -> dict[str, Any]:
        return {
            "minimum": self.minimum,
            "maximum": self.maximum,
            "fraction": self.fraction,
            "feedback": self.feedback,
        }


@dataclass(frozen=True, slots=True)
class QuestionSpec:
    """A frozen question version.

    Responses per type (anything else is malformed and scores 0.0):

    - single: a choice id (str)
    - multiple: a frozenset (or set, list, tuple) of choice ids
    - truefalse: ``"true"`` or ``"false"`` (a bool is accepted too)
    - ordering: a tuple (or list) of item ids, first to last
    - matching: a dict ``left_id -> right text`` (``None`` for an unanswered left)
    - shortanswer: a str
    - numerical: a str (``"3,5"`` and ``"3.5"`` both read as 3.5) or an int/float
    - essay: a str, graded by hand
    - description: nothing; it carries no points and is never scored

    A description's ``points`` are always stored as 0.0.
    """

    id: str
    qtype: str
    points: float = 1.0
    competency_codes: tuple[str, ...] = ()
    general_feedback: str = ""
    choices: tuple[Choice, ...] = ()
    wrong_penalty: float = 0.0
    items: tuple[OrderItem, ...] = ()
    pairs: tuple[MatchPair, ...] = ()
    extra_rights: tuple[str, ...] = ()
    accepted_answers: tuple[AcceptedAnswer, ...] = ()
    case_sensitive: bool = False
    ignore_diacritics: bool = False
    numeric_answers: tuple[NumericAnswer, ...] = ()
    numeric_ranges: tuple[NumericRange, ...] = ()

    def __post_init__(self) -> None:
        _text(self.id, "question id")
        if self.qtype not in QTYPES:
            raise ValueError(f"unknown question type {self.qtype!r}")
        points = 0.0 if self.qtype == "description" else self.points
        _set(self, "points", _number(points, "points", 0.0))
        _set(self, "competency_codes", _tuple_of(self.competency_codes, str, "competency_codes"))
        _text(self.general_feedback, "general_feedback")
        _set(self, "choices", _tuple_of(self.choices, Choice, "choices"))
        _set(self, "wrong_penalty", _number(self.wrong_penalty, "wrong_penalty", 0.0, 1.0))
        _set(self, "items", _tuple_of(self.items, OrderItem, "items"))
        _set(self, "pairs", _tuple_of(self.pairs, MatchPair, "pairs"))
        _set(self, "extra_rights", _tuple_of(self.extra_rights, str, "extra_rights"))
        _set(self, "accepted_answers", _tuple_of(self.accepted_answers, AcceptedAnswer, "answers"))
        _set(self, "numeric_answers", _tuple_of(self.numeric_answers, NumericAnswer, "answers"))
        _set(self, "numeric_ranges", _tuple_of(self.numeric_ranges, NumericRange, "ranges"))
        for flag in ("case_sensitive", "ignore_diacritics"):
            if not isinstance(getattr(self, flag), bool):
                raise ValueError(f"{flag} must be a bool")
        self._check_type_fields()

    def _check_type_fields(self) -> None:
        allowed = TYPE_FIELDS[self.qtype]
        for name, default in _OPTIONAL_DEFAULTS.items():
            if name not in allowed and getattr(self, name) != default:
                raise ValueError(f"{self.qtype} questions do not use {name!r}")
        if self.qtype in ("single", "multiple", "truefalse"):
            if not self.choices:
                raise ValueError(f"{self.qtype} questions need choices")
            _unique([choice.id for choice in self.choices], "choice")
        if self.qtype == "truefalse" and tuple(c.id for c in self.choices) != (TRUE_ID, FALSE_ID):
            raise ValueError('truefalse choices must be "true" then "false"')
        if self.qtype == "ordering":
            if not self.items:
                raise ValueError("ordering questions need items")
            _unique([item.id for item in self.items], "item")
        if self.qtype == "matching":
            if not self.pairs:
                raise ValueError("matching questions need pairs")
            _unique([pair.left_id for pair in self.pairs], "pair")
            for right in self.extra_rights:
                _text(right, "extra right", required=True)
        if self.qtype == "shortanswer" and not self.accepted_answers:
            raise ValueError("shortanswer questions need accepted answers")
        if self.qtype == "numerical" and not (self.numeric_answers or self.numeric_ranges):
            raise ValueError("numerical questions need answers or ranges")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; fields at their default are left out to keep snapshots small."""
        data: dict[str, Any] = {"id": self.id, "qtype": self.qtype, "points": self.points}
        if self.competency_codes:
            data["competency_codes"] = list(self.competency_codes)
        if self.general_feedback:
            data["general_feedback"] = self.general_feedback
        for name, default in _OPTIONAL_DEFAULTS.items():
            value = getattr(self, name)
            if value == default:
                continue
            if name == "extra_rights":
                data[name] = list(value)
            elif isinstance(value, tuple):
                data[name] = [part.to_dict() for part in value]
            else:
                data[name] = value
        return data


_OPTIONAL_DEFAULTS: dict[str, Any] = {
    field.name: field.default
    for field in fields(QuestionSpec)
    if field.name not in {"id", "qtype", "points", "competency_codes", "general_feedback"}
}
_PART_CLASSES: dict[str, type] = {
    "choices": Choice,
    "items": OrderItem,
    "pairs": MatchPair,
    "accepted_answers": AcceptedAnswer,
    "numeric_answers": NumericAnswer,
    "numeric_ranges": NumericRange,
}
_KNOWN_KEYS = frozenset(field.name for field in fields(QuestionSpec))


def _part_from_dict(cls: type, data: Any) -> Any:
    if not isinstance(data, Mapping):
        raise ValueError(f"{cls.__name__} must be an object, got {data!r}")
    allowed = {field.name for field in fields(cls)}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"unknown {cls.__name__} keys: {sorted(unknown)}")
    try:
        return cls(**data)
    except TypeError as error:  # a required key is missing
        raise ValueError(f"{cls.__name__}: {error}") from None


def question_from_dict(data: Mapping[str, Any]) -> QuestionSpec:
    """Rebuild a QuestionSpec from ``QuestionSpec.to_dict()`` output (or its JSON).

    Raises ValueError for unknown keys or invalid values, so a corrupt snapshot
    is noticed where it is loaded rather than when it is graded.
    """
    if not isinstance(data, Mapping):
        raise ValueError(f"a question must be an object, got {data!r}")
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise ValueError(f"unknown question keys: {sorted(unknown)}")
    if "id" not in data or "qtype" not in data:
        raise ValueError("a question needs 'id' and 'qtype'")
    values = dict(data)
    for name, cls in _PART_CLASSES.items():
        if name in values:
            parts = values[name]
            if not isinstance(parts, list | tuple):
                raise ValueError(f"{name} must be a list, got {parts!r}")
            values[name] = tuple(_part_from_dict(cls, part) for part in parts)
    for name in ("competency_codes", "extra_rights"):
        if name in values and isinstance(values[name], list):
            values[name] = tuple(values[name])
    return QuestionSpec(**values)
