"""The refusals of certificate actions: each carries a stable ``code``, an HTTP
status and a translated message (``lms.errors.ActionError``)."""

from django.utils.translation import gettext_lazy as _

from lms.errors import ActionError, Conflict


class CertificateError(ActionError):
    code = "certificate_refused"
    default_message = _("This certificate action is not possible.")


class CertificateNotFound(CertificateError):
    status = 404
    code = "certificate_not_found"
    default_message = _("No certificate has this code.")


class CertificateRevoked(CertificateError):
    status = 410
    code = "certificate_revoked"
    default_message = _("This certificate has been revoked.")


class CertificateAltered(CertificateError, Conflict):
    """The stored record no longer matches its content hash: nothing is signed or
    handed out from it until it is restored."""

    code = "certificate_altered"
    default_message = _(
        "Record altered: this certificate's stored record no longer matches what was "
        "issued. Contact the issuing unit."
    )


class RevocationRefused(CertificateError):
    code = "revocation_refused"
