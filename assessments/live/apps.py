from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "assessments.live"
    label = "live"
    verbose_name = _("Live classroom quizzes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.audit.verbs import register_verbs

        from .audit_verbs import VERBS

        register_verbs(VERBS)
