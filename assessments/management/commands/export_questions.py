import sys

from django.core.management.base import BaseCommand, CommandError

from assessments.exports.questions import (
    export_questions_gift,
    export_questions_xlsx,
    export_questions_xml,
)
from assessments.models import Question, QuestionCategory


class Command(BaseCommand):
    help = (
        "Export questions as GIFT, Moodle XML or Excel. GIFT has no syntax for ordering "
        "questions: they are skipped with a warning (use --format xml or xlsx to keep them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("gift", "xml", "xlsx"), required=True)
        parser.add_argument("--category", default="", help="only this category path and below")
        parser.add_argument("--output", default="", help="file to write (default: stdout)")

    def handle(self, *args, **options):
        questions = Question.objects.all()
        path = options["category"].strip("/")
        if path:
            if not QuestionCategory.objects.filter(path=path).exists():
                raise CommandError(f"no category {path!r}")
            questions = questions.filter(category__path=path) | questions.filter(
                category__path__startswith=f"{path}/"
            )
        if options["format"] == "gift":
            text, skipped = export_questions_gift(questions)
            for name in skipped:
                self.stderr.write(f"skipped ordering question {name!r}: GIFT cannot express it")
            data = text.encode("utf-8")
        elif options["format"] == "xml":
            data = export_questions_xml(questions)
        else:
            if not options["output"]:
                raise CommandError("--format xlsx needs --output FILE")
            data = export_questions_xlsx(questions)
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(data)
        else:
            sys.stdout.flush()
            self.stdout.write(data.decode("utf-8"), ending="")
