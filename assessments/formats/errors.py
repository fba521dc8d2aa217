"""Import error codes and their English messages.

The Django layer translates by ``code`` (with ``params``); ``message`` is the
English fallback for logs. ``gettext_noop`` only marks the messages for
translation (this package does not import Django).
"""

from __future__ import annotations

from typing import Any


def gettext_noop(message: str) -> str:
    return message


MESSAGES: dict[str, str] = {
    # any format
    "file_not_utf8": gettext_noop("file is not UTF-8"),
    "no_questions_found": gettext_noop("no questions found"),
    "invalid_question": gettext_noop("invalid question: {detail}"),
    "empty_stem": gettext_noop("the question text is empty"),
    "empty_answer": gettext_noop("an answer is empty"),
    "too_many_errors": gettext_noop("too many errors: stopped reading after {limit}"),
    # GIFT
    "unbalanced_braces": gettext_noop(
        "unbalanced braces: each '{{' needs a '}}' (escape literal ones: \\{{)"
    ),
    "multiple_answer_blocks": gettext_noop("a question can have only one answer block {{...}}"),
    "unterminated_name": gettext_noop("the question name has no closing '::'"),
    "unknown_syntax": gettext_noop("unknown answer syntax near '{snippet}'"),
    "no_correct_answer": gettext_noop("no correct answer (one answer must be worth 100%)"),
    "invalid_weight": gettext_noop(
        "invalid answer weight '{weight}' (expected a percentage such as %50%)"
    ),
    "weights_do_not_sum": gettext_noop("the positive answer weights add up to {total}%, not 100%"),
    "too_few_choices": gettext_noop("a choice question needs at least 2 answers"),
    "invalid_number": gettext_noop("invalid number '{text}'"),
    "invalid_range": gettext_noop("invalid range '{text}': the minimum is above the maximum"),
    "matching_pair_syntax": gettext_noop(
        "a matching answer must look like '=prompt -> answer', got '{snippet}'"
    ),
    "too_few_pairs": gettext_noop("a matching question needs at least 2 pairs"),
    # Aiken
    "missing_answer": gettext_noop("the question has no 'ANSWER:' line"),
    "answer_not_among_options": gettext_noop("the answer '{letter}' is not among the options"),
    "invalid_answer": gettext_noop(
        "the answer line must name one option letter, as in 'ANSWER: B'"
    ),
    "too_few_options": gettext_noop("a question needs at least 2 options"),
    "duplicate_option": gettext_noop("the option letter '{letter}' is used twice"),
    "option_before_question": gettext_noop("an option comes before any question text"),
    "answer_before_question": gettext_noop("an 'ANSWER:' line comes before any question"),
    # Moodle XML
    "xml_malformed": gettext_noop("the file is not well-formed XML (the problem is on this line)"),
    "xml_forbidden": gettext_noop(
        "the file declares a DTD or entities, which a question file never needs"
    ),
    "xml_not_moodle": gettext_noop("the file is not a Moodle XML question file (no <quiz>)"),
    "xml_unsupported_type": gettext_noop("questions of Moodle type '{qtype}' cannot be imported"),
    "xml_invalid_grade": gettext_noop(
        "the grade '{grade}%' is not one Moodle offers (such as 100, 50, 33.33333 or -25)"
    ),
    "xml_truefalse_answers": gettext_noop(
        "a true/false question needs a 'true' and a 'false' answer"
    ),
}

_SNIPPET_LENGTH = 40


def snippet(text: str) -> str:
    """A short, single-line excerpt of user text for an error message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _SNIPPET_LENGTH else flat[: _SNIPPET_LENGTH - 1] + "…"


def render(code: str, params: dict[str, Any]) -> str:
    return MESSAGES[code].format(**params)
