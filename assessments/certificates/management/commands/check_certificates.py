from django.core.management.base import BaseCommand, CommandError

from assessments.certificates.integrity_scan import do_check_certificate_integrity


class Command(BaseCommand):
    help = (
        "Recompute every certificate's content hash; record an audit event per altered "
        "record, e-mail ADMINS, and exit with status 1 when any is altered."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help="rows read per query (default: CERTIFICATE_INTEGRITY_BATCH_SIZE)",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        report = do_check_certificate_integrity(batch_size)
        for item in report.altered:
            self.stdout.write(f"ALTERED {item.code} (stored hash {item.stored_hash})")
        summary = (
            f"Checked {report.checked} certificates: {len(report.altered)} altered "
            f"({report.new} newly found)."
        )
        if report.altered:
            codes = ", ".join(item.code for item in report.altered[:20])
            raise CommandError(f"{summary} {codes}")
        self.stdout.write(self.style.SUCCESS(summary))
