"""How this app's audit verbs read on the audit trail page (lms/audit/verbs.py)."""

from django.utils.translation import gettext_lazy as _

VERBS = {
    "certificates.issued": _("Certificate issued"),
    "certificates.revoked": _("Certificate revoked"),
    "certificates.exported": _("Certificates exported"),
    "certificates.printed": _("Class certificates printed"),
    "certificates.integrity_checked": _("Certificate records checked"),
    "certificates.integrity_failed": _("Certificate record altered"),
}
