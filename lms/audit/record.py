"""`record_event` is called by `do_…` actions inside their own transaction, so the
event and the change it describes are committed together or not at all."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEvent


def _label(obj) -> str:
    return str(obj)[:255] if obj is not None else ""


def record_event(
    *,
    actor,
    verb: str,
    target: models.Model | None = None,
    unit=None,
    extra: dict[str, Any] | None = None,
    using: str | None = None,
) -> AuditEvent:
    """Append one event. `actor` may be None (the system, a beat task, an
    anonymous visitor); `verb` is a stable dotted name such as
    "accounts.reset_code_issued". `using` names another database (a restore
    records its event in the database it restored)."""
    actor_is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.db_manager(using).create(
        actor=actor if actor_is_user else None,
        actor_label=(actor.get_username() if actor_is_user else "")[:200],
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=_label(target),
        unit=unit,
        extra=extra or {},
    )


def events_for(target: models.Model):
    """The trail of one object, newest first."""
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
