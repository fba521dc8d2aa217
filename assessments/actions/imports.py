"""Importing question files (GIFT, Aiken, Moodle XML, the Excel template) into the bank.

All or nothing by default: any invalid question means nothing is imported and
every problem is reported with its line (or row). ``skip_invalid`` imports the
valid ones. ``dry_run`` checks and counts without writing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from assessments.formats import MESSAGES, parse_aiken, parse_gift, parse_moodle_xml
from assessments.formats.model import ParsedQuestion, ParseError
from assessments.importers.xlsx import RowExtras, parse_xlsx
from assessments.importers.xlsx_columns import XLSX_MESSAGES
from assessments.models import Question, QuestionStatus, QuestionUsage
from lms.audiences import Audience
from lms.audit.record import record_event
from lms.framework.models import Competency, FrameworkVersion

from .questions import (
    QuestionData,
    category_for_path,
    changes_nothing,
    do_create_question,
    do_update_question,
)

FORMATS = ("gift", "aiken", "xml", "xlsx")
MAX_STEM_LENGTH = 100_000
IMPORT_MESSAGES = {
    "stem_too_long": gettext_noop("the question text is longer than {limit} characters"),
    "duplicate_idnumber": gettext_noop("the ID number '{idnumber}' is used twice in the file"),
    "unknown_audience": gettext_noop("unknown audience '{value}'"),
    "unknown_format": gettext_noop("unknown format '{value}'"),
}


def problem_message(error: ParseError) -> str:
    """The error in the current language (English msgids, translated by code)."""
    template = MESSAGES.get(error.code) or XLSX_MESSAGES.get(error.code)
    template = template or IMPORT_MESSAGES.get(error.code)
    if template is None:
        return error.message
    try:
        return gettext(template).format(**error.params)
    except (KeyError, IndexError):
        return error.message


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    errors: list[ParseError] = field(default_factory=list)
    dry_run: bool = False
    question_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_lines(self) -> list[str]:
        return [f"{error.line}: {problem_message(error)}" for error in self.errors]


def parse_file(fmt: str, data: bytes) -> tuple[list[ParsedQuestion], list[ParseError], dict]:
    if fmt == "gift":
        result, extras = parse_gift(data), {}
    elif fmt == "aiken":
        result, extras = parse_aiken(data), {}
    elif fmt == "xml":
        result, extras = parse_moodle_xml(data), {}
    elif fmt == "xlsx":
        parsed = parse_xlsx(
            data,
            max_rows=settings.ASSESSMENTS_XLSX_MAX_ROWS,
            max_uncompressed_bytes=settings.ASSESSMENTS_XLSX_MAX_UNCOMPRESSED_MB * 1024 * 1024,
        )
        result, extras = parsed.result, parsed.extras
    else:
        return [], [_problem(1, "unknown_format", value=fmt)], {}
    return result.questions, result.errors, extras


def _problem(line: int, code: str, **params) -> ParseError:
    return ParseError(line, code, IMPORT_MESSAGES[code].format(**params), params)


def _check(questions: list[ParsedQuestion], extras: dict) -> list[ParseError]:
    problems, seen = [], {}
    audiences = set(Audience.values)
    for question in questions:
        if len(question.stem) > MAX_STEM_LENGTH:
            problems.append(_problem(question.line, "stem_too_long", limit=MAX_STEM_LENGTH))
        if question.idnumber:
            if question.idnumber in seen:
                problems.append(
                    _problem(question.line, "duplicate_idnumber", idnumber=question.idnumber)
                )
            seen[question.idnumber] = question.line
        for audience in extras.get(question.line, RowExtras()).audiences:
            if audience not in audiences:
                problems.append(_problem(question.line, "unknown_audience", value=audience))
    return problems


def import_questions(
    fmt: str,
    data: bytes,
    *,
    category: str = "",
    dry_run: bool = False,
    skip_invalid: bool = False,
    publish: bool = False,
    match_by_name: bool = False,
    user=None,
    framework: FrameworkVersion | None = None,
    usage: str | None = None,
) -> ImportReport:
    """Import a file's questions; see the module docstring for the rules.

    ``[tag:CODE]`` tags equal to a competency code of the framework (the current
    one by default) link that competency, and the competency's audience; other
    tags stay tags. A question whose ID number exists (or, with
    ``match_by_name``, whose name exists in the same category) is updated."""
    questions, errors, extras = parse_file(fmt, data)
    errors = sorted([*errors, *_check(questions, extras)], key=lambda error: error.line)
    report = ImportReport(errors=errors, dry_run=dry_run)
    bad_lines = {error.line for error in errors}
    if errors and not skip_invalid:
        return report
    valid = [question for question in questions if question.line not in bad_lines]
    framework = framework or FrameworkVersion.objects.current()
    competencies = {}
    if framework is not None:
        competencies = {
            c.code: c for c in Competency.objects.filter(framework=framework).select_related("area")
        }
    with transaction.atomic():
        categories: dict[tuple, object] = {}
        for parsed in valid:
            path = tuple(part for part in category.split("/") if part.strip()) + parsed.category
            if path not in categories:
                categories[path] = category_for_path(path)
            created = _save(
                parsed,
                categories[path],
                extras.get(parsed.line, RowExtras()),
                competencies,
                publish,
                match_by_name,
                user,
                report,
                usage,
            )
            report.imported += created
        if dry_run:
            transaction.set_rollback(True)
            report.question_ids = []
        elif user is not None and report.question_ids:
            record_event(
                actor=user,
                verb="assessments.questions_imported",
                extra={
                    "format": fmt,
                    "created": report.imported,
                    "updated": report.updated,
                    "published": publish,
                    "question_ids": report.question_ids[:1000],
                },
            )
    return report


def _save(
    parsed, category, extras, competencies, publish, match_by_name, user, report, usage=None
) -> int:
    linked = [competencies[tag] for tag in parsed.tags if tag in competencies]
    tags = [tag for tag in parsed.tags if tag not in competencies]
    audiences = list(extras.audiences) or list(
        dict.fromkeys(competency.area.audience for competency in linked)
    )
    existing = None
    if parsed.idnumber:
        existing = Question.objects.filter(idnumber=parsed.idnumber).first()
    if existing is None and match_by_name:
        existing = Question.objects.filter(name=parsed.name[:255], category=category).first()
    status = QuestionStatus.PUBLISHED if publish else QuestionStatus.DRAFT
    if existing is not None and not publish:
        status = existing.status
    points = extras.points if extras.points is not None else parsed.spec.points
    data = QuestionData(
        name=parsed.name,
        stem=parsed.stem,
        stem_format=parsed.stem_format,
        spec=parsed.spec,
        category=category,
        idnumber=parsed.idnumber,
        status=status,
        # Updating keeps the question's use unless the import sets one.
        usage=usage or (existing.usage if existing else QuestionUsage.CERTIFICATION),
        difficulty=extras.difficulty or (existing.difficulty if existing else 2),
        default_points=Decimal(str(points)),
        audiences=audiences,
        competencies=linked,
        tags=tags,
    )
    if existing is not None:
        if not changes_nothing(existing, data):  # an unchanged question keeps its rows
            existing = do_update_question(existing, data, user, audit=False)
        report.updated += 1
        report.question_ids.append(existing.pk)
        return 0
    question = do_create_question(data, user, audit=False)
    report.question_ids.append(question.pk)
    return 1
