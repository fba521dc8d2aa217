"""What can go wrong with a backup, each with a message an operator can act on."""

from django.utils.translation import gettext_lazy as _

from lms.errors import ActionError, Conflict


class BackupError(ActionError):
    code = "backup_failed"
    default_message = _("The backup could not be made.")


class BackupKeyMissing(BackupError):
    code = "backup_key_missing"
    default_message = _(
        "Set BACKUP_ENCRYPTION_KEY (at least 32 characters) in the environment: "
        "backups are always encrypted."
    )


class BackupUnreadable(BackupError):
    """The file cannot be restored; nothing was changed."""

    code = "backup_unreadable"


class BackupTruncated(BackupUnreadable):
    code = "backup_truncated"
    default_message = _("The backup file is truncated (incomplete copy?). Nothing was restored.")


class BackupWrongKey(BackupUnreadable):
    code = "backup_wrong_key"
    default_message = _(
        "The backup was encrypted with another key: check BACKUP_ENCRYPTION_KEY. "
        "Nothing was restored."
    )


class BackupCorrupt(BackupUnreadable):
    code = "backup_corrupt"
    default_message = _(
        "The backup file is damaged or is not a Học vụ số backup. Nothing was restored."
    )


class RestoreRefused(BackupError, Conflict):
    code = "restore_refused"


class DatabaseNotEmpty(RestoreRefused):
    code = "database_not_empty"
    default_message = _(
        "The database already holds accounts or an audit trail. Restore into a fresh "
        "installation, or add --force to replace everything in it."
    )


class SigningKeyDiffers(RestoreRefused):
    code = "signing_key_differs"
    default_message = _(
        "Another certificate signing key is already in place: credentials it signed would "
        "no longer verify. Move it away, or add --force to replace it."
    )


class FilesDiffer(RestoreRefused):
    code = "files_differ"


class BackupFromNewerVersion(RestoreRefused):
    code = "backup_from_newer_version"
