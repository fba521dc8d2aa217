"""Personal data held by certificates (see lms/privacy/registry.py).

An erased holder's certificates are revoked ("erased at the holder's request"),
their name, date of birth and PDF removed, and the content hash taken again over
what the record now says, so the integrity job does not call it altered. They
keep counting in the unit's indicators through ``holder_erased_at``."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Holding, register


def revoke_for_erasure(actor, person):
    from .models import Certificate, CertificateStatus
    from .records import content_hash

    with translation.override("vi"):
        reason = gettext("Erased at the holder's request")
    now = timezone.now()
    for certificate in Certificate.objects.select_for_update().filter(user=person):
        old_pdf = certificate.pdf.name
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_reason = reason
        certificate.revoked_at = certificate.revoked_at or now
        certificate.holder_erased_at = now
        certificate.full_name = ""
        certificate.date_of_birth = None
        certificate.pdf = ""
        certificate.content_hash = content_hash(certificate)
        certificate.save()
        if old_pdf:
            storage = certificate.pdf.storage
            transaction.on_commit(lambda name=old_pdf, storage=storage: storage.delete(name))


register(
    Holding(
        model="certificates.Certificate",
        person="user",
        fields=("full_name", "date_of_birth", "pdf"),
        category=_("Certificates: name, date of birth, score, verification code"),
        purpose=_("Confirming the person reached the basic digital-skills level"),
        seen_by=_("Anyone with the verification code; unit managers; administrators"),
        kept_for=_("Kept; on erasure revoked, the name removed, still counted anonymously"),
        before_erase=revoke_for_erasure,
        exported=(
            "code",
            "audience",
            "issued_at",
            "score_percent",
            "competency_profile",
            "status",
            "revoked_reason",
        ),
    ),
    Holding(
        model="certificates.Certificate",
        person="revoked_by",
        fields=(),
        category=_("Who on the staff did it, kept with what they did"),
        purpose=_("Knowing who revoked a certificate"),
        seen_by=_("Administrators"),
        kept_for=_("Kept with the certificate"),
        on_erase="detach",
        exported=("code", "revoked_at"),
    ),
    Holding(
        model="certificates.Notification",
        person="user",
        fields=(),
        category=_("Notices shown to the learner about their certificates"),
        purpose=_("Telling the learner a certificate is ready"),
        seen_by=_("The learner"),
        kept_for=_("While the account exists"),
        on_erase="delete",
        exported=("kind", "certificate", "created_at", "read_at"),
    ),
)
