"""What each verb of the trail is called in the UI. The stored verb is a stable
dotted code; its label is registered by the app that writes it (in its
``AppConfig.ready``), so lms never names a higher app. A verb nobody registered
is shown as its code."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, Promise | str] = {}


def register_verbs(labels: dict[str, Promise | str]) -> None:
    _LABELS.update(labels)


def verb_label(verb: str) -> str:
    return str(_LABELS.get(verb, verb))


def verb_choices() -> list[tuple[str, str]]:
    """Every registered verb with its label, sorted by label."""
    return sorted(((verb, str(label)) for verb, label in _LABELS.items()), key=lambda c: c[1])


# The core's own verbs (accounts, units, backups, the trail itself).
register_verbs(
    {
        "accounts.reset_code_issued": _("Password reset code issued"),
        "accounts.password_reset_by_code": _("Password reset with a code"),
        "accounts.audience_changed": _("Audience changed"),
        "accounts.roles_changed": _("Roles changed"),
        "units.codes_migrated": _("Unit codes updated to the official list"),
        "backup.created": _("Backup created"),
        "backup.restored": _("Backup restored"),
        "audit.exported": _("Audit trail exported"),
    }
)
