"""Moodle XML import: the format Moodle's question bank exports by default.

    <quiz>
      <question type="category"><category><text>$course$/top/A</text></category></question>
      <question type="multichoice">
        <name><text>…</text></name>
        <questiontext format="html"><text>…</text></questiontext>
        <answer fraction="100" format="html"><text>…</text><feedback>…</feedback></answer>
      </question>
    </quiz>

Types: multichoice (single or multiple), truefalse, shortanswer, numerical,
matching, ordering, essay and description, plus category records. Other types
(cloze, calculated, drag and drop…) are errors. As Moodle does, an answer's
grade must be one of the percentages Moodle offers. Answers and feedback in
HTML become the text a browser shows (see ``html_text``). Embedded files
(``<file>``, ``@@PLUGINFILE@@``) are not imported: in a stem, an image of
such a file becomes its description in brackets and a link to one its text,
so learners never see a broken reference. The file is parsed with
defusedxml (see ``xml_tree``); problems become ``ParseError`` entries at the
line of the ``<question>`` element.
"""

from __future__ import annotations

import math
from typing import Any

from assessments.scoring.spec import (
    FALSE_ID,
    TRUE_ID,
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    OrderItem,
    QuestionSpec,
)

from .errors import snippet
from .gift import category_segments
from .gift_answers import AnswerError, check_choice_weights
from .gift_text import parse_weight
from .html_text import HTML_FORMATS, html_to_text
from .model import ParsedQuestion, ParseError, ParseResult
from .source import default_name
from .xml_tree import Node, read_xml

# Moodle's "format" attribute values and ours.
FORMATS_FROM_MOODLE = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "plain_text": "plain",
    "markdown": "markdown",
}
MOODLE_FORMATS = {ours: theirs for theirs, ours in FORMATS_FROM_MOODLE.items()}
IGNORE_DIACRITICS = "hocvuso_ignorediacritics"
SUPPORTED_TYPES = (
    "multichoice",
    "truefalse",
    "shortanswer",
    "numerical",
    "matching",
    "ordering",
    "essay",
    "description",
)

# question_bank::fraction_options_full(): the grades Moodle lets an answer have.
_GRADE_PERCENTS = (
    100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0,
)  # fmt: skip
MOODLE_GRADES = tuple(sorted({sign * p / 100 for p in _GRADE_PERCENTS for sign in (1, -1)}))
_GRADE_TOLERANCE = 0.00001  # match_grade_options(..., 'error') in Moodle's questionlib


def is_moodle_grade(fraction: float) -> bool:
    return any(abs(fraction - grade) < _GRADE_TOLERANCE for grade in MOODLE_GRADES)


