"""Close a reporting quarter: its reported values are frozen from then on."""

from django.core.management.base import BaseCommand, CommandError

from lms.accounts.models import User
from lms.errors import ActionError
from movement import actions


class Command(BaseCommand):
    help = "Close a quarter (e.g. close_quarter 2026 3 --by admin); its figures stop changing."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--by", required=True, help="the administrator's username")

    def handle(self, *args, year, quarter, by, **options):
        actor = User.objects.filter(username=by).first()
        if actor is None:
            raise CommandError(f"no user {by!r}")
        try:
            period = actions.do_close_period(actor=actor, year=year, quarter=quarter)
        except ActionError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(f"Q{period.quarter}/{period.year} closed.")
