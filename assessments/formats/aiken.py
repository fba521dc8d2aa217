"""Aiken import: single-answer multiple choice in plain text::

    Cổng Dịch vụ công quốc gia có địa chỉ nào?
    A) dichvucong.gov.vn
    B. dichvucong.com
    ANSWER: A

The question text may span several lines (until the first option). An option is
a capital letter followed by ")" (a space is optional) or by "." and a space, so
a question starting "A.I. ..." is not taken for an option. Blank lines are
ignored. Never raises on bad input; problems become ``ParseError`` entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assessments.scoring.spec import Choice, QuestionSpec

from .model import ParsedQuestion, ParseError, ParseResult
from .source import decode_source, default_name

_OPTION = re.compile(r"([A-Z])(?:\)|\.(?=\s))\s*(.*)")
_ANSWER = re.compile(r"ANSWER\s*:\s*(.*)", re.IGNORECASE)
_MIN_OPTIONS = 2


@dataclass(slots=True)
class _Draft:
    line: int
    text_lines: list[str]
    options: list[tuple[str, str]] = field(default_factory=list)
    problem: ParseError | None = None


def parse_aiken(data: bytes | str) -> ParseResult:
    """Parse Aiken text (str, or bytes in UTF-8 with or without BOM)."""
    text, error = decode_source(data)
    result = ParseResult()
    if error is not None:
        result.errors.append(error)
        return result
    draft: _Draft | None = None
    for number, raw_line in enumerate(text.split("\n"), start=1):
        if result.error_limit_reached(number):
            return result
        line = raw_line.strip()
        if not line:
            continue
        answer = _ANSWER.fullmatch(line)
        option = None if answer else _OPTION.fullmatch(line)
        if answer:
            if draft is None:
                result.errors.append(ParseError.create(number, "answer_before_question"))
                continue
            _finish(draft, answer.group(1).strip(), result)
            draft = None
        elif option:
            if draft is None:
                result.errors.append(ParseError.create(number, "option_before_question"))
                continue
            _add_option(draft, number, option.group(1), option.group(2).strip())
        else:
            if draft is not None and draft.options:
                # New question text while the last question still lacks its answer.
                result.errors.append(ParseError.create(draft.line, "missing_answer"))
                draft = None
            if draft is None:
                draft = _Draft(line=number, text_lines=[line])
            else:
                draft.text_lines.append(line)
    if draft is not None:
        result.errors.append(ParseError.create(draft.line, "missing_answer"))
    if not result.questions and not result.errors:
        result.errors.append(ParseError.create(1, "no_questions_found"))
    return result


def _add_option(draft: _Draft, number: int, letter: str, text: str) -> None:
    if draft.problem is not None:
        return
    if any(letter == existing for existing, _ in draft.options):
        draft.problem = ParseError.create(number, "duplicate_option", letter=letter)
    elif not text:
        draft.problem = ParseError.create(number, "empty_answer")
    draft.options.append((letter, text))


def _finish(draft: _Draft, answer: str, result: ParseResult) -> None:
    if draft.problem is not None:
        result.errors.append(draft.problem)
        return
    if len(draft.options) < _MIN_OPTIONS:
        result.errors.append(ParseError.create(draft.line, "too_few_options"))
        return
    letter = answer.upper()
    if len(letter) != 1 or not letter.isascii() or not letter.isalpha():
        result.errors.append(ParseError.create(draft.line, "invalid_answer"))
        return
    if all(letter != option_letter for option_letter, _ in draft.options):
        result.errors.append(
            ParseError.create(draft.line, "answer_not_among_options", letter=letter)
        )
        return
    stem = "\n".join(draft.text_lines)
    choices = tuple(
        Choice(option_letter, text, 1.0 if option_letter == letter else 0.0)
        for option_letter, text in draft.options
    )
    result.questions.append(
        ParsedQuestion(
            name=default_name(stem, "plain"),
            stem=stem,
            stem_format="plain",
            spec=QuestionSpec(id="", qtype="single", choices=choices),
            line=draft.line,
        )
    )
