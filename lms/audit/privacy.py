"""Personal data in the audit trail (see lms/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Holding, register


def events_about(user):
    """Events whose target is the person, or a row any app holds about them (a
    certificate's label carries the holder's name, a participant's their nickname).
    One query: each declaration's rows are a subquery, not a list fetched first."""
    from django.db.models import CharField, Q
    from django.db.models.functions import Cast

    from lms.privacy.registry import holdings

    from .models import AuditEvent

    about = Q(target_type=user._meta.label_lower, target_id=str(user.pk))
    for holding in holdings():
        if holding.model == "audit.AuditEvent" or holding.person == "pk":
            continue
        # target_id is text (any model's key): compare it with the key as text.
        ids = (
            holding.rows_of(user)
            .order_by()
            .annotate(target_key=Cast("pk", output_field=CharField()))
            .values("target_key")
        )
        about |= Q(target_type=holding.model.lower(), target_id__in=ids)
    return AuditEvent.objects.filter(about)


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
