from django.core.management.base import BaseCommand

from assessments.actions import regrade_attempts


class Command(BaseCommand):
    help = "Score submitted attempts again from their stored answers."

    def add_arguments(self, parser):
        parser.add_argument("--quiz", type=int, action="append", help="quiz id (repeatable)")

    def handle(self, *args, **options):
        report = regrade_attempts(options["quiz"])
        self.stdout.write(
            f"regraded {report.attempts} attempts ({report.changed} changed) in "
            f"{report.seconds:.2f} s ({report.per_second:.0f}/s)"
        )
