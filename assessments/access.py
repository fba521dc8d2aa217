"""Who sees whose quiz results: the one rule every staff results page, API
endpoint, export and grading queue goes through.

* superusers and administrators: every attempt;
* instructors: attempts at quizzes they created, and attempts of learners whose
  home unit is within the instructor's own home unit;
* unit managers: attempts of learners whose home unit is in their scope;
* nobody else: nothing (editors, reviewers and learners included).

Things outside the rule are simply not in the queryset, so a page shows them
as missing (404 for one object), never as forbidden."""

from __future__ import annotations

from django.db.models import Q

from lms.accounts.roles import Role, has_role
from lms.units.scope import units_in_scope

from .models import Attempt


def sees_every_result(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))


def result_conditions(user) -> list[Q]:
    """The rule as filters on Attempt; an empty list means "nothing"."""
    conditions: list[Q] = []
    if has_role(user, Role.INSTRUCTOR):
        conditions.append(Q(quiz__created_by=user))
        if user.home_unit_id:
            conditions.append(Q(user__home_unit__path__startswith=user.home_unit.path))
    if has_role(user, Role.UNIT_MANAGER):
        conditions.append(Q(user__home_unit__in=units_in_scope(user).values("pk")))
    return conditions


def submitted_attempts(user, quiz):
    """The submitted attempts at ``quiz`` that ``user`` may see."""
    from .models import AttemptState

    return attempts_visible_to(
        user, Attempt.objects.filter(quiz=quiz, state=AttemptState.SUBMITTED)
    )


def attempts_visible_to(user, attempts=None):
    """``attempts`` (all attempts by default) narrowed to those ``user`` may see."""
    attempts = Attempt.objects.all() if attempts is None else attempts
    if not user.is_authenticated:
        return attempts.none()
    if sees_every_result(user):
        return attempts
    conditions = result_conditions(user)
    if not conditions:
        return attempts.none()
    combined = Q()
    for condition in conditions:
        combined |= condition
    # Every condition follows single-valued foreign keys: no row is repeated.
    return attempts.filter(combined)
