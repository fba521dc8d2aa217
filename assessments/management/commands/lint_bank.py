"""manage.py lint_bank: report a bank's tells (assessments/lint.py). Exits with
an error when a bank-wide threshold fails or a blocking tell is found."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.actions.imports import FORMATS, parse_file
from assessments.lint import LintQuestion, format_text, lint_bank
from assessments.models import Question, QuestionCategory, QuestionStatus


def questions_from_db(category: str = "", pool_only: bool = False) -> list[LintQuestion]:
    questions = Question.objects.exclude(status=QuestionStatus.RETIRED).filter(
        current_version__isnull=False
    )
    if pool_only:
        questions = questions.in_certification_pool()
    if category:
        if not QuestionCategory.objects.filter(path=category).exists():
            raise CommandError(f"no category {category!r}")
        questions = questions.filter(category__path=category) | questions.filter(
            category__path__startswith=f"{category}/"
        )
    rows = questions.order_by("pk").values_list("pk", "idnumber", "current_version__spec")
    return [LintQuestion(idnumber or f"#{pk}", spec) for pk, idnumber, spec in rows]


def questions_from_file(path: Path, fmt: str) -> list[LintQuestion]:
    parsed, errors, _extras = parse_file(fmt, path.read_bytes())
    if errors:
        raise CommandError(f"{path}: {len(errors)} errors, first on line {errors[0].line}")
    return [
        LintQuestion(question.idnumber or f"{path.name}:{question.line}", question.spec.to_dict())
        for question in parsed
    ]


class Command(BaseCommand):
    help = (
        "Report tells in a question bank: correct option longest, 'all/none of the above', "
        "ordering questions with two items, duplicate options, true/false imbalance."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("--category", default="", help="only this category path and below")
        parser.add_argument(
            "--pool", action="store_true", help="only the reviewed certification pool"
        )
        parser.add_argument("--file", default="", help="lint an import file instead of the bank")
        parser.add_argument("--file-format", choices=FORMATS, default="gift")

    def handle(self, *args, **options):
        if options["file"]:
            questions = questions_from_file(Path(options["file"]), options["file_format"])
        else:
            questions = questions_from_db(options["category"].strip("/"), options["pool"])
        report = lint_bank(questions)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(format_text(report))
        if not report.passed:
            raise CommandError("the bank has tells above the thresholds")
