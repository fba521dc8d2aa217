"""Personal data held by the privacy app itself (see registry.py)."""

from django.utils.translation import gettext_lazy as _

from .registry import Holding, register


def delete_export_files(actor, person):
    from .models import PrivacyRequest

    for request in PrivacyRequest.objects.filter(subject=person).exclude(file=""):
        request.file.delete(save=False)


register(
    Holding(
        model="privacy.ConsentRecord",
        person="user",
        fields=("guardian_name", "guardian_relation"),
        category=_("Consent to the privacy notice (and a guardian's, under 16)"),
        purpose=_("Proving that the person, or their guardian, agreed"),
        seen_by=_("The person; unit managers; administrators"),
        kept_for=_("While the account exists"),
        exported=("notice_version", "given_at", "method"),
    ),
    Holding(
        model="privacy.ConsentRecord",
        person="recorded_by",
        fields=(),
        category=_("Who on the staff did it, kept with what they did"),
        purpose=_("Knowing who recorded a guardian's consent"),
        seen_by=_("Administrators"),
        kept_for=_("While the consent is kept"),
        on_erase="detach",
        exported=("given_at",),
    ),
    Holding(
        model="privacy.PrivacyRequest",
        person="subject",
        fields=("file",),
        category=_("Requests for a copy of one's data or for erasure"),
        purpose=_("Answering the person's requests"),
        seen_by=_("The person; unit managers; administrators"),
        kept_for=_("Copies: PRIVACY_EXPORT_KEEP_DAYS (default 7 days); requests: kept"),
        on_erase="detach",
        before_erase=delete_export_files,
        exported=("kind", "status", "created_at", "finished_at"),
    ),
    Holding(
        model="privacy.PrivacyRequest",
        person="requested_by",
        fields=(),
        category=_("Who on the staff did it, kept with what they did"),
        purpose=_("Knowing who asked on a person's behalf"),
        seen_by=_("Administrators"),
        kept_for=_("While the request is kept"),
        on_erase="detach",
        exported=("kind", "created_at"),
    ),
    Holding(
        model="privacy.PrivacyRequest",
        person="confirmed_by",
        fields=(),
        category=_("Who on the staff did it, kept with what they did"),
        purpose=_("Knowing who confirmed an erasure"),
        seen_by=_("Administrators"),
        kept_for=_("While the request is kept"),
        on_erase="detach",
        exported=("kind", "finished_at"),
    ),
)
