"""What importers produce: plain dataclasses, no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assessments.scoring.spec import QuestionSpec

from .errors import render

STEM_FORMATS = ("moodle", "html", "markdown", "plain")


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    """One imported question.

    ``spec`` holds everything grading needs (its ``id`` is "" until the question
    is saved). ``line`` records where the question starts in the file; it is
    provenance, not content, so it takes no part in equality.
    """

    name: str
    stem: str
    stem_format: str
    spec: QuestionSpec
    category: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    idnumber: str = ""
    line: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if self.stem_format not in STEM_FORMATS:
            raise ValueError(f"stem_format must be one of {STEM_FORMATS}, got {self.stem_format!r}")
        if not isinstance(self.spec, QuestionSpec):
            raise ValueError(f"spec must be a QuestionSpec, got {self.spec!r}")
        object.__setattr__(self, "category", tuple(self.category))
        object.__setattr__(self, "tags", tuple(self.tags))

    @property
    def qtype(self) -> str:
        return self.spec.qtype

    @property
    def general_feedback(self) -> str:
        return self.spec.general_feedback


@dataclass(frozen=True, slots=True)
class ParseError:
    """A problem at a 1-based ``line``; translate by ``code`` and ``params``."""

    line: int
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, line: int, code: str, **params: Any) -> ParseError:
        return cls(line=line, code=code, message=render(code, params), params=params)


# Parsing stops after this many errors, so a large file of garbage fails fast
# and the error list stays readable.
MAX_ERRORS = 200


@dataclass(slots=True)
class ParseResult:
    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)

    def error_limit_reached(self, line: int) -> bool:
        """True (after adding a final "too_many_errors" entry) once MAX_ERRORS
        errors are collected; parsers stop reading then."""
        if len(self.errors) < MAX_ERRORS:
            return False
        del self.errors[MAX_ERRORS:]
        self.errors.append(ParseError.create(line, "too_many_errors", limit=MAX_ERRORS))
        return True
