"""Telling the learner: the messages on "Học tập của tôi" and the e-mail sent
when a certificate is issued."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .links import absolute_url, audience_label, verify_url
from .models import Certificate, Notification


def unread_notifications(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).select_related(
        "certificate"
    )


def do_mark_notifications_read(user, ids) -> int:
    """Mark the user's own messages read; the count changed. Not audited: it
    changes nothing anyone else relies on."""
    # Ids come from a form: anything but a plain number is ignored, not a 500.
    wanted = [int(i) for i in ids if re.fullmatch(r"[0-9]{1,18}", str(i))]
    return Notification.objects.filter(user=user, pk__in=wanted, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def send_certificate_email(certificate_id: int) -> bool:
    """E-mail the holder that their certificate was issued (the dashboard message
    exists either way). True when a message was sent."""
    certificate = (
        Certificate.objects.select_related("user", "framework").filter(pk=certificate_id).first()
    )
    if certificate is None or certificate.user is None or not certificate.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "certificate": certificate,
            "verify_url": verify_url(certificate.code),
            "learning_url": absolute_url(reverse("accounts:dashboard")),
            "audience_label": audience_label(certificate.audience),
        }
        subject = _("Your digital skills certificate has been issued")
        body = render_to_string("certificates/email_issued.txt", context)
    send_mail(subject, body, None, [certificate.user.email])
    return True
