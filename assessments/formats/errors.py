"""Import error codes and their English messages.

The Django layer translates by ``code`` (with ``params``); ``message`` is the
English fallback for logs and command-line output.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    # any format
    "file_not_utf8": "file is not UTF-8",
    "no_questions_found": "no questions found",
    "invalid_question": "invalid question: {detail}",
    "empty_stem": "the question text is empty",
    "empty_answer": "an answer is empty",
    "too_many_errors": "too many errors: stopped reading after {limit}",
    # GIFT
    "unbalanced_braces": "unbalanced braces: each '{{' needs a '}}' (escape literal ones: \\{{)",
    "multiple_answer_blocks": "a question can have only one answer block {{...}}",
    "unterminated_name": "the question name has no closing '::'",
    "unknown_syntax": "unknown answer syntax near '{snippet}'",
    "no_correct_answer": "no correct answer (one answer must be worth 100%)",
    "invalid_weight": "invalid answer weight '{weight}' (expected a percentage such as %50%)",
    "weights_do_not_sum": "the positive answer weights add up to {total}%, not 100%",
    "too_few_choices": "a choice question needs at least 2 answers",
    "invalid_number": "invalid number '{text}'",
    "invalid_range": "invalid range '{text}': the minimum is above the maximum",
    "matching_pair_syntax": "a matching answer must look like '=prompt -> answer', got '{snippet}'",
    "too_few_pairs": "a matching question needs at least 2 pairs",
    # Aiken
    "missing_answer": "the question has no 'ANSWER:' line",
    "answer_not_among_options": "the answer '{letter}' is not among the options",
    "invalid_answer": "the answer line must name one option letter, as in 'ANSWER: B'",
    "too_few_options": "a question needs at least 2 options",
    "duplicate_option": "the option letter '{letter}' is used twice",
    "option_before_question": "an option comes before any question text",
    "answer_before_question": "an 'ANSWER:' line comes before any question",
}

_SNIPPET_LENGTH = 40


def snippet(text: str) -> str:
    """A short, single-line excerpt of user text for an error message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _SNIPPET_LENGTH else flat[: _SNIPPET_LENGTH - 1] + "…"


def render(code: str, params: dict[str, Any]) -> str:
    return MESSAGES[code].format(**params)
