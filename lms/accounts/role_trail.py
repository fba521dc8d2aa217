"""Role changes in the audit trail. Roles are Django groups, changed by
administrators in Django's or Wagtail's admin (forms we do not own), so the
change is recorded from the m2m signal, in the same transaction, naming the
request's user (lms.audit.actor). Granting the learner role alone (every
sign-up) is not a change of power and is not recorded."""

from __future__ import annotations

from django.contrib.auth.models import Group

from lms.audit.actor import resolved_actor
from lms.audit.record import record_event

from .roles import Role

_CHANGES = {"post_add": "added", "post_remove": "removed", "pre_clear": "removed"}


def _record(person, change: str, role_names: list[str]) -> None:
    if not role_names or role_names == [Role.LEARNER.value]:
        return
    record_event(
        actor=resolved_actor(),
        verb="accounts.roles_changed",
        target=person,
        unit=person.home_unit,
        extra={change: role_names},
    )


def record_role_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    """m2m_changed receiver for ``User.groups``, from either side."""
    from .models import User

    change = _CHANGES.get(action)
    if change is None:
        return
    if not reverse:  # user.groups.add(...)
        groups = (
            instance.groups.all() if action == "pre_clear" else Group.objects.filter(pk__in=pk_set)
        )
        _record(instance, change, sorted(groups.values_list("name", flat=True)))
        return
    # group.user_set.add(...): one event per person
    people = (
        instance.user_set.all() if action == "pre_clear" else User.objects.filter(pk__in=pk_set)
    )
    for person in people.select_related("home_unit"):
        _record(person, change, [instance.name])
