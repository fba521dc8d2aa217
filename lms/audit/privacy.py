"""Personal data in the audit trail (see lms/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Holding, register


def events_about(user):
    from .models import AuditEvent

    return AuditEvent.objects.filter(target_type=user._meta.label_lower, target_id=str(user.pk))


register(
    Holding(
        model="audit.AuditEvent",
        person="actor",
        fields=("actor_label",),
        category=_("What a person did that matters (audit trail)"),
        purpose=_("Accountability for role changes, certificates, exports"),
        seen_by=_("Unit managers for their unit; administrators"),
        kept_for=_("AUDIT_RETENTION_DAYS (default 5 years), then deleted daily"),
        on_erase="detach",
        exported=("created_at", "verb", "target_type", "target_id", "target_label"),
    ),
    Holding(
        model="audit.AuditEvent",
        person="target",
        select=events_about,
        fields=("target_label",),
        category=_("What was done to a person's account (audit trail)"),
        purpose=_("Accountability for role changes, certificates, exports"),
        seen_by=_("Unit managers for their unit; administrators"),
        kept_for=_("AUDIT_RETENTION_DAYS (default 5 years), then deleted daily"),
        exported=("created_at", "verb", "actor_label"),
    ),
)
