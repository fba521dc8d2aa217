from django.core.management.base import BaseCommand, CommandError

from lms.framework.loader import FrameworkFixtureError, fixture_paths, load_framework_file


class Command(BaseCommand):
    help = "Load framework versions from JSON fixtures (default: every shipped fixture)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="fixture files; default: the shipped ones")

    def handle(self, *args, paths, **options):
        for path in paths or fixture_paths():
            try:
                stats = load_framework_file(path)
            except FrameworkFixtureError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"{path.name if hasattr(path, 'name') else path}: {stats['areas']} areas, "
                f"{stats['competencies']} competencies, {stats['created']} new"
            )
