from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    name = "lms.backup"
    label = "backup"
    verbose_name = _("Backups")

    def ready(self):
        from .epoch import load_on_connect

        connection_created.connect(load_on_connect, dispatch_uid="lms.backup.epoch")
