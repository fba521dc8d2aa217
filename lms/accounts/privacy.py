"""Personal data held by accounts (see lms/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Holding, register
from lms.privacy.retention import register_purge

STAFF_ACTIONS = _("Who on the staff did it, kept with what they did")

register(
    Holding(
        model="accounts.User",
        person="pk",
        fields=(
            "username",
            "first_name",
            "last_name",
            "full_name",
            "email",
            "phone",
            "date_of_birth",
            "search_text",
        ),
        category=_("Identity and contact: name, phone, e-mail, date of birth"),
        purpose=_("Signing in, certificates in the person's name, contacting the learner"),
        seen_by=_("The person; unit managers of their unit and above; administrators"),
        kept_for=_("While the account exists"),
        blank={"username": lambda user: f"erased-{user.pk}", "is_active": False},
        exported=("audience", "home_unit", "date_joined", "last_login"),
    ),
    Holding(
        model="accounts.PasswordResetCode",
        person="user",
        fields=("code_hash",),
        category=_("Password reset codes (stored hashed)"),
        purpose=_("Letting a learner without e-mail set a new password"),
        seen_by=_("No one: only the hash is stored"),
        kept_for=_("Until used or expired, then purged daily"),
        on_erase="delete",
        exported=("created_at", "expires_at", "used_at"),
    ),
    Holding(
        model="accounts.PasswordResetCode",
        person="issued_by",
        fields=(),
        category=STAFF_ACTIONS,
        purpose=_("Knowing who issued a reset code"),
        seen_by=_("Administrators"),
        kept_for=_("Until the code is purged"),
        on_erase="detach",
        exported=("created_at",),
    ),
)


def purge_expired_reset_codes(now) -> int:
    from .models import PasswordResetCode

    deleted, _ = PasswordResetCode.objects.filter(expires_at__lt=now).delete()
    return deleted


register_purge("accounts.expired_reset_codes", purge_expired_reset_codes)
