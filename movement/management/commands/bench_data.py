"""Build the province-sized bench dataset (movement.benchdata) on PostgreSQL:

    manage.py bench_data --learners 100000 --classes 2000 --courses 500

Refuses outside DEBUG or on production settings (unless --yes-i-know), next to
real accounts, and on a database that already holds one."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from movement.benchdata.classes import build_classes
from movement.benchdata.credentials import build_credentials
from movement.benchdata.figures import (
    build_ambassadors,
    build_boards_and_rollup,
    build_figures,
    build_teams,
)
from movement.benchdata.files import FILE_SETTINGS, roots_outside
from movement.benchdata.guard import Refused, check_may_build
from movement.benchdata.learning import NoLibrary, build_courses, build_enrolments
from movement.benchdata.people import build_learners, build_staff
from movement.benchdata.places import build_places
from movement.benchdata.plan import Built, Sizes, Stopwatch


class Command(BaseCommand):
    help = "Build a province-sized, seeded dataset for benchmarks (PostgreSQL, throw-away DB)."

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--learners", type=int, default=defaults.learners)
        parser.add_argument("--communes", type=int, default=defaults.communes)
        parser.add_argument(
            "--villages",
            type=int,
            default=defaults.villages_per_commune,
            help="villages per commune",
        )
        parser.add_argument("--classes", type=int, default=defaults.classes)
        parser.add_argument("--courses", type=int, default=defaults.courses)
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--yes-i-know",
            action="store_true",
            help="allow DEBUG off: this database is a throw-away one",
        )
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="do not run seed_demo first (the library must be there)",
        )

    def handle(self, *args, **options):
        try:
            check_may_build(i_know=options["yes_i_know"])
        except Refused as refusal:
            raise CommandError(str(refusal)) from None
        sizes = Sizes(
            learners=options["learners"],
            communes=options["communes"],
            villages_per_commune=options["villages"],
            classes=options["classes"],
            courses=options["courses"],
            seed=options["seed"],
        )
        # Files (the demo's quarterly report) go outside the source tree: see benchdata.files.
        moved = roots_outside(
            settings.BASE_DIR,
            {name: getattr(settings, name) for name in FILE_SETTINGS},
            settings.DATABASES["default"]["NAME"],
        )
        for name, root in moved.items():
            self.stdout.write(f"{name} for this build (serve it with the same): {root}")
        with override_settings(**{name: str(root) for name, root in moved.items()}):
            self.build_all(sizes, options)

    def build_all(self, sizes: Sizes, options) -> None:
        started = time.perf_counter()
        if not options["no_demo"]:
            call_command("seed_demo", stdout=self.stdout)
        import random

        built = Built(sizes=sizes, rng=random.Random(sizes.seed))  # noqa: S311 - seeded on purpose
        try:
            self.build(built)
        except NoLibrary as error:
            raise CommandError(str(error)) from None
        with connection.cursor() as cursor:  # fresh planner statistics for the bench
            cursor.execute("ANALYZE")
        total = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Bench dataset ready in {total:.0f} s: {sizes.learners} learners, "
                f"{len(built.villages)} villages in {len(built.communes)} communes, "
                f"{sizes.classes} classes, {sizes.courses} courses, "
                f"{built.timings.get('certificates_issued', 0):.0f} certificates."
            )
        )

    @transaction.atomic
    def build(self, built: Built) -> None:
        out = self.stdout
        steps = [
            ("units", build_places),
            ("learners", build_learners),
            ("staff", build_staff),
            ("courses", build_courses),
            ("enrolments and progress", build_enrolments),
            ("classes, sessions, attendance", build_classes),
        ]
        for name, builder in steps:
            with Stopwatch(built, name, out):
                builder(built)
        with Stopwatch(built, "attempts and certificates", out):
            built.timings["certificates_issued"] = build_credentials(built)
        for name, builder in [
            ("teams and activities", build_teams),
            ("ambassadors", build_ambassadors),
            ("denominators, targets, reported values", build_figures),
            ("ranking boards, certified roll-up, closed quarters frozen", build_boards_and_rollup),
        ]:
            with Stopwatch(built, name, out):
                builder(built)
