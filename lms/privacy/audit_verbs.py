"""How this app's audit verbs read on the audit trail page (lms/audit/verbs.py)."""

from django.utils.translation import gettext_lazy as _

VERBS = {
    "privacy.consent_recorded": _("Consent recorded"),
    "privacy.erasure_requested": _("Erasure requested"),
    "privacy.export_requested": _("Copy of personal data requested"),
    "privacy.export_downloaded": _("Copy of personal data downloaded"),
    "privacy.person_erased": _("Personal data erased"),
    "privacy.retention_applied": _("Retention rules applied"),
}
