"""Writing questions as Moodle XML, the way Moodle's own export writes them.

``parse_moodle_xml(export_moodle_xml(questions))`` gives back equal questions,
except for what Moodle XML cannot say: numeric ranges (written as the middle
value ± half the width, as Moodle's GIFT import does), ``wrong_penalty`` and
competency codes. ``ignore_diacritics`` goes in an element of our own, which
Moodle ignores. Answers and feedback are written as
``plain_text``, so Moodle shows them exactly as our learners see them. Grades
outside Moodle's list (say 29 %) are written as they are; Moodle's import
refuses them, as ours does.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree.ElementTree import Comment, Element, SubElement, indent, tostring

from assessments.formats.gift_text import format_gift_number, format_weight
from assessments.scoring.spec import NumericAnswer, QuestionSpec

from .model import ParsedQuestion
from .moodle_xml import IGNORE_DIACRITICS, MOODLE_FORMATS
from .source import default_name

_MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "truefalse": "truefalse",
    "shortanswer": "shortanswer",
    "numerical": "numerical",
    "matching": "matching",
    "ordering": "ordering",
    "essay": "essay",
    "description": "description",
}


def _text(parent: Element, tag: str, text: str, text_format: str | None = None) -> Element:
    element = SubElement(parent, tag)
    if text_format is not None:
        element.set("format", text_format)
    SubElement(element, "text").text = text
    return element


def _value(parent: Element, tag: str, text: str) -> None:
    SubElement(parent, tag).text = text


def _answer(parent: Element, fraction: float, text: str, feedback: str, fmt="plain_text"):
    answer = SubElement(parent, "answer", fraction=format_weight(fraction), format=fmt)
    SubElement(answer, "text").text = text
    _text(answer, "feedback", feedback, "plain_text")
    return answer


def _choices(question: Element, spec: QuestionSpec) -> None:
    _value(question, "single", "true" if spec.qtype == "single" else "false")
    _value(question, "shuffleanswers", "true")
    _value(question, "answernumbering", "abc")
    for choice in spec.choices:
        _answer(question, choice.fraction, choice.text, choice.feedback)


def _truefalse(question: Element, spec: QuestionSpec) -> None:
    for choice, word in zip(spec.choices, ("true", "false"), strict=True):
        _answer(question, choice.fraction, word, choice.feedback, fmt="moodle_auto_format")


def _shortanswer(question: Element, spec: QuestionSpec) -> None:
    _value(question, "usecase", "1" if spec.case_sensitive else "0")
    if spec.ignore_diacritics:
        _value(question, IGNORE_DIACRITICS, "1")
    for answer in spec.accepted_answers:
        _answer(question, answer.fraction, answer.text, answer.feedback)


def _numerical(question: Element, spec: QuestionSpec) -> None:
    ranges = [
        NumericAnswer(
            (r.minimum + r.maximum) / 2, (r.maximum - r.minimum) / 2, r.fraction, r.feedback
        )
        for r in spec.numeric_ranges
    ]
    for answer in [*spec.numeric_answers, *ranges]:
        value = "*" if answer.value is None else format_gift_number(answer.value)
        element = _answer(
            question, answer.fraction, value, answer.feedback, fmt="moodle_auto_format"
        )
        _value(element, "tolerance", format_gift_number(answer.tolerance))


def _matching(question: Element, spec: QuestionSpec) -> None:
    _value(question, "shuffleanswers", "true")
    for left, right in [(p.left_text, p.right_text) for p in spec.pairs] + [
        ("", right) for right in spec.extra_rights
    ]:
        sub = _text(question, "subquestion", left, "plain_text")
        _text(sub, "answer", right)


def _ordering(question: Element, spec: QuestionSpec) -> None:
    _value(question, "layouttype", "VERTICAL")
    _value(question, "selecttype", "ALL")
    _value(question, "selectcount", "0")
    _value(question, "gradingtype", "LONGEST_ORDERED_SUBSET")
    for position, item in enumerate(spec.items, start=1):
        answer = SubElement(question, "answer", fraction=str(position), format="plain_text")
        SubElement(answer, "text").text = item.text


_WRITERS = {
    "single": _choices,
    "multiple": _choices,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
    "ordering": _ordering,
    "essay": lambda question, spec: None,
    "description": lambda question, spec: None,
}


def _category(quiz: Element, category: tuple[str, ...]) -> None:
    quiz.append(Comment(" question: 0  "))
    element = SubElement(quiz, "question", type="category")
    path = "/".join(segment.replace("/", "//") for segment in ("$course$", "top", *category))
    _text(element, "category", path)


def _question(quiz: Element, parsed: ParsedQuestion) -> None:
    spec = parsed.spec
    question = SubElement(quiz, "question", type=_MOODLE_TYPES[spec.qtype])
    _text(question, "name", parsed.name or default_name(parsed.stem, parsed.stem_format))
    stem_format = MOODLE_FORMATS.get(parsed.stem_format, "html")
    _text(question, "questiontext", parsed.stem, stem_format)
    _text(question, "generalfeedback", spec.general_feedback, "plain_text")
    _value(question, "defaultgrade", format_gift_number(spec.points))
    _value(question, "penalty", "0.3333333")
    _value(question, "hidden", "0")
    _value(question, "idnumber", parsed.idnumber)
    _WRITERS[spec.qtype](question, spec)
    if parsed.tags:
        tags = SubElement(question, "tags")
        for tag in parsed.tags:
            _text(tags, "tag", tag)


def export_moodle_xml(questions: Iterable[ParsedQuestion]) -> bytes:
    """A Moodle XML file (UTF-8) of ``questions``, with a category record
    before each run of questions in the same category."""
    quiz = Element("quiz")
    category: tuple[str, ...] | None = None
    for question in questions:
        if question.category != category:
            category = question.category
            _category(quiz, category)
        _question(quiz, question)
    indent(quiz, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(quiz, encoding="utf-8") + b"\n"
