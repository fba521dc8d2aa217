import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from assessments.certificates import exports
from assessments.certificates.models import Certificate
from lms.units.models import Unit


class Command(BaseCommand):
    help = (
        "Export certificates (code, full_name, date_of_birth, audience, framework_version, "
        "unit_code, unit_name, issued_at, status, verify_url) as CSV or XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--since", help="issued on or after this date (YYYY-MM-DD)")
        parser.add_argument("--unit", help="only this unit and the units under it (unit code)")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, format, since, unit, output, **options):
        since_date = None
        if since:
            try:
                since_date = date.fromisoformat(since)
            except ValueError:
                raise CommandError(f"--since must be YYYY-MM-DD, got {since!r}") from None
        unit_obj = None
        if unit:
            unit_obj = Unit.objects.filter(code=unit).first()
            if unit_obj is None:
                raise CommandError(f"no unit has the code {unit!r}")
        queryset = exports.filter_certificates(
            Certificate.objects.all(), since=since_date, unit=unit_obj
        )
        if format == "csv":
            if output:
                with open(output, "w", encoding="utf-8", newline="") as handle:
                    for chunk in exports.csv_chunks(queryset):
                        handle.write(chunk)
            else:
                for chunk in exports.csv_chunks(queryset, bom=False):
                    self.stdout.write(chunk, ending="")
            return
        if output:
            with open(output, "wb") as handle:
                exports.write_xlsx(queryset, handle)
        else:
            target = getattr(self.stdout, "_out", sys.stdout)
            target = getattr(target, "buffer", target)
            exports.write_xlsx(queryset, target)
