"""Reads for staff pages about people, scoped by unit (lms.units.scope): the
people page and the audit trail's actor filter read through here."""

from __future__ import annotations

from lms.errors import PermissionDenied
from lms.units.scope import people_in_scope, units_in_scope

from .actions import resettable_people
from .search import people_matching


class NotAUnitManager(PermissionDenied):
    code = "not_a_unit_manager"


def access_people_directory(user):
    """The people ``user`` manages (their units' subtree), or NotAUnitManager."""
    if not units_in_scope(user).exists():
        raise NotAUnitManager()
    return people_in_scope(user)


def search_people(user, query: str):
    """People in ``user``'s scope matching ``query`` (accent-insensitive names,
    phone numbers however typed), by name."""
    people = access_people_directory(user).order_by("full_name", "username")
    matching = people_matching(query)
    return people if matching is None else people.filter(matching)


def resettable_among(user, people) -> set[int]:
    """Which of ``people`` (one page) ``user`` may issue a reset code for."""
    ids = [person.pk for person in people]
    return set(resettable_people(user).filter(pk__in=ids).values_list("pk", flat=True))
