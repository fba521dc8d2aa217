from django.core.management.base import BaseCommand

from lms.units.actions import load_administrative_units


class Command(BaseCommand):
    help = "Load the 34 provinces and 3,321 communes/wards (2025) from vietnam-provinces."

    def handle(self, *args, **options):
        stats = load_administrative_units()
        self.stdout.write(
            "units: {created} created, {updated} updated, {unchanged} unchanged".format(**stats)
        )
