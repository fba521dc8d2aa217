"""Reading the trail: who may read which events, and the page's filters.

Superusers and administrators read everything; a unit manager reads the events
of their units' subtree (the event's unit, or for an event without a unit, the
acting person's home unit); nobody else reads it (403)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from lms.accounts.roles import Role, has_role
from lms.errors import PermissionDenied
from lms.units.scope import units_in_scope

from .models import AuditEvent


class NotAllowedToReadTheTrail(PermissionDenied):
    code = "audit_not_allowed"


def can_read_trail(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or units_in_scope(user).exists()


def access_audit_trail(user):
    """The events ``user`` may read, newest first, or NotAllowedToReadTheTrail."""
    if not can_read_trail(user):
        raise NotAllowedToReadTheTrail()
    events = AuditEvent.objects.select_related("unit", "actor").order_by("-created_at", "-id")
    if user.is_superuser or has_role(user, Role.ADMINISTRATOR):
        return events  # every unit, and the events without one
    units = units_in_scope(user)
    return events.filter(Q(unit__in=units) | Q(unit__isnull=True, actor__home_unit__in=units))


@dataclass(frozen=True)
class TrailFilters:
    actor: str = ""
    verb: str = ""
    unit: object = None  # a Unit in the reader's scope: it and every unit under it
    since: date | None = None
    until: date | None = None

    def apply(self, events):
        from lms.accounts.search import query_terms

        for term in query_terms(self.actor):
            # Folded like the people search: "binh" finds "Trần Thị Bình".
            events = events.filter(
                Q(actor__search_text__contains=term) | Q(actor_label__icontains=term)
            )
        if self.verb:
            events = events.filter(verb=self.verb)
        if self.unit is not None:
            events = events.filter(unit__path__startswith=self.unit.path)
        if self.since:
            events = events.filter(created_at__gte=_local_midnight(self.since))
        if self.until:
            events = events.filter(created_at__lt=_local_midnight(self.until + timedelta(days=1)))
        return events

    def as_extra(self) -> dict:
        """The filters as the export's own event records them."""
        return {
            "actor": self.actor,
            "verb": self.verb,
            "unit": self.unit.code if self.unit is not None else "",
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
