from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "assessments.certificates"
    label = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.accounts.audience import audience_change_locks

        from . import checks  # noqa: F401  (registers the system checks)
        from .locks import certificate_locks_audience
        from .receivers import connect

        connect()  # issue on "attempt graded"; PDF and e-mail on "certificate issued"
        from lms.audit.verbs import register_verbs

        from .audit_verbs import VERBS

        register_verbs(VERBS)

        audience_change_locks.connect(certificate_locks_audience, dispatch_uid="certificates")
