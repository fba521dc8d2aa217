from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from lms.backup.errors import BackupError
from lms.backup.service import do_backup, prune


class Command(BaseCommand):
    help = (
        "Write one encrypted backup file (database, media, private files, certificate "
        "signing key, manifest) into a folder. Needs BACKUP_ENCRYPTION_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Folder for the backup file.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--keep", type=int, default=0, help="Then delete all but the N newest backups."
        )

    def handle(self, *args, output, database, keep, **options):
        try:
            result = do_backup(Path(output), alias=database)
        except BackupError as error:
            raise CommandError(f"[{error.code}] {error.message}") from error
        except OSError as error:
            raise CommandError(f"[backup_failed] {error}") from error
        self.stdout.write(
            _("Backup written: %(path)s (%(size)s, %(members)d files, %(seconds).1f s)")
            % {
                "path": result.path,
                "size": filesizeformat(result.size),
                "members": len(result.manifest["members"]),
                "seconds": result.seconds,
            }
        )
        if keep > 0:
            for path in prune(Path(output), keep):
                self.stdout.write(_("Old backup deleted: %(path)s") % {"path": path})
