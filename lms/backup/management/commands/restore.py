from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from lms.backup.errors import BackupError
from lms.backup.service import do_restore


class Command(BaseCommand):
    help = (
        "Restore a backup file into this (fresh) installation: database, media, private "
        "files and the signing key. Checks the whole file first. Needs BACKUP_ENCRYPTION_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .hvsbak file.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that holds data, a different signing key, differing files.",
        )

    def handle(self, *args, file, database, force, **options):
        try:
            result = do_restore(Path(file), alias=database, force=force)
        except BackupError as error:
            raise CommandError(f"[{error.code}] {error.message}") from error
        except OSError as error:
            raise CommandError(f"[restore_failed] {error}") from error
        self.stdout.write(
            _(
                "Restored %(file)s (made %(created)s): the database and %(files)d files, "
                "in %(seconds).1f s. The cache was cleared."
            )
            % {
                "file": Path(file).name,
                "created": result.manifest.get("created_at", "?"),
                "files": result.files,
                "seconds": result.seconds,
            }
        )
