"""Who sees which classes: instructors their own classes, unit managers the
classes of units in their scope, administrators all. Enforced in the queryset,
so a class outside one's scope is simply not found (404)."""

from __future__ import annotations

from django.db.models import Q

from courses.models import CommunityClass
from lms.accounts.roles import Role, has_role
from lms.units.models import COMMUNE_KINDS, LOCAL_KINDS
from lms.units.scope import units_in_scope

from .errors import ClassNotFound

CLASS_UNIT_KINDS = COMMUNE_KINDS | LOCAL_KINDS


def sees_every_class(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))


def classes_visible_to(user):
    classes = CommunityClass.objects.select_related("unit", "course")
    if not user.is_authenticated:
        return classes.none()
    if sees_every_class(user):
        return classes
    condition = Q(pk__in=[])
    if has_role(user, Role.INSTRUCTOR):
        condition |= Q(instructors=user)
    if has_role(user, Role.UNIT_MANAGER):
        condition |= Q(unit__in=units_in_scope(user).values("pk"))
    return classes.filter(condition).distinct()


def may_manage_classes(user) -> bool:
    return user.is_authenticated and (
        sees_every_class(user)
        or has_role(user, Role.INSTRUCTOR)
        or has_role(user, Role.UNIT_MANAGER)
    )


def units_for_new_classes(user):
    """Where ``user`` may open a class: a commune/ward or a village under it,
    within their managed units, or (instructors) within their home unit."""
    from lms.units.models import Unit

    if not user.is_authenticated:
        return Unit.objects.none()
    units = units_in_scope(user)
    if not units.exists() and has_role(user, Role.INSTRUCTOR) and user.home_unit_id:
        units = Unit.objects.within(user.home_unit)
    return units.filter(kind__in=CLASS_UNIT_KINDS).order_by("path")


def access_class(user, class_id) -> CommunityClass:
    """The class if ``user`` may see and change it; ClassNotFound otherwise."""
    found = classes_visible_to(user).filter(pk=class_id).first()
    if found is None:
        raise ClassNotFound()
    return found


def access_session(user, class_id, session_id):
    community_class = access_class(user, class_id)
    session = community_class.sessions.filter(pk=session_id).first()
    if session is None:
        raise ClassNotFound()
    return community_class, session
