from django.core.management.base import BaseCommand

from assessments.actions import submit_expired_attempts


class Command(BaseCommand):
    help = "Submit open attempts whose time limit and grace period have passed."

    def handle(self, *args, **options):
        self.stdout.write(f"submitted {submit_expired_attempts()} attempts")
