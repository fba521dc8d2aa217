"""What "Học tập của tôi" shows: the learner's attempts, results, certificates
and unread messages. A plain function, so the accounts dashboard can reuse it
through the ``{% my_learning %}`` tag (templatetags/certificate_tags.py)."""

from __future__ import annotations

from assessments.models import Attempt

from .links import verify_url
from .models import Certificate
from .notifications import unread_notifications

ATTEMPTS_SHOWN = 30


def learning_context(user) -> dict:
    """Four queries, whatever the number of rows."""
    attempts = list(
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .order_by("-started_at")[:ATTEMPTS_SHOWN]
    )
    certificates = [
        {"certificate": certificate, "verify_url": verify_url(certificate.code)}
        for certificate in Certificate.objects.filter(user=user).select_related("framework")
    ]
    notifications = list(unread_notifications(user)[:20])
    return {
        "learning_attempts": attempts,
        "learning_certificates": certificates,
        "learning_notifications": notifications,
    }
