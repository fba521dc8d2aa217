from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.actions.imports import FORMATS, import_questions


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT, Aiken, Moodle XML or Excel (.xlsx) file into the "
        "question bank."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--category", default="", help='base category path, e.g. "A/B"')
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid questions, list the rest"
        )
        parser.add_argument("--publish", action="store_true", help="publish imported questions")

    def handle(self, *args, **options):
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {options['file']}: {error}") from error
        report = import_questions(
            options["format"],
            data,
            category=options["category"],
            dry_run=options["dry_run"],
            skip_invalid=options["skip_invalid"],
            publish=options["publish"],
        )
        for line in report.error_lines():
            self.stderr.write(f"{options['file']}:{line}")
        if report.errors and not options["skip_invalid"]:
            raise CommandError(
                f"{len(report.errors)} error(s); nothing imported (use --skip-invalid to import "
                "the valid questions)"
            )
        if report.updated:
            self.stdout.write(f"updated {report.updated} existing questions")
        prefix = "would have imported" if options["dry_run"] else "imported"
        self.stdout.write(f"{prefix} {report.imported + report.updated} questions")