class _Problem(Exception):
    """A problem in a question; ``line`` when it is more precise than the question's."""

    def __init__(self, code: str, line: int = 0, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.params = params


def parse_moodle_xml(data: bytes | str) -> ParseResult:
    """Parse a Moodle XML file (bytes; a str is encoded as UTF-8)."""
    result = ParseResult()
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    root, error = read_xml(raw)
    if error is not None:
        result.errors.append(error)
        return result
    if root is None or root.tag != "quiz":
        result.errors.append(ParseError.create(root.line if root else 1, "xml_not_moodle"))
        return result
    category: tuple[str, ...] = ()
    for node in root.all("question"):
        qtype = node.attrs.get("type", "")
        if qtype == "category":
            category = category_segments(node.text_of("category"))
            continue
        try:
            result.questions.append(_question(node, qtype, category))
        except _Problem as problem:
            line = problem.line or node.line
            result.errors.append(ParseError.create(line, problem.code, **problem.params))
        except AnswerError as problem:
            result.errors.append(ParseError.create(node.line, problem.code, **problem.params))
        except ValueError as problem:
            result.errors.append(
                ParseError.create(node.line, "invalid_question", detail=str(problem))
            )
        if result.error_limit_reached(node.line):
            break
    if not result.questions and not result.errors:
        result.errors.append(ParseError.create(1, "no_questions_found"))
    return result


def _format(node: Node | None, default: str) -> str:
    if node is None:
        return default
    return FORMATS_FROM_MOODLE.get(node.attrs.get("format", ""), default)


def _rich_text(node: Node | None, default_format: str) -> str:
    """An answer's or feedback's text as our plain text (HTML → displayed text)."""
    if node is None:
        return ""
    text = node.child_text("text")
    return html_to_text(text) if _format(node, default_format) in HTML_FORMATS else text


PLUGINFILE = "@@PLUGINFILE@@"


def _without_embedded_files(stem: str) -> str:
    """``stem`` (HTML) without references to files embedded in the Moodle file."""
    if PLUGINFILE not in stem:
        return stem
    from bs4 import BeautifulSoup  # Wagtail's own HTML dependency

    soup = BeautifulSoup(stem, "html.parser")
    for tag in soup.find_all(src=True):
        if PLUGINFILE in tag["src"]:
            alt = " ".join((tag.get("alt") or "").split())
            tag.replace_with(f"[{alt}]" if alt else "")
    for tag in soup.find_all(href=True):
        if PLUGINFILE in tag["href"]:
            tag.unwrap()
    return str(soup)


def _number(text: str, what: str = "") -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise _Problem("invalid_number", text=snippet(text or what)) from None
    if not math.isfinite(value):
        raise _Problem("invalid_number", text=snippet(text))
    return value


def _fraction(answer: Node) -> float:
    text = answer.attrs.get("fraction", answer.child_text("fraction", "0")).strip()
    # Exact decimal / 100, as GIFT weights: "33.33333333333333" reads back as 1/3.
    fraction = parse_weight(text)
    if fraction is None or not is_moodle_grade(fraction):
        raise _Problem("xml_invalid_grade", line=answer.line, grade=snippet(text))
    return fraction


def _question(node: Node, qtype: str, category: tuple[str, ...]) -> ParsedQuestion:
    if qtype not in SUPPORTED_TYPES:
        raise _Problem("xml_unsupported_type", qtype=snippet(qtype or "?"))
    stem_node = node.child("questiontext")
    stem_format = _format(stem_node, "moodle")
    stem = stem_node.child_text("text") if stem_node is not None else ""
    if not stem:
        raise _Problem("empty_stem")
    if stem_format in HTML_FORMATS:
        stem = _without_embedded_files(stem)
    fields = _TYPE_READERS[qtype](node, stem_format)
    if qtype != "description":
        fields["general_feedback"] = _rich_text(node.child("generalfeedback"), stem_format)
        grade = node.child_text("defaultgrade")
        if grade:
            points = _number(grade)
            if points < 0:
                raise _Problem("invalid_number", text=snippet(grade))
            fields["points"] = points
    spec = QuestionSpec(id="", **fields)
    name = " ".join(node.text_of("name").split())
    tags_node = node.child("tags")
    tags = [tag.child_text("text") for tag in tags_node.all("tag")] if tags_node else []
    return ParsedQuestion(
        name=name or default_name(stem, stem_format),
        stem=stem,
        stem_format=stem_format,
        spec=spec,
        category=category,
        tags=tuple(dict.fromkeys(tag for tag in tags if tag)),
        idnumber=node.child_text("idnumber"),
        line=node.line,
    )


def _multichoice(node: Node, text_format: str) -> dict[str, Any]:
    single = node.child_text("single", "true").lower() in ("true", "1")
    choices = []
    for number, answer in enumerate(node.all("answer"), start=1):
        text = _rich_text(answer, text_format)
        if not text:
            raise _Problem("empty_answer")
        feedback = _rich_text(answer.child("feedback"), text_format)
        choices.append(Choice(str(number), text, _fraction(answer), feedback))
    qtype = "single" if single else "multiple"
    check_choice_weights(qtype, choices)
    return {"qtype": qtype, "choices": tuple(choices)}


def _truefalse(node: Node, text_format: str) -> dict[str, Any]:
    by_word: dict[str, tuple[float, str]] = {}
    for answer in node.all("answer"):
        word = answer.child_text("text").lower()
        if word in ("true", "false"):
            by_word[word] = (_fraction(answer), _rich_text(answer.child("feedback"), text_format))
    if set(by_word) != {"true", "false"}:
        raise _Problem("xml_truefalse_answers")
    (true_fraction, true_feedback), (false_fraction, false_feedback) = (
        by_word["true"],
        by_word["false"],
    )
    if 1.0 not in (true_fraction, false_fraction):
        raise _Problem("no_correct_answer")
    return {
        "qtype": "truefalse",
        "choices": (
            Choice(TRUE_ID, "True", true_fraction, true_feedback),
            Choice(FALSE_ID, "False", false_fraction, false_feedback),
        ),
    }


def _shortanswer(node: Node, text_format: str) -> dict[str, Any]:
    accepted = []
    for answer in node.all("answer"):
        text = answer.child_text("text")  # compared with what learners type: plain text
        if not text:
            raise _Problem("empty_answer")
        fraction = _fraction(answer)
        if fraction < 0:
            raise _Problem(
                "xml_invalid_grade", line=answer.line, grade=answer.attrs.get("fraction", "")
            )
        feedback = _rich_text(answer.child("feedback"), text_format)
        accepted.append(AcceptedAnswer(text, fraction, feedback))
    if not any(answer.fraction == 1.0 for answer in accepted):
        raise _Problem("no_correct_answer")
    case_sensitive = node.child_text("usecase", "0") not in ("", "0", "false")
    # Our own element (Moodle ignores elements it does not know).
    ignore_diacritics = node.child_text(IGNORE_DIACRITICS, "0") not in ("", "0", "false")
    return {
        "qtype": "shortanswer",
        "accepted_answers": tuple(accepted),
        "case_sensitive": case_sensitive,
        "ignore_diacritics": ignore_diacritics,
    }


def _numerical(node: Node, text_format: str) -> dict[str, Any]:
    answers = []
    for answer in node.all("answer"):
        fraction = _fraction(answer)
        if fraction < 0:
            raise _Problem(
                "xml_invalid_grade", line=answer.line, grade=answer.attrs.get("fraction", "")
            )
        feedback = _rich_text(answer.child("feedback"), text_format)
        value_text = answer.child_text("text")
        if value_text == "*":
            answers.append(NumericAnswer(None, 0.0, fraction, feedback))
            continue
        tolerance = abs(_number(answer.child_text("tolerance", "0") or "0"))
        answers.append(NumericAnswer(_number(value_text, "?"), tolerance, fraction, feedback))
    if not any(answer.fraction == 1.0 for answer in answers):
        raise _Problem("no_correct_answer")
    return {"qtype": "numerical", "numeric_answers": tuple(answers)}


def _matching(node: Node, text_format: str) -> dict[str, Any]:
    pairs: list[MatchPair] = []
    extra_rights: list[str] = []
    for sub in node.all("subquestion"):
        left = _rich_text(sub, text_format)
        answer = sub.child("answer")
        right = answer.child_text("text") if answer is not None else ""  # plain in Moodle
        if not right:
            raise _Problem("matching_pair_syntax", snippet=snippet(left))
        if left:
            pairs.append(MatchPair(str(len(pairs) + 1), left, right))
        else:
            extra_rights.append(right)
    if len(pairs) < 2:
        raise _Problem("too_few_pairs")
    return {"qtype": "matching", "pairs": tuple(pairs), "extra_rights": tuple(extra_rights)}


def _ordering(node: Node, text_format: str) -> dict[str, Any]:
    # Moodle lists the items in the correct order (their fraction is the position).
    items = []
    for number, answer in enumerate(node.all("answer"), start=1):
        text = _rich_text(answer, text_format)
        if not text:
            raise _Problem("empty_answer")
        items.append(OrderItem(str(number), text))
    if len(items) < 2:
        raise _Problem("too_few_options")
    return {"qtype": "ordering", "items": tuple(items)}


_TYPE_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
    "ordering": _ordering,
    "essay": lambda node, text_format: {"qtype": "essay"},
    "description": lambda node, text_format: {"qtype": "description"},
}
