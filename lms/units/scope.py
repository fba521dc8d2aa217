"""Who may see which units and people: enforced in querysets, so a unit outside
a manager's scope is simply not found (404), never filtered in a template."""

from .models import Unit


def units_in_scope(user):
    """The units a user manages: everything for administrators, the subtree of
    their home unit for unit managers, nothing for everyone else."""
    from lms.accounts.roles import Role, has_role

    if not user.is_authenticated:
        return Unit.objects.none()
    if user.is_superuser or has_role(user, Role.ADMINISTRATOR):
        return Unit.objects.all()
    if has_role(user, Role.UNIT_MANAGER) and user.home_unit_id:
        return Unit.objects.within(user.home_unit)
    return Unit.objects.none()


def manages_any_unit(user) -> bool:
    return units_in_scope(user).exists()


def people_in_scope(user):
    """The accounts whose home unit a user manages (none for non-managers)."""
    from lms.accounts.models import User

    return User.objects.filter(home_unit__in=units_in_scope(user)).select_related("home_unit")
