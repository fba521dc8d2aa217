from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "lms.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        # Each app says what personal data it holds in its own privacy.py, the way
        # each app has its admin.py: the register, the export and the erasure read
        # only from there, so a new app cannot be forgotten by a list kept here.
        autodiscover_modules("privacy")
        from lms.audit.verbs import register_verbs

        from .audit_verbs import VERBS

        register_verbs(VERBS)
