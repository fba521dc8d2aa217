"""Who reaches what in the movement's pages: managers their unit and below,
a team's members their team's area, an ambassador their own learners. Things
outside one's scope are not found (no ids leak)."""

from __future__ import annotations

from lms.accounts.access import deny_unless_role
from lms.accounts.roles import Role
from lms.units.models import Unit
from lms.units.scope import units_in_scope

from .errors import OutsideScope, PersonNotFound
from .models import Ambassador, CommunityDigitalTeam


def access_unit(user, code_or_unit) -> Unit:
    """A unit the user manages, or OutsideScope."""
    scope = units_in_scope(user)
    code = code_or_unit.code if isinstance(code_or_unit, Unit) else code_or_unit
    unit = scope.select_related("parent").filter(code=code).first()
    if unit is None:
        raise OutsideScope()
    return unit


def home_managed_unit(user) -> Unit | None:
    """Where a manager's dashboard opens: their home unit, else their widest unit."""
    scope = units_in_scope(user)
    own = scope.filter(pk=user.home_unit_id).first() if user.home_unit_id else None
    return own or scope.order_by("path").first()


def teams_of(user):
    """Teams a user is a member of, or manages."""
    if not user.is_authenticated:
        return CommunityDigitalTeam.objects.none()
    managed = units_in_scope(user)
    return (
        CommunityDigitalTeam.objects.filter(members__user=user)
        | CommunityDigitalTeam.objects.filter(unit__in=managed)
    ).distinct()


def is_team_member(user) -> bool:
    """Whether the user is on a community digital team (for the home page's tool)."""
    return (
        user.is_authenticated and CommunityDigitalTeam.objects.filter(members__user=user).exists()
    )


def is_ambassador(user) -> bool:
    return user.is_authenticated and Ambassador.objects.filter(user=user).exists()


def access_team(user, team_id: int) -> CommunityDigitalTeam:
    team = teams_of(user).select_related("unit").filter(pk=team_id).first()
    if team is None:
        raise OutsideScope()
    return team


def ambassador_of(user) -> Ambassador | None:
    if not user.is_authenticated:
        return None
    return Ambassador.objects.filter(user=user).select_related("unit").first()


def deny_non_manager(request):
    return deny_unless_role(request, [Role.UNIT_MANAGER, Role.ADMINISTRATOR])


def access_person(user, text: str):
    """An account of the user's units named by mobile number or username."""
    from lms.accounts.phone import InvalidPhoneNumber, normalize_vn_mobile
    from lms.units.scope import people_in_scope

    text = (text or "").strip()
    people = people_in_scope(user)
    try:
        found = people.filter(phone=normalize_vn_mobile(text)).first()
    except InvalidPhoneNumber:
        found = None
    found = found or people.filter(username__iexact=text).first()
    if found is None:
        raise PersonNotFound()
    return found


def access_value_for_review(user, value_id: int):
    """A reported value of one of the user's units (for a manager's review)."""
    from .models import ReportedIndicatorValue

    found = (
        ReportedIndicatorValue.objects.select_related("unit", "period")
        .filter(pk=value_id, unit__in=units_in_scope(user))
        .first()
    )
    if found is None:
        raise OutsideScope()
    return found


def access_value_evidence(user, value_id: int):
    """A reported value whose evidence the user may open: a manager of its unit,
    or a member of the team it was entered through."""
    from .models import ReportedIndicatorValue

    if not user.is_authenticated:
        raise OutsideScope()
    found = ReportedIndicatorValue.objects.filter(pk=value_id).select_related("unit").first()
    if found is None:
        raise OutsideScope()
    if units_in_scope(user).filter(pk=found.unit_id).exists():
        return found
    if found.team_id and teams_of(user).filter(pk=found.team_id).exists():
        return found
    raise OutsideScope()
