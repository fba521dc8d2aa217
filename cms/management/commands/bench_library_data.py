"""Grow the library and the question bank to benchmark sizes (deterministic)."""

from django.core.management.base import BaseCommand, CommandError

from assessments.bench_data import IDNUMBER_PREFIX, grow_bank
from assessments.models import Question
from cms.bench_data import LIBRARY_TABLES, SLUG_PREFIX, grow_library, refresh_planner_statistics
from cms.models import LibraryItemPage
from lms.accounts.models import User
from lms.core.management.commands.seed_demo import DEMO_ACCOUNTS


def foreign_content() -> list[str]:
    """What a real site holds and a bench site does not: people other than the demo
    accounts, and more items or questions than the demo seed plus the bench's own."""
    found = []
    demo_usernames = [username for username, *_rest in DEMO_ACCOUNTS]
    people = User.objects.exclude(username__in=demo_usernames).count()
    if people:
        found.append(f"{people} accounts besides the demo accounts")
    items = LibraryItemPage.objects.exclude(slug__startswith=SLUG_PREFIX).count()
    if items > 100:
        found.append(f"{items} library items that are not bench data")
    questions = Question.objects.exclude(idnumber__startswith=IDNUMBER_PREFIX).count()
    if questions > 500:
        found.append(f"{questions} questions that are not bench data")
    return found


class Command(BaseCommand):
    help = (
        "Grow the library to --items items and the question bank to --questions "
        "questions with deterministic bench data (after seed_demo). Refuses on a "
        "database holding real content unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=5000)
        parser.add_argument("--questions", type=int, default=10000)
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, items, questions, force, **options):
        found = foreign_content()
        if found and not force:
            raise CommandError(
                "This database holds content that is not bench data ("
                + "; ".join(found)
                + "). Use a bench database, or --force."
            )
        added_items = grow_library(items)
        added_questions = grow_bank(questions)
        refresh_planner_statistics(*LIBRARY_TABLES, "assessments_question")
        self.stdout.write(
            f"Library: {LibraryItemPage.objects.count()} items (+{added_items}); "
            f"bank: {Question.objects.count()} questions (+{added_questions})."
        )
