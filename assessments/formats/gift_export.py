"""Writing questions as GIFT.

``parse_gift(export_gift(questions))`` gives back equal questions for everything
GIFT can express. GIFT has no syntax for: ordering questions (export raises
``GiftExportError``), points, competency codes, ``wrong_penalty``, short-answer
``case_sensitive``/``ignore_diacritics``, a description's general feedback,
answer texts containing "->" in matching answers or short answers, "]" in tags,
and "/" inside a category name segment; those come back with their defaults or
changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from assessments.scoring.spec import QuestionSpec

from .gift_text import (
    MARKER_FOR_FORMAT,
    escape,
    format_gift_number,
    format_weight,
    take_format_marker,
)
from .model import ParsedQuestion
from .source import default_name

_UNSUPPORTED = frozenset({"ordering"})


class GiftExportError(ValueError):
    """A question GIFT cannot express; ``code`` is stable for translation."""

    def __init__(self, code: str, name: str, qtype: str) -> None:
        super().__init__(f"question {name!r}: GIFT has no syntax for {qtype} questions")
        self.code = code
        self.params = {"name": name, "qtype": qtype}


def _text(text: str) -> str:
    # The importer drops one leading format marker from answers; guard a literal one.
    if take_format_marker(text)[0] is not None:
        return "[moodle]" + escape(text)
    return escape(text)


def _feedback(text: str) -> str:
    return f"#{_text(text)}" if text else ""


def _weighted(text: str, fraction: float, default: float) -> str:
    # Write the weight when it differs from the marker's default, or when the text
    # itself starts with "%" and would otherwise be read as a weight.
    if fraction == default and not text.startswith("%"):
        return _text(text)
    return f"%{format_weight(fraction)}%{_text(text)}"


def _choice_lines(spec: QuestionSpec) -> list[str]:
    lines = []
    for choice in spec.choices:
        if spec.qtype == "single" and choice.fraction == 1.0:
            answer = "=" + _weighted(choice.text, 1.0, 1.0)
        else:
            answer = "~" + _weighted(choice.text, choice.fraction, 0.0)
        lines.append(answer + _feedback(choice.feedback))
    return lines


def _truefalse_lines(spec: QuestionSpec) -> list[str]:
    true_choice, false_choice = spec.choices
    key = true_choice.fraction >= false_choice.fraction
    right, wrong = (true_choice, false_choice) if key else (false_choice, true_choice)
    line = "TRUE" if key else "FALSE"
    if right.feedback or wrong.feedback:
        line += f"#{_text(wrong.feedback)}"
    if right.feedback:
        line += f"#{_text(right.feedback)}"
    return [line]


def _matching_lines(spec: QuestionSpec) -> list[str]:
    lines = [f"={_text(pair.left_text)} -> {escape(pair.right_text)}" for pair in spec.pairs]
    lines += [f"= -> {escape(right)}" for right in spec.extra_rights]
    return lines


def _shortanswer_lines(spec: QuestionSpec) -> list[str]:
    return [
        "=" + _weighted(answer.text, answer.fraction, 1.0) + _feedback(answer.feedback)
        for answer in spec.accepted_answers
    ]


def _numerical_lines(spec: QuestionSpec) -> list[str]:
    lines, wildcards = [], []
    for answer in spec.numeric_answers:
        if answer.value is None and answer.fraction == 0.0:
            # Moodle's "any other answer" form; the importer reads it back last.
            wildcards.append(f"~#{_text(answer.feedback)}")
            continue
        value = "*"
        if answer.value is not None:
            value = format_gift_number(answer.value)
            value += f":{format_gift_number(answer.tolerance)}"
        lines.append(f"=%{format_weight(answer.fraction)}%{value}{_feedback(answer.feedback)}")
    for numeric_range in spec.numeric_ranges:
        low = format_gift_number(numeric_range.minimum)
        high = format_gift_number(numeric_range.maximum)
        feedback = _feedback(numeric_range.feedback)
        lines.append(f"=%{format_weight(numeric_range.fraction)}%{low}..{high}{feedback}")
    return [*lines, *wildcards]


_ANSWER_WRITERS = {
    "single": _choice_lines,
    "multiple": _choice_lines,
    "truefalse": _truefalse_lines,
    "matching": _matching_lines,
    "shortanswer": _shortanswer_lines,
    "numerical": _numerical_lines,
    "essay": lambda spec: [],
}


def _category_line(category: tuple[str, ...]) -> str:
    # "$course$/top/" first, so a category really named "top" survives the import.
    path = "/".join(segment.replace("/", "//") for segment in ("$course$", "top", *category))
    return f"$CATEGORY: {path}"


def _metadata_line(question: ParsedQuestion) -> str | None:
    parts = [f"[id:{question.idnumber}]"] if question.idnumber else []
    parts += [f"[tag:{tag}]" for tag in question.tags]
    return "// " + " ".join(parts) if parts else None


def _question_text(question: ParsedQuestion) -> str:
    spec = question.spec
    name = question.name or default_name(question.stem, question.stem_format)
    format_marker = MARKER_FOR_FORMAT.get(question.stem_format, "[moodle]")
    head = f"::{escape(name)}::{format_marker}{escape(question.stem)}"
    if spec.qtype == "description":
        return head
    if spec.qtype in _UNSUPPORTED or spec.qtype not in _ANSWER_WRITERS:
        raise GiftExportError("unsupported_qtype", name, spec.qtype)
    lines = _ANSWER_WRITERS[spec.qtype](spec)
    if spec.general_feedback:
        lines.append(f"####{_text(spec.general_feedback)}")
    opening = "{#\n" if spec.qtype == "numerical" else "{\n"
    if not lines:
        return head + "{}"
    return head + opening + "".join(f"\t{line}\n" for line in lines) + "}"


def export_gift(questions: Iterable[ParsedQuestion]) -> str:
    """GIFT text for ``questions``, each under its ``::name::`` title.

    Raises GiftExportError for question types GIFT cannot express (ordering).
    """
    chunks: list[str] = []
    category: tuple[str, ...] = ()
    for question in questions:
        if question.category != category:
            category = question.category
            chunks.append(_category_line(category))
        metadata = _metadata_line(question)
        text = _question_text(question)
        chunks.append(f"{metadata}\n{text}" if metadata else text)
    return "\n\n".join(chunks) + "\n" if chunks else ""
