"""Writing questions as GIFT.

``parse_gift(export_gift(questions))`` gives back equal questions for everything
GIFT can express. GIFT has no syntax for: ordering questions (export raises
``GiftExportError``), points, competency codes, ``wrong_penalty``, short-answer
``case_sensitive``/``ignore_diacritics``, a description's general feedback,
answer texts containing "->" in matching answers or short answers, an ID number
or tag ending in a backslash (Moodle's "\\]" escape makes it ambiguous), and "/"
inside a category name segment; those come back with their defaults or changed.
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
from .html_text import HTML_FORMATS, text_to_html
from .model import ParsedQuestion
from .source import default_name

_UNSUPPORTED = frozenset({"ordering"})


class GiftExportError(ValueError):
    """A question GIFT cannot express; ``code`` is stable for translation."""

    def __init__(self, code: str, name: str, qtype: str) -> None:
        super().__init__(f"question {name!r}: GIFT has no syntax for {qtype} questions")
        self.code = code
        self.params = {"name": name, "qtype": qtype}


class _Writer:
    """Answer lines for one question. Answers and feedback share the question's
    format marker, so in an html or moodle question plain text is written as
    HTML that Moodle displays unchanged; the importer reads it back as text."""

    def __init__(self, spec: QuestionSpec, text_format: str) -> None:
        self.spec = spec
        self.marker = MARKER_FOR_FORMAT.get(text_format, "[moodle]")
        self.is_html = text_format in HTML_FORMATS

    def plain(self, text: str) -> str:
        # The importer drops one leading format marker; guard a literal one.
        if take_format_marker(text)[0] is not None:
            return self.marker + escape(text)
        return escape(text)

    def text(self, text: str) -> str:
        return self.plain(text_to_html(text) if self.is_html else text)

    def feedback(self, text: str) -> str:
        return f"#{self.text(text)}" if text else ""

    def weighted(self, text: str, fraction: float, default: float) -> str:
        # Write the weight when it differs from the marker's default, or when the
        # text itself starts with "%" and would otherwise be read as a weight.
        if fraction == default and not text.startswith("%"):
            return text
        return f"%{format_weight(fraction)}%{text}"

    def choices(self) -> list[str]:
        lines = []
        for choice in self.spec.choices:
            text = self.text(choice.text)
            if self.spec.qtype == "single" and choice.fraction == 1.0:
                answer = "=" + self.weighted(text, 1.0, 1.0)
            else:
                answer = "~" + self.weighted(text, choice.fraction, 0.0)
            lines.append(answer + self.feedback(choice.feedback))
        return lines

    def truefalse(self) -> list[str]:
        true_choice, false_choice = self.spec.choices
        key = true_choice.fraction >= false_choice.fraction
        right, wrong = (true_choice, false_choice) if key else (false_choice, true_choice)
        line = "TRUE" if key else "FALSE"
        if right.feedback or wrong.feedback:
            line += f"#{self.text(wrong.feedback)}"
        if right.feedback:
            line += f"#{self.text(right.feedback)}"
        return [line]

    def matching(self) -> list[str]:
        # Matching answers are plain text in Moodle too (a menu of them).
        pairs = self.spec.pairs
        lines = [f"={self.text(pair.left_text)} -> {escape(pair.right_text)}" for pair in pairs]
        lines += [f"= -> {escape(right)}" for right in self.spec.extra_rights]
        return lines

    def shortanswer(self) -> list[str]:
        # Accepted answers are plain text (compared with what learners type).
        return [
            "="
            + self.weighted(self.plain(answer.text), answer.fraction, 1.0)
            + self.feedback(answer.feedback)
            for answer in self.spec.accepted_answers
        ]

    def numerical(self) -> list[str]:
        lines, wildcards = [], []
        for answer in self.spec.numeric_answers:
            if answer.value is None and answer.fraction == 0.0:
                # Moodle's "any other answer" form; the importer reads it back last.
                wildcards.append(f"~#{self.text(answer.feedback)}")
                continue
            value = "*"
            if answer.value is not None:
                value = format_gift_number(answer.value)
                value += f":{format_gift_number(answer.tolerance)}"
            weight = format_weight(answer.fraction)
            lines.append(f"=%{weight}%{value}{self.feedback(answer.feedback)}")
        for numeric_range in self.spec.numeric_ranges:
            low = format_gift_number(numeric_range.minimum)
            high = format_gift_number(numeric_range.maximum)
            feedback = self.feedback(numeric_range.feedback)
            weight = format_weight(numeric_range.fraction)
            lines.append(f"=%{weight}%{low}..{high}{feedback}")
        return [*lines, *wildcards]

    def essay(self) -> list[str]:
        return []


_ANSWER_WRITERS = {
    "single": _Writer.choices,
    "multiple": _Writer.choices,
    "truefalse": _Writer.truefalse,
    "matching": _Writer.matching,
    "shortanswer": _Writer.shortanswer,
    "numerical": _Writer.numerical,
    "essay": _Writer.essay,
}


def _category_line(category: tuple[str, ...]) -> str:
    # "$course$/top/" first, so a category really named "top" survives the import.
    path = "/".join(segment.replace("/", "//") for segment in ("$course$", "top", *category))
    return f"$CATEGORY: {path}"


def _bracket_value(value: str) -> str:
    # Moodle's escape: "]" inside [id:...] and [tag:...] is written "\]".
    return value.replace("]", "\\]")


def _metadata_line(question: ParsedQuestion) -> str | None:
    parts = [f"[id:{_bracket_value(question.idnumber)}]"] if question.idnumber else []
    parts += [f"[tag:{_bracket_value(tag)}]" for tag in question.tags]
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
    writer = _Writer(spec, question.stem_format)
    lines = _ANSWER_WRITERS[spec.qtype](writer)
    if spec.general_feedback:
        lines.append(f"####{writer.text(spec.general_feedback)}")
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
