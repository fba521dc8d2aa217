"""Moodle GIFT import (and, via ``gift_export``, export).

A file is a series of questions separated by blank lines::

    // [tag:an-toan] [id:ATTT-01]
    $CATEGORY: $course$/top/An toàn thông tin
    ::Mật khẩu::[html]Mật khẩu nào mạnh nhất?{=Xk9#pq!2 ~123456 ~matkhau}

Lines starting with ``//`` are comments; ``[tag:...]`` and ``[id:...]`` in them
apply to the next question. Parsing is linear in the size of the input and never
raises on bad input: problems become ``ParseError`` entries with the line where
the question starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from assessments.scoring.spec import QuestionSpec

from .gift_answers import AnswerError, parse_answer_block
from .gift_export import export_gift
from .gift_text import clean_html, protect, restore, take_format_marker
from .model import ParsedQuestion, ParseError, ParseResult
from .source import decode_source, default_name

__all__ = ["export_gift", "parse_gift"]

BLANK = "_____"
_CATEGORY = "$CATEGORY:"
_MOODLE_CONTEXTS = ("$course$", "$system$", "$module$", "$coursecategory$", "$user$")


@dataclass(slots=True)
class _Pending:
    """Comment metadata waiting for the next question, and the current category."""

    category: tuple[str, ...] = ()
    tags: list[str] = field(default_factory=list)
    idnumber: str = ""

    def take_comment(self, comment: str) -> None:
        for kind, value in _bracketed(comment):
            if kind == "tag" and value and value not in self.tags:
                self.tags.append(value)
            elif kind == "id" and value and not self.idnumber:
                self.idnumber = value

    def reset(self) -> None:
        self.tags = []
        self.idnumber = ""


def _bracketed(comment: str) -> Iterator[tuple[str, str]]:
    """``[tag:x]`` / ``[id:y]`` pairs in a comment, in one linear scan.

    As in Moodle, ``\\]`` inside the brackets is a literal "]": a value ends at
    the first "]" not preceded by a backslash, or, when there is none, at the
    last one (Moodle's regular expression backtracks to that).
    """
    position = 0
    while True:
        start = comment.find("[", position)
        if start < 0:
            return
        kind = next((k for k in ("tag", "id") if comment.startswith(k + ":", start + 1)), None)
        if kind is None:
            position = start + 1
            continue
        value_start = start + len(kind) + 2
        end = _closing_bracket(comment, value_start)
        if end < 0:
            return
        yield kind, comment[value_start:end].replace("\\]", "]").strip()
        position = end + 1


def _closing_bracket(comment: str, start: int) -> int:
    end = comment.find("]", start)
    while end > start and comment[end - 1] == "\\":
        end = comment.find("]", end + 1)
    if end >= 0:
        return end
    # Only escaped brackets are left: the last one's "]" closes, its "\\" is text.
    last = comment.rfind("\\]", start)
    return last + 1 if last >= 0 else -1


def category_path(line: str) -> tuple[str, ...]:
    """``$CATEGORY: $course$/top/A/B`` -> ``("A", "B")``; ``//`` is a literal slash."""
    return category_segments(line[len(_CATEGORY) :])


def category_segments(path: str) -> tuple[str, ...]:
    """A Moodle category path (``$course$/top/A/B``) as our segments ``("A", "B")``."""
    path = path.strip()
    head, _, rest = path.partition("/")
    if head in _MOODLE_CONTEXTS:
        path = rest
    if path == "top" or path.startswith("top/"):
        path = path[4:]
    segments = path.replace("//", "\x00").split("/")
    cleaned = (segment.replace("\x00", "/").strip() for segment in segments)
    return tuple(segment for segment in cleaned if segment)


def _blocks(lines: list[str]) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines with their 1-based numbers."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def parse_gift(data: bytes | str) -> ParseResult:
    """Parse GIFT text (str, or bytes in UTF-8 with or without BOM)."""
    text, error = decode_source(data)
    result = ParseResult()
    if error is not None:
        result.errors.append(error)
        return result
    pending = _Pending()
    for block in _blocks(text.split("\n")):
        question_lines: list[tuple[int, str]] = []
        for number, line in block:
            stripped = line.strip()
            if stripped.startswith("//"):
                pending.take_comment(stripped)
            elif not question_lines and stripped.startswith(_CATEGORY):
                pending.category = category_path(stripped)
            else:
                question_lines.append((number, line))
        if not question_lines:
            continue
        start_line = question_lines[0][0]
        outcome = _parse_question("\n".join(line for _, line in question_lines), start_line)
        if isinstance(outcome, ParseError):
            result.errors.append(outcome)
            if result.error_limit_reached(start_line):
                break
        else:
            name, stem, stem_format, spec = outcome
            result.questions.append(
                ParsedQuestion(
                    name=name,
                    stem=stem,
                    stem_format=stem_format,
                    spec=spec,
                    category=pending.category,
                    tags=tuple(pending.tags),
                    idnumber=pending.idnumber,
                    line=start_line,
                )
            )
        pending.reset()
    if not result.questions and not result.errors:
        result.errors.append(ParseError.create(1, "no_questions_found"))
    return result


def _split_name(text: str, line: int) -> tuple[str, str] | ParseError:
    """``::name::rest`` -> (name, rest); no title gives an empty name."""
    if not text.startswith("::"):
        return "", text
    end = text.find("::", 2)
    if end < 0:
        return ParseError.create(line, "unterminated_name")
    return " ".join(restore(text[2:end]).split()), text[end + 2 :].lstrip()


def _split_answer_block(
    text: str, line: int, text_format: str
) -> tuple[str, str | None, str] | ParseError:
    """(stem, answer block or None for a description, general feedback)."""
    opening, closing = text.find("{"), text.find("}")
    if opening < 0:
        if closing >= 0:
            return ParseError.create(line, "unbalanced_braces")
        return restore(text).strip(), None, ""
    if closing < opening or text.find("{", opening + 1, closing) >= 0:
        return ParseError.create(line, "unbalanced_braces")
    after = text[closing + 1 :]
    if "{" in after:
        return ParseError.create(line, "multiple_answer_blocks")
    if "}" in after:
        return ParseError.create(line, "unbalanced_braces")
    before = text[:opening]
    # Text after the braces makes it a missing-word question.
    stem = restore(before + BLANK + after if after.strip() else before).strip()
    body, _, general_feedback = text[opening + 1 : closing].partition("####")
    return stem, body, clean_html(general_feedback, text_format)


def _parse_question(raw: str, line: int) -> tuple[str, str, str, QuestionSpec] | ParseError:
    named = _split_name(protect(raw).strip(), line)
    if isinstance(named, ParseError):
        return named
    name, text = named
    stem_format, text = take_format_marker(text)
    stem_format = stem_format or "moodle"
    parts = _split_answer_block(text, line, stem_format)
    if isinstance(parts, ParseError):
        return parts
    stem, body, general_feedback = parts
    if body is None:
        answer_kwargs: dict = {"qtype": "description"}
    else:
        try:
            answer_kwargs = parse_answer_block(body, stem_format)
        except AnswerError as problem:
            return ParseError.create(line, problem.code, **problem.params)
        answer_kwargs["general_feedback"] = general_feedback
    if not stem:
        return ParseError.create(line, "empty_stem")
    try:
        spec = QuestionSpec(id="", **answer_kwargs)
    except ValueError as problem:
        return ParseError.create(line, "invalid_question", detail=str(problem))
    return name or default_name(stem, stem_format), stem, stem_format, spec
