"""Parsing the inside of a GIFT answer block ``{...}`` into QuestionSpec fields.

Input text is protected (see ``gift_text.protect``): escaped characters are
placeholders, so every ``~ = # :`` seen here is structural.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assessments.scoring.spec import (
    FALSE_ID,
    TRUE_ID,
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    NumericRange,
)

from .errors import snippet
from .gift_text import clean, clean_html, parse_gift_number, parse_weight, restore

_CHOICE_MARKERS = re.compile(r"([~=])")
_EQUALS = re.compile(r"(=)")
_TRUE_WORDS = frozenset({"T", "TRUE"})
_FALSE_WORDS = frozenset({"F", "FALSE"})
# Moodle accepts weights such as 33.333% three times; allow that much slack.
_WEIGHT_SUM_SLACK = 0.01


class AnswerError(Exception):
    """A problem in the answer block, reported as a ParseError by the caller."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class _Answer:
    marker: str  # "~", "=" or "" (no marker)
    fraction: float | None  # None when no %weight% was written
    text: str  # still protected
    feedback: str  # still protected


def _split_on_markers(body: str, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """``"~a =b"`` -> ``[("~", "a "), ("=", "b")]``; text before the first marker
    must be blank."""
    pieces = pattern.split(body)
    if pieces[0].strip():
        raise AnswerError("unknown_syntax", snippet=snippet(restore(pieces[0])))
    return list(zip(pieces[1::2], pieces[2::2], strict=True))


def _take_weight(text: str) -> tuple[float | None, str]:
    text = text.lstrip()
    if not text.startswith("%"):
        return None, text
    end = text.find("%", 1)
    if end < 0:
        raise AnswerError("invalid_weight", weight=snippet(restore(text)))
    fraction = parse_weight(text[1:end].strip())
    if fraction is None:
        raise AnswerError("invalid_weight", weight=snippet(restore(text[1:end])))
    return fraction, text[end + 1 :]


def _answer(marker: str, segment: str) -> _Answer:
    fraction, rest = _take_weight(segment)
    text, _, feedback = rest.partition("#")
    return _Answer(marker, fraction, text, feedback)


def parse_choices(body: str, text_format: str) -> dict[str, Any]:
    """``~`` and ``=`` answers: single choice when any ``=`` is present, else
    multiple response (Moodle's rule)."""
    answers = [_answer(m, s) for m, s in _split_on_markers(body, _CHOICE_MARKERS)]
    single = any(answer.marker == "=" for answer in answers)
    choices = []
    for number, answer in enumerate(answers, start=1):
        text = clean_html(answer.text, text_format)
        if not text:
            raise AnswerError("empty_answer")
        default = 1.0 if answer.marker == "=" else 0.0
        fraction = default if answer.fraction is None else answer.fraction
        choices.append(
            Choice(str(number), text, fraction, clean_html(answer.feedback, text_format))
        )
    qtype = "single" if single else "multiple"
    check_choice_weights(qtype, choices)
    return {"qtype": qtype, "choices": tuple(choices)}


def check_choice_weights(qtype: str, choices: list[Choice]) -> None:
    """Moodle's rules: a single choice needs an answer worth 100 %, a multiple
    response positive weights adding up to 100 %."""
    if len(choices) < 2:
        raise AnswerError("too_few_choices")
    if qtype == "single":
        if not any(choice.fraction == 1.0 for choice in choices):
            raise AnswerError("no_correct_answer")
        return
    positive = sum(choice.fraction for choice in choices if choice.fraction > 0)
    if positive <= 0:
        raise AnswerError("no_correct_answer")
    if abs(positive - 1.0) > _WEIGHT_SUM_SLACK:
        raise AnswerError("weights_do_not_sum", total=round(positive * 100, 3))


def parse_matching(body: str, text_format: str) -> dict[str, Any]:
    """``=prompt -> answer`` pairs; ``= -> answer`` adds a distractor answer.
    Prompts may be HTML; answers are plain text (Moodle lists them in a menu)."""
    pairs: list[MatchPair] = []
    extra_rights: list[str] = []
    for _, segment in _split_on_markers(body, _EQUALS):
        # The last arrow splits, so prompts may contain "->" (answers may not).
        left, arrow, right = segment.rpartition("->")
        if not arrow:
            raise AnswerError("matching_pair_syntax", snippet=snippet(restore(segment)))
        left_text, right_text = clean_html(left, text_format), clean(right, drop_marker=False)
        if not right_text:
            raise AnswerError("matching_pair_syntax", snippet=snippet(restore(segment)))
        if left_text:
            pairs.append(MatchPair(str(len(pairs) + 1), left_text, right_text))
        else:
            extra_rights.append(right_text)
    if len(pairs) < 2:
        raise AnswerError("too_few_pairs")
    return {"qtype": "matching", "pairs": tuple(pairs), "extra_rights": tuple(extra_rights)}


def truefalse_word(body: str) -> bool | None:
    """True/False for a T/F/TRUE/FALSE answer block, None for anything else."""
    word = body.partition("#")[0].strip().upper()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None


def parse_truefalse(body: str, text_format: str) -> dict[str, Any]:
    """``TRUE#feedback if wrong#feedback if right``."""
    word, _, feedbacks = body.partition("#")
    wrong_feedback, _, right_feedback = feedbacks.partition("#")
    key = truefalse_word(word)
    wrong = clean_html(wrong_feedback, text_format)
    right = clean_html(right_feedback, text_format)
    choices = (
        Choice(TRUE_ID, "True", 1.0 if key else 0.0, right if key else wrong),
        Choice(FALSE_ID, "False", 0.0 if key else 1.0, wrong if key else right),
    )
    return {"qtype": "truefalse", "choices": choices}


def parse_shortanswer(body: str, text_format: str) -> dict[str, Any]:
    """``=answer#feedback`` entries, optionally weighted ``=%50%answer``. Answers
    are plain text (compared with what learners type), feedback may be HTML."""
    accepted = []
    for marker, segment in _split_on_markers(body, _EQUALS):
        answer = _answer(marker, segment)
        text = clean(answer.text)
        if not text:
            raise AnswerError("empty_answer")
        fraction = 1.0 if answer.fraction is None else answer.fraction
        if fraction < 0:
            raise AnswerError("invalid_weight", weight=snippet(restore(segment)))
        accepted.append(AcceptedAnswer(text, fraction, clean_html(answer.feedback, text_format)))
    if not any(answer.fraction == 1.0 for answer in accepted):
        raise AnswerError("no_correct_answer")
    return {"qtype": "shortanswer", "accepted_answers": tuple(accepted)}


def _number(text: str) -> float:
    value = parse_gift_number(text)
    if value is None:
        raise AnswerError("invalid_number", text=snippet(restore(text)))
    return value


def _numeric_entry(answer: _Answer, text_format: str) -> NumericAnswer | NumericRange:
    fraction = 1.0 if answer.fraction is None else answer.fraction
    if fraction < 0:
        raise AnswerError("invalid_weight", weight=snippet(restore(answer.text)))
    feedback = clean_html(answer.feedback, text_format)
    value_text = answer.text.strip()
    if value_text == "*":
        return NumericAnswer(None, 0.0, fraction, feedback)
    if ".." in value_text:
        low_text, _, high_text = value_text.partition("..")
        low, high = _number(low_text), _number(high_text)
        if low > high:
            raise AnswerError("invalid_range", text=snippet(restore(value_text)))
        return NumericRange(low, high, fraction, feedback)
    value_part, _, tolerance_part = value_text.partition(":")
    tolerance = _number(tolerance_part) if tolerance_part.strip() else 0.0
    if tolerance < 0:
        raise AnswerError("invalid_number", text=snippet(restore(tolerance_part)))
    return NumericAnswer(_number(value_part), tolerance, fraction, feedback)


def parse_numerical(body: str, text_format: str) -> dict[str, Any]:
    """``#value``, ``#value:tolerance``, ``#min..max`` or ``#=... =%50%...``;
    ``~#feedback`` gives feedback for any other answer (Moodle's wildcard)."""
    main, *others = body[1:].split("~")
    entries: list[NumericAnswer | NumericRange] = []
    pieces = _EQUALS.split(main)
    if pieces[0].strip():
        entries.append(_numeric_entry(_answer("", pieces[0]), text_format))
    for segment in pieces[2::2]:
        entries.append(_numeric_entry(_answer("=", segment), text_format))
    for other in others:
        other = other.strip()
        if other and not other.startswith("#"):
            raise AnswerError("unknown_syntax", snippet=snippet(restore(other)))
        entries.append(NumericAnswer(None, 0.0, 0.0, clean_html(other[1:], text_format)))
    answers = tuple(entry for entry in entries if isinstance(entry, NumericAnswer))
    ranges = tuple(entry for entry in entries if isinstance(entry, NumericRange))
    if not any(entry.fraction == 1.0 for entry in entries):
        raise AnswerError("no_correct_answer")
    return {"qtype": "numerical", "numeric_answers": answers, "numeric_ranges": ranges}


def parse_answer_block(body: str, text_format: str = "moodle") -> dict[str, Any]:
    """QuestionSpec keyword arguments (including ``qtype``) for an answer block
    whose general feedback (``####``) is already removed; ``text_format`` is the
    question's, which its answers and feedback share unless they carry a marker.

    The type follows Moodle's order of checks: empty is an essay, a leading ``#``
    numerical, any ``~`` choice, ``=`` with ``->`` matching, T/F true-false and
    ``=`` answers short answer.
    """
    # A line break inside the block is just a space (answers may wrap in the file).
    body = " ".join(part.strip() for part in body.split("\n")).strip()
    if not body:
        return {"qtype": "essay"}
    if body.startswith("#"):
        return parse_numerical(body, text_format)
    if "~" in body:
        return parse_choices(body, text_format)
    if "=" in body and "->" in body:
        return parse_matching(body, text_format)
    if truefalse_word(body) is not None:
        return parse_truefalse(body, text_format)
    if body.startswith("="):
        return parse_shortanswer(body, text_format)
    raise AnswerError("unknown_syntax", snippet=snippet(restore(body)))
