from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.certificates import codes, documents
from assessments.certificates.models import Certificate


class Command(BaseCommand):
    help = "Render one certificate's PDF to a file (revoked ones carry ĐÃ THU HỒI)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="verification code, with or without the dash")
        parser.add_argument("--output", "-o", required=True, help="the PDF file to write")

    def handle(self, *args, code, output, **options):
        normalized = codes.normalize(code)
        if not codes.is_well_formed(normalized):
            raise CommandError(f"not a valid verification code: {code!r} (check character)")
        certificate = (
            Certificate.objects.select_related("framework", "unit").filter(code=normalized).first()
        )
        if certificate is None:
            raise CommandError(f"no certificate has the code {normalized}")
        data = documents.render_pdf(certificate)
        Path(output).write_bytes(data)
        self.stdout.write(f"{certificate.printed_code}: {len(data)} bytes → {output}")
