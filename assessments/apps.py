from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from lms.audit.verbs import register_verbs

        from .audit_verbs import VERBS

        register_verbs(VERBS)

        from .caches import connect_signals

        connect_signals()
