"""Consent to the privacy notice: who must give it, and recording it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.audit.record import record_event
from lms.errors import ActionError, PermissionDenied

from .models import ConsentMethod, ConsentRecord


def notice_version() -> str:
    return settings.PRIVACY_NOTICE_VERSION


def age_on(birth: date | None, today: date) -> int | None:
    """Whole years from ``birth`` to ``today`` (None when unknown)."""
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def needs_guardian(birth: date | None, today: date, guardian_age: int) -> bool:
    age = age_on(birth, today)
    return age is not None and age < guardian_age


def person_needs_guardian(user) -> bool:
    return needs_guardian(
        user.date_of_birth, timezone.localdate(), settings.PRIVACY_GUARDIAN_CONSENT_AGE
    )


def has_current_consent(user) -> bool:
    return ConsentRecord.objects.filter(user=user, notice_version=notice_version()).exists()


class ConsentError(ActionError):
    code = "consent_invalid"


def do_record_consent(*, user, method: str, actor=None, guardian_name="", guardian_relation=""):
    """Record consent to the current notice. A person under the guardian age
    cannot consent alone: staff record the guardian's consent for them."""
    if method == ConsentMethod.GUARDIAN:
        if actor is None or actor == user:
            raise PermissionDenied(_("A guardian's consent is recorded by staff."))
        if not guardian_name.strip():
            raise ConsentError(_("Write the guardian's name."))
    elif person_needs_guardian(user) and method != ConsentMethod.OFFICE:
        raise ConsentError(
            _(
                "You are under %(age)d: your parent or guardian gives consent, and your "
                "instructor or the commune office records it."
            )
            % {"age": settings.PRIVACY_GUARDIAN_CONSENT_AGE}
        )
    with transaction.atomic():
        record = ConsentRecord.objects.create(
            user=user,
            notice_version=notice_version(),
            method=method,
            guardian_name=guardian_name.strip(),
            guardian_relation=guardian_relation.strip(),
            recorded_by=actor if actor is not None and actor != user else None,
        )
        record_event(
            actor=actor or user,
            verb="privacy.consent_recorded",
            target=user,
            unit=getattr(user, "home_unit", None),
            extra={"notice_version": record.notice_version, "method": method},
        )
    return record
