"""Changing a person's audience is an explicit, recorded step.

The audience decides which completion quiz one takes and which certificate it
issues, so it is not a free profile field: a learner may change their own only
before they hold any certificate; staff (``accounts.change_user``) change it for
the people in their units' scope. Every change writes an
``accounts.audience_changed`` audit event with the old and new audience.

``lms`` never imports the apps above it: an app that knows a reason to refuse a
learner's own change (the certificates app: "holds a certificate") connects a
receiver to ``audience_change_locks``; it returns a translated reason or None.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience
from lms.audit.record import record_event
from lms.errors import ActionError, Conflict, NotFound
from lms.units.scope import units_in_scope

from .models import User
from .roles import Role, has_role

# Sent with ``person``; receivers return a reason (str) the person may not change
# their own audience, or None.
audience_change_locks = Signal()


class UnknownAudience(ActionError):
    code = "unknown_audience"
    default_message = _("Choose one of the four audiences.")


class AudienceLocked(Conflict):
    code = "audience_locked"
    default_message = _(
        "You already hold a certificate, so your audience can only be changed by your unit's staff."
    )


def people_in_scope(actor):
    """The people whose audience ``actor`` may change as staff."""
    if not actor.is_authenticated or not actor.has_perm("accounts.change_user"):
        return User.objects.none()
    if actor.is_superuser or has_role(actor, Role.ADMINISTRATOR):
        return User.objects.all()  # administrators also reach people with no home unit
    return User.objects.filter(home_unit__in=units_in_scope(actor))


def access_person_for_audience(actor, person_id) -> User:
    """``actor`` themself, or a person in their staff scope; else NotFound."""
    try:
        person_id = int(person_id)
    except (TypeError, ValueError):
        raise NotFound() from None
    if actor.is_authenticated and actor.pk == person_id:
        return actor
    person = people_in_scope(actor).filter(pk=person_id).first()
    if person is None:
        raise NotFound()
    return person


def lock_reasons(person) -> list[str]:
    return [
        str(reason)
        for _receiver, reason in audience_change_locks.send(sender=User, person=person)
        if reason
    ]


def check_audience_change(*, actor, person, audience: str) -> None:
    if audience not in Audience.values:
        raise UnknownAudience()
    if actor.pk != person.pk:
        if not people_in_scope(actor).filter(pk=person.pk).exists():
            raise NotFound()
        return
    reasons = lock_reasons(person)
    if reasons:
        raise AudienceLocked(reasons[0])


def do_change_audience(*, actor, person, audience: str) -> bool:
    """Set ``person``'s audience; True when it changed (and was recorded)."""
    check_audience_change(actor=actor, person=person, audience=audience)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=person.pk)
        old = locked.audience
        if old == audience:
            return False
        User.objects.filter(pk=person.pk).update(audience=audience)
        record_event(
            actor=actor,
            verb="accounts.audience_changed",
            target=locked,
            unit=locked.home_unit,
            extra={"old": old, "new": audience},
        )
    person.audience = audience
    if actor.pk == person.pk:
        actor.audience = audience
    return True
