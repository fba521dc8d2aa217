"""A learner who holds a certificate (even a revoked one) may no longer change
their own audience: the certificate names it. Staff still can (lms.accounts.audience)."""

from django.utils.translation import gettext as _


def certificate_locks_audience(sender, person, **kwargs):
    from .models import Certificate

    if Certificate.objects.filter(user=person).exists():
        return _(
            "You already hold a certificate, so your audience can only be changed by your "
            "unit's staff."
        )
    return None
